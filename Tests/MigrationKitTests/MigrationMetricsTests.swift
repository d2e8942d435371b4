import Testing
@testable import MigrationKit

@Suite struct MigrationMetricsTests {
    func day(_ text: String) -> Day { Day(text)! }

    func outcome(_ old: String, _ new: String, lastDay: String?, goLive: String?, kickOff: (planned: String, actual: String)? = nil) -> MigrationOutcome {
        var phases: [MigrationOutcome.PhaseRecord] = []
        if let lastDay { phases.append(.init(phase: .finalDataProduction, plannedEnd: day(lastDay), actualStart: day(lastDay), actualEnd: day(lastDay))) }
        if let kickOff { phases.append(.init(phase: .kickOff, plannedEnd: day(kickOff.planned), actualStart: day("2026-10-01"), actualEnd: day(kickOff.actual))) }
        return MigrationOutcome(oldSupplier: old, newSupplier: new, phases: phases, actualGoLive: goLive.map(day))
    }

    @Test func summariesCountMeanMedianShortestAndLongest() {
        #expect(MigrationMetrics.Summary([]) == nil)
        let odd = MigrationMetrics.Summary([5, 1, 3])!
        #expect(odd.count == 3 && odd.mean == 3 && odd.median == 3 && odd.shortest == 1 && odd.longest == 5)
        let even = MigrationMetrics.Summary([4, 1, 2, 10])!
        #expect(even.median == 3 && even.mean == 4.25)
    }

    /// Friday's final data production to Monday's go-live: three calendar days, one working day.
    @Test func cutoverLengthIsFromTheLastBusyDayToTheFirstPerSupplierPair() {
        let metrics = MigrationMetrics([
            outcome("EMIS Health", "TPP", lastDay: "2026-11-06", goLive: "2026-11-09"),
            outcome("EMIS Health", "TPP", lastDay: "2026-11-04", goLive: "2026-11-09"),
            outcome("Vision", "TPP", lastDay: "2026-11-05", goLive: "2026-11-06"),
            outcome("EMIS Health", "TPP", lastDay: "2026-11-05", goLive: nil), // not live: not counted
        ])
        #expect(metrics.cutovers.map(\.oldSupplier) == ["EMIS Health", "Vision"])
        let emis = metrics.cutovers[0]
        #expect(emis.calendarDays == MigrationMetrics.Summary([3, 5]))
        #expect(emis.workingDays == MigrationMetrics.Summary([1, 3]))
        #expect(metrics.cutovers[1].calendarDays.longest == 1)
    }

    @Test func eachPhaseIsOnTimeWhenItEndedByItsPlannedEnd() {
        let metrics = MigrationMetrics([
            outcome("A", "B", lastDay: nil, goLive: nil, kickOff: ("2026-10-10", "2026-10-10")),
            outcome("A", "B", lastDay: nil, goLive: nil, kickOff: ("2026-10-10", "2026-10-08")),
            outcome("A", "B", lastDay: nil, goLive: nil, kickOff: ("2026-10-10", "2026-10-14")),
        ])
        let kickOff = metrics.phases.first { $0.phase == .kickOff }!
        #expect(kickOff.finished == 3 && kickOff.onTime == 2)
        #expect(kickOff.daysLate == MigrationMetrics.Summary([0, -2, 4]))
        #expect(metrics.phases.first { $0.phase == .training }!.onTimeRate == nil)
        #expect(metrics.months == [MigrationMetrics.MonthlyStarts(month: "2026-10", phase: .kickOff, started: 3)])
    }
}
