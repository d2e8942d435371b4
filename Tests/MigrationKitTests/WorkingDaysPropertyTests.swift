import Testing
@testable import MigrationKit

/// Counting working days between two days, for equal, adjacent and reversed pairs: a day
/// and itself once recursed without end and took the server down.
@Suite struct WorkingDaysPropertyTests {
    static let calendar = WorkingCalendar(blackouts: [
        Blackout(range: DayRange(uncheckedStart: try! Day(parsing: "2027-08-02"), end: try! Day(parsing: "2027-08-13")), reason: "summer leave"),
    ])

    @Test(arguments: [11, 12, 13])
    func equalAdjacentAndReversedDays(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let first = try! Day(parsing: "2026-01-01")
        for _ in 0..<2_000 {
            let day = first + Int.random(in: 0...1_500, using: &random)
            let other = day + Int.random(in: -40...40, using: &random)
            let cal = Self.calendar
            // A day and itself: nothing lies strictly between.
            #expect(cal.workingDays(from: day, to: day) == 0)
            // Adjacent days: one when the later one is a working day.
            #expect(cal.workingDays(from: day, to: day + 1) == (cal.isWorkingDay(day + 1) ? 1 : 0))
            #expect(cal.workingDays(from: day + 1, to: day) == (cal.isWorkingDay(day + 1) ? -1 : 0))
            // Reversed: the same count, negated.
            #expect(cal.workingDays(from: other, to: day) == -cal.workingDays(from: day, to: other), "\(day) \(other)")
            // Consistent with stepping: adding n working days lands n working days away.
            let n = Int.random(in: 0...20, using: &random)
            #expect(cal.workingDays(from: day, to: cal.adding(workingDays: n, to: day)) == n, "\(day) +\(n)")
        }
    }

    @Test func aSurveyOnTheDayOfTheKickOffIsPlanned() throws {
        var template = ProcessTemplate.standard
        template.kickOffToSurveyDays = 0
        let report = Planner(template: template).report(goLive: try Day(parsing: "2027-06-14"), today: try Day(parsing: "2026-11-25"))
        #expect(report.plan.milestone(.kickOff).start == report.plan.milestone(.technicalSurvey).start)
        #expect(!report.findings.contains { $0.rule == KickOffSurveyApartRule().id })
    }
}
