import Testing
@testable import MigrationKit

/// Properties that must hold for any go-live day and any blackouts: checked over thousands
/// of seeded random cases from 2020 to 2040.
@Suite struct PlannerPropertyTests {
    static let first = try! Day(parsing: "2020-01-01")
    static let last = try! Day(parsing: "2040-12-31")

    static func randomDay(_ random: inout SplitMix64, from: Day = first, to: Day = last) -> Day {
        from + Int.random(in: 0...from.days(to: to), using: &random)
    }

    static func randomBlackouts(_ random: inout SplitMix64, around day: Day) -> [Blackout] {
        (0..<Int.random(in: 0...3, using: &random)).map { index in
            let start = day + Int.random(in: -200...30, using: &random)
            let length = Int.random(in: 0...14, using: &random)
            return Blackout(range: DayRange(uncheckedStart: start, end: start + length), reason: "closure \(index)")
        }
    }

    @Test(arguments: [1, 2, 3, 4])
    func everyDateIsAWorkingDayInProcessOrderWithItsLeadTimes(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        for _ in 0..<1_500 {
            let goLive = Self.randomDay(&random)
            let calendar = WorkingCalendar(blackouts: Self.randomBlackouts(&random, around: goLive))
            let plan = Planner(calendar: calendar).plan(goLive: goLive)
            let t = plan.template
            let context = "go-live \(goLive), blackouts \(calendar.blackouts)"

            // Working days: everything but the go-live as asked (a rule flags that one).
            for milestone in plan.milestones {
                if milestone.phase != .goLive && milestone.phase != .cutover {
                    #expect(calendar.isWorkingDay(milestone.start) && calendar.isWorkingDay(milestone.end), "\(milestone.id) \(context)")
                }
                #expect(milestone.start <= milestone.end, "\(milestone.id) \(context)")
            }
            for deadline in plan.deadlines {
                #expect(calendar.isWorkingDay(deadline.due), "\(deadline.id) \(context)")
            }
            if calendar.isWorkingDay(goLive) {
                let cutover = plan.milestone(.cutover)
                #expect(calendar.isWorkingDay(cutover.start) && calendar.isWorkingDay(cutover.end))
            } else {
                let findings = RuleSet.planning.evaluate(PlanContext(plan: plan, calendar: calendar, today: Self.first - 400))
                #expect(findings.contains { $0.id == "go-live-non-working-day" }, "\(context)")
            }

            // Process order: each phase of the main sequence starts once the one before has ended.
            let sequence = plan.milestones.filter { !$0.phase.runsAlongside }
            for (before, after) in zip(sequence, sequence.dropFirst()) {
                #expect(before.end <= after.start, "\(before.id) then \(after.id), \(context)")
                #expect(before.start < after.start || before.phase == .finalDataProduction, "\(before.id) then \(after.id), \(context)")
            }
            for alongside in plan.milestones.filter(\.phase.runsAlongside) {
                #expect(plan.milestone(.technicalSurvey).end < alongside.start && alongside.end < goLive, "\(alongside.id) \(context)")
            }

            // Lead times.
            let finalData = plan.finalDataProduction
            #expect(plan.deadline(.dataExtractRequest).due.days(to: plan.initialDataProduction) >= t.dataExtractNoticeDays, "\(context)")
            #expect(plan.deadline(.epsNotice).due.days(to: finalData) >= t.epsNoticeDays, "\(context)")
            #expect(plan.deadline(.thirdPartyNotice).due.days(to: finalData) >= t.thirdPartyNoticeDays, "\(context)")
            #expect(plan.deadline(.cutoverPlanningMeeting).due.days(to: finalData) >= t.cutoverPlanningMeetingDays, "\(context)")
            #expect(calendar.workingDays(from: plan.deadline(.linksSwitchOff).due, to: finalData) == t.linksSwitchOffDays, "\(context)")
            #expect(calendar.workingDays(from: finalData, to: goLive) == t.cutoverDays || !calendar.isWorkingDay(goLive), "\(context)")
            let kickOff = plan.milestone(.kickOff).start, survey = plan.milestone(.technicalSurvey).start
            #expect(calendar.workingDays(from: kickOff, to: survey) <= 3, "\(context)")
            #expect(goLive.days(to: plan.deadline(.runOffEnd).due) >= t.runOffDays, "\(context)")
            #expect(goLive.days(to: plan.deadline(.legacySupportEnd).due) >= t.legacySupportDays, "\(context)")
            #expect(plan.deadline(.scheduleADecommission).due <= plan.milestone(.procurement).start, "\(context)")
            #expect(plan.deadline(.scheduleATarget).due.days(to: goLive) >= t.orderToGoLiveDays, "\(context)")
        }
    }

    @Test(arguments: [11, 12])
    func theEarliestFeasibleGoLiveIsFeasibleAndTheWorkingDayBeforeItIsNot(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        for _ in 0..<500 {
            let today = Self.randomDay(&random, to: Self.last - 400)
            let calendar = WorkingCalendar(blackouts: Self.randomBlackouts(&random, around: today + 200))
            let planner = Planner(calendar: calendar)
            let context = "today \(today), blackouts \(calendar.blackouts)"
            guard let earliest = planner.earliestFeasibleGoLive(from: today) else {
                Issue.record("no earliest go-live, \(context)")
                continue
            }
            #expect(planner.isAcceptableGoLive(earliest, today: today), "\(earliest) \(context)")
            let plan = planner.plan(goLive: earliest)
            #expect(plan.isFeasible(today: today))
            #expect(!plan.criticalWindow.days.contains { calendar.blackout(on: $0) != nil || EnglandAndWalesBankHolidays.isBankHoliday($0) })
            // No earlier go-live would do, not only the working day before.
            let before = calendar.workingDay(onOrBefore: earliest - 1)
            #expect(!planner.isAcceptableGoLive(before, today: today), "\(before) before \(earliest), \(context)")
            var day = earliest - 1
            while day >= today && day > earliest - 60 {
                #expect(!planner.isAcceptableGoLive(day, today: today), "\(day) before \(earliest), \(context)")
                day = day - 1
            }
        }
    }

    /// With some deadlines already met (a migration under way), the earliest go-live counts
    /// them as behind it: it is acceptable with them done, and no earlier day is, so a
    /// current date that can be met is never later than the earliest stated.
    @Test(arguments: [21, 22])
    func theEarliestGoLiveCountsMetDeadlinesAsBehindIt(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let keys = Planner().plan(goLive: Self.first + 400).deadlines.map(\.key)
        for _ in 0..<300 {
            let today = Self.randomDay(&random, to: Self.last - 400)
            let planner = Planner(calendar: WorkingCalendar(blackouts: Self.randomBlackouts(&random, around: today + 100)))
            let done = Set(keys.filter { _ in Bool.random(using: &random) })
            let context = "today \(today), done \(done.map(\.rawValue).sorted())"
            guard let earliest = planner.earliestFeasibleGoLive(from: today, done: done) else {
                Issue.record("no earliest go-live, \(context)")
                continue
            }
            #expect(planner.isAcceptableGoLive(earliest, today: today, done: done), "\(earliest) \(context)")
            var day = earliest - 1
            while day >= today && day > earliest - 60 {
                #expect(!planner.isAcceptableGoLive(day, today: today, done: done), "\(day) before \(earliest), \(context)")
                day = day - 1
            }
            if let withoutDone = planner.earliestFeasibleGoLive(from: today) { #expect(earliest <= withoutDone, "\(context)") }
        }
    }
}
