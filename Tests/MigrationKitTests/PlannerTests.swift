import Testing
@testable import MigrationKit

@Suite struct PlannerTests {
    func day(_ text: String) -> Day { try! Day(parsing: text) }

    /// Go-live Monday 14 June 2027, worked out by hand: Easter (26 and 29 March), early May
    /// (3 May) and spring (31 May) bank holidays all fall inside the plan.
    @Test func plansJune2027ByHand() {
        let plan = Planner().plan(goLive: day("2027-06-14"))
        let windows = Dictionary(uniqueKeysWithValues: plan.milestones.map { ($0.id, $0.window.description) })
        #expect(windows == [
            "decision-and-funding": "2027-03-08..2027-03-19",
            "procurement": "2027-03-22..2027-04-28",
            "kick-off": "2027-04-29",
            "technical-survey": "2027-05-04",
            "pre-migration": "2027-05-05..2027-05-18",
            "initial-data-production": "2027-05-19",
            "data-checking": "2027-05-20..2027-06-03",
            "data-recheck-sign-off": "2027-06-04..2027-06-08",
            "cutover-planning": "2027-05-12..2027-06-08",
            "training": "2027-05-05..2027-06-11",
            "final-data-production": "2027-06-09",
            "cutover": "2027-06-09..2027-06-14",
            "go-live": "2027-06-14",
            "post-go-live": "2027-06-15..2027-06-28",
            "end-of-migration": "2027-06-29..2027-07-29",
        ])
        let deadlines = Dictionary(uniqueKeysWithValues: plan.deadlines.map { ($0.id, $0.due.description) })
        #expect(deadlines == [
            "schedule-a-target": "2027-03-22",
            "schedule-a-decommission": "2027-03-22",
            "go-live-confirmed": "2027-04-06",
            "data-extract-request": "2027-04-14",
            "eps-notice": "2027-05-05",
            "cutover-planning-meeting": "2027-05-12",
            "third-party-notice": "2027-06-04",
            "bowel-screening-pause": "2027-06-07",
            "links-switch-off": "2027-06-08",
            "training": "2027-06-11",
            "deployment-survey": "2027-06-28",
            "run-off-end": "2027-07-29",
            "legacy-support-end": "2027-09-13",
        ])
        #expect(plan.deadlines.map(\.due) == plan.deadlines.map(\.due).sorted())
        #expect(plan.criticalWindow.description == "2027-06-09..2027-06-16")
    }

    @Test func aSupplierWithLongerNoticeMovesOnlyTheExtractRequest() throws {
        let standard = Planner().plan(goLive: day("2027-06-14"))
        let slow = Planner(template: try ProcessTemplate.standard.applying(["dataExtractNoticeDays": 49])).plan(goLive: day("2027-06-14"))
        #expect(slow.deadline(.dataExtractRequest).due.description == "2027-03-31")
        #expect(slow.milestones == standard.milestones)
    }

    @Test func blackoutsPushWorkAroundThem() {
        // The practice is closed for a fortnight: the recheck (3 working days) spans it,
        // and everything before it moves earlier.
        let closed = Blackout(range: DayRange(uncheckedStart: day("2027-05-24"), end: day("2027-06-04")), reason: "closed")
        let calendar = WorkingCalendar(blackouts: [closed])
        let plan = Planner(calendar: calendar).plan(goLive: day("2027-06-14"))
        #expect(!plan.milestones.contains { closed.range.contains($0.start) || closed.range.contains($0.end) })
        #expect(plan.milestone(.dataRecheckSignOff).window.description == "2027-05-21..2027-06-08")
        #expect(plan.milestone(.dataChecking).end.description == "2027-05-20")
        #expect(plan.initialDataProduction < Planner().plan(goLive: day("2027-06-14")).initialDataProduction)
    }

    @Test func feasibilityDependsOnToday() {
        let planner = Planner()
        let plan = planner.plan(goLive: day("2027-06-14"))
        #expect(plan.isFeasible(today: day("2027-03-22")))
        #expect(!plan.isFeasible(today: day("2027-03-23")))
        #expect(plan.isFeasible(today: day("2027-03-23"), done: [.scheduleATarget, .scheduleADecommission]))
        #expect(plan.missedDeadlines(today: day("2027-04-15")).map(\.kind) == [.scheduleATarget, .scheduleADecommission, .goLiveConfirmed, .dataExtractRequest])
    }

    @Test func earliestGoLiveFromTheIssueDate() throws {
        let planner = Planner()
        let earliest = try #require(planner.earliestFeasibleGoLive(from: day("2026-11-25")))
        #expect(earliest.description == "2027-02-17")
        // Its first deadline is today or later; a day earlier would need a call-off yesterday.
        #expect(planner.plan(goLive: earliest).deadlines[0].due >= day("2026-11-25"))
        #expect(!planner.plan(goLive: earliest - 1).isFeasible(today: day("2026-11-25")))
    }

    @Test func earliestGoLiveSkipsBlackoutsAndHolidaysInTheCriticalWindow() throws {
        let easter = Blackout(range: DayRange(uncheckedStart: day("2027-02-15"), end: day("2027-03-05")), reason: "flu clinics")
        let planner = Planner(calendar: WorkingCalendar(blackouts: [easter]))
        let earliest = try #require(planner.earliestFeasibleGoLive(from: day("2026-11-25")))
        let window = planner.plan(goLive: earliest).criticalWindow
        #expect(!window.overlaps(easter.range))
        #expect(window.start > easter.range.end)
    }

    @Test func noGoLiveWhenEverythingIsBlackedOut() {
        let forever = Blackout(range: DayRange(uncheckedStart: day("2026-01-01"), end: day("2031-01-01")), reason: "no")
        #expect(Planner(calendar: WorkingCalendar(blackouts: [forever])).earliestFeasibleGoLive(from: day("2026-11-25")) == nil)
    }
}

@Suite struct WorkingCalendarTests {
    func day(_ text: String) -> Day { try! Day(parsing: text) }

    @Test func stepsOverChristmasAndNewYear() {
        let calendar = WorkingCalendar()
        // Thu 23 Dec 2027 + 1 working day: skips the weekend, 27 and 28 Dec.
        #expect(calendar.adding(workingDays: 1, to: day("2027-12-24")).description == "2027-12-29")
        #expect(calendar.adding(workingDays: -1, to: day("2027-12-29")).description == "2027-12-24")
        #expect(calendar.workingDays(from: day("2027-12-24"), to: day("2027-12-31")) == 3)
        #expect(calendar.workingDays(from: day("2027-12-31"), to: day("2027-12-24")) == -3)
    }

    @Test func saysWhyADayIsNotWorking() {
        let calendar = WorkingCalendar(blackouts: [Blackout(range: DayRange(day: day("2027-06-15")), reason: "staff training")])
        #expect(calendar.reasonNotWorking(day("2027-06-12")) == "Saturday")
        #expect(calendar.reasonNotWorking(day("2027-05-31")) == "Spring bank holiday")
        #expect(calendar.reasonNotWorking(day("2027-06-15")) == "staff training")
        #expect(calendar.reasonNotWorking(day("2027-06-14")) == nil)
        #expect(calendar.workingDay(onOrAfter: day("2027-06-12")).description == "2027-06-14")
        #expect(calendar.workingDay(onOrBefore: day("2027-06-15")).description == "2027-06-14")
    }
}
