import Testing
@testable import MigrationKit

/// One "due soon" and one "feasible" for every list, page and rule.
@Suite struct DueSoonTests {
    let calendar = WorkingCalendar()

    @Test func dueSoonIsTodayToFiveWorkingDaysAhead() throws {
        // Wednesday 23 December 2026: Christmas, Boxing Day (substitute on the 28th) and the weekend intervene.
        let today = try Day(parsing: "2026-12-23")
        #expect(DueSoon.horizon(from: today, calendar: calendar) == (try Day(parsing: "2027-01-04")))
        #expect(DueSoon.contains(today, today: today, calendar: calendar))
        #expect(DueSoon.contains(try Day(parsing: "2027-01-04"), today: today, calendar: calendar))
        #expect(!DueSoon.contains(try Day(parsing: "2027-01-05"), today: today, calendar: calendar))
        #expect(!DueSoon.contains(today - 1, today: today, calendar: calendar))
    }

    @Test func aPlanOnANonWorkingDayIsNotFeasibleAnywhere() throws {
        let planner = Planner()
        let saturday = try Day(parsing: "2027-06-12")
        let today = try Day(parsing: "2026-11-25")
        let plan = planner.plan(goLive: saturday)
        #expect(plan.isFeasible(today: today))
        #expect(!planner.isFeasible(plan, today: today))
        #expect(!planner.report(goLive: saturday, today: today).feasible)
        #expect(planner.isFeasible(planner.plan(goLive: saturday + 2), today: today))
    }
}
