import Testing
@testable import MigrationKit

/// Each planning rule raises its finding when its lesson is broken, and stays quiet otherwise.
@Suite struct RuleTests {
    func day(_ text: String) -> Day { try! Day(parsing: text) }

    func findings(goLive: String, today: String = "2026-11-25", blackouts: [Blackout] = [], template: ProcessTemplate = .standard, done: Set<DeadlineID> = []) -> [Finding] {
        let calendar = WorkingCalendar(blackouts: blackouts)
        let plan = Planner(template: template, calendar: calendar).plan(goLive: day(goLive))
        return RuleSet.planning.evaluate(PlanContext(plan: plan, calendar: calendar, today: day(today), done: done))
    }

    @Test func aWellPlacedGoLiveHasNoFindings() {
        #expect(findings(goLive: "2027-06-14").isEmpty)
    }

    @Test func goLiveOnAWeekendOrBankHolidayIsCritical() throws {
        for goLive in ["2027-06-12", "2027-05-31"] {
            let finding = try #require(findings(goLive: goLive).first { $0.id == "go-live-non-working-day" })
            #expect(finding.severity == .critical)
            #expect(finding.milestone == "go-live")
        }
        let holiday = try #require(findings(goLive: "2027-05-31").first { $0.id == "go-live-non-working-day" })
        #expect(holiday.message.contains("Spring bank holiday"))
        #expect(holiday.action.contains("Tuesday 1 June 2027"))
    }

    @Test func goLiveInsideABlackoutIsCritical() {
        let closed = Blackout(range: DayRange(uncheckedStart: day("2027-06-14"), end: day("2027-06-18")), reason: "practice closed")
        let all = findings(goLive: "2027-06-14", blackouts: [closed])
        #expect(all.contains { $0.id == "go-live-non-working-day" && $0.message.contains("practice closed") })
        #expect(all.contains { $0.id == "critical-window-blackout:2027-06-14..2027-06-18" && $0.severity == .critical })
    }

    @Test func missedDeadlinesAreCriticalAndDoneOnesAreNot() throws {
        let all = findings(goLive: "2027-03-01", today: "2027-01-20")
        let missed = all.filter { $0.rule == "deadline-missed" }
        #expect(!missed.isEmpty)
        #expect(missed.allSatisfy { $0.severity == .critical && $0.deadline != nil })
        let extract = try #require(missed.first { $0.deadline == "data-extract-request" })
        #expect(extract.id == "deadline-missed:data-extract-request")
        #expect(extract.action.hasPrefix("Delivery partner (CSU) to do it now"))
        let afterDoing = findings(goLive: "2027-03-01", today: "2027-01-20", done: DeadlineID.everyKind)
        #expect(!afterDoing.contains { $0.rule == "deadline-missed" })
    }

    @Test func deadlinesWithinFiveWorkingDaysAreWarnings() throws {
        let plan = Planner().plan(goLive: day("2027-06-14"))
        let extractDue = plan.deadline(.dataExtractRequest).due
        let calendar = WorkingCalendar()
        let fiveBefore = calendar.adding(workingDays: -5, to: extractDue)
        let sixBefore = calendar.adding(workingDays: -6, to: extractDue)
        let soon = findings(goLive: "2027-06-14", today: fiveBefore.description)
        #expect(soon.contains { $0.id == "deadline-due-soon:data-extract-request" && $0.severity == .warning })
        let notYet = findings(goLive: "2027-06-14", today: sixBefore.description)
        #expect(!notYet.contains { $0.id == "deadline-due-soon:data-extract-request" })
    }

    @Test func aBankHolidayInTheCriticalWindowIsAWarning() throws {
        // Go-live Tuesday 1 June 2027: final data production falls before Monday 31 May.
        let all = findings(goLive: "2027-06-01")
        let finding = try #require(all.first { $0.rule == "critical-window-bank-holiday" })
        #expect(finding.id == "critical-window-bank-holiday:2027-05-31")
        #expect(finding.severity == .warning)
    }

    @Test func kickOffAndSurveyTooFarApart() throws {
        var template = ProcessTemplate.standard
        template.kickOffToSurveyDays = 6
        let finding = try #require(findings(goLive: "2027-06-14", template: template).first { $0.id == "kick-off-survey-apart" })
        #expect(finding.message.contains("6 working days apart"))
        template.kickOffToSurveyDays = 3
        #expect(!findings(goLive: "2027-06-14", template: template).contains { $0.id == "kick-off-survey-apart" })
    }

    @Test func cutoverTooShortOrTooLong() {
        var template = ProcessTemplate.standard
        template.cutoverDays = 1
        // Go-live Wednesday: final data production on Tuesday, one day before.
        #expect(findings(goLive: "2027-06-16", template: template).contains { $0.id == "cutover-too-short" })
        // Go-live Monday: final data production the Friday before, three days: allowed.
        #expect(!findings(goLive: "2027-06-14", template: template).contains { $0.id == "cutover-too-short" })
        template.cutoverDays = 11
        #expect(findings(goLive: "2027-06-16", template: template).contains { $0.id == "cutover-too-long" })
        template.cutoverDays = 10
        #expect(!findings(goLive: "2027-06-16", template: template).contains { $0.id == "cutover-too-long" })
    }

    @Test func runOffShorterThanTheStandard() {
        var template = ProcessTemplate.standard
        template.runOffDays = 30
        #expect(findings(goLive: "2027-06-14", template: template).contains { $0.id == "run-off-too-short" && $0.deadline == "run-off-end" })
    }

    @Test func findingsComeMostSevereFirst() {
        let all = findings(goLive: "2027-03-06", today: "2027-01-20")
        #expect(all.map(\.severity) == all.map(\.severity).sorted(by: >))
    }

    @Test func theRuleSetCanBeExtended() {
        struct AlwaysInfo: Rule {
            let id = "always"
            func evaluate(_ context: PlanContext) -> [Finding] {
                [Finding(rule: id, severity: .info, message: "m", milestone: .goLive, action: "a")]
            }
        }
        let plan = Planner().plan(goLive: day("2027-06-14"))
        let rules = RuleSet<PlanContext>.planning.adding([AlwaysInfo()])
        #expect(rules.evaluate(PlanContext(plan: plan, calendar: WorkingCalendar(), today: day("2026-11-25"))).map(\.id) == ["always"])
    }

    /// The ends of the old system's service are dates to know, not tasks: never "due soon",
    /// though the deployment survey, due in the same weeks, is.
    @Test func theEndsOfServiceAreNotChasedAsDueSoon() {
        let plan = Planner().plan(goLive: day("2027-03-01"))
        let runOffEnd = plan.deadline(.runOffEnd).due
        let soon = findings(goLive: "2027-03-01", today: (runOffEnd - 2).description).filter { $0.rule == "deadline-due-soon" }
        #expect(!soon.contains { $0.deadline == "run-off-end" })
        let survey = plan.deadline(.deploymentSurvey).due
        #expect(findings(goLive: "2027-03-01", today: (survey - 2).description).contains { $0.rule == "deadline-due-soon" && $0.deadline == "deployment-survey" })
    }
}
