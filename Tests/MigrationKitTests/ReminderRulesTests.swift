import Foundation
import Testing
@testable import MigrationKit

/// When a deadline is reminded of, and the keys that keep a reminder from being made twice.
@Suite struct ReminderRulesTests {
    let migration = UUID(), owner = UUID()
    let calendar = WorkingCalendar()
    static func day(_ text: String) -> Day { try! Day(parsing: text) }

    func kind(_ deadline: DeadlineKind, due: String, today: String) -> Reminder.Kind? {
        ReminderRules.reminder(for: Deadline(kind: deadline, due: Self.day(due)), of: migration, owner: owner, today: Self.day(today), calendar: calendar)?.kind
    }

    @Test func aDeadlineIsRemindedFiveWorkingDaysBeforeOnTheDayAndOnceMissed() {
        // Friday 4 December 2026 is five working days after Friday 27 November.
        #expect(kind(.training, due: "2026-12-04", today: "2026-11-27") == .dueSoon)
        #expect(kind(.training, due: "2026-12-03", today: "2026-11-27") == nil)
        #expect(kind(.training, due: "2026-11-27", today: "2026-11-27") == .dueToday)
        #expect(kind(.training, due: "2026-11-20", today: "2026-11-27") == .overdue)
        // Missed long ago: not brought up again after a stop of the service.
        #expect(kind(.training, due: "2026-11-12", today: "2026-11-27") == nil)
        // The ends of the old system's service are dates to know, not tasks.
        #expect(kind(.runOffEnd, due: "2026-11-27", today: "2026-11-27") == nil)
        // Five working days skip the Christmas and New Year bank holidays (25 and 28 December, 1 January).
        #expect(kind(.training, due: "2027-01-05", today: "2026-12-24") == .dueSoon)
    }

    @Test func noticesToThirdPartiesAreRemindedAWeekBeforeAndOnTheDay() {
        #expect(kind(.epsNotice, due: "2026-12-04", today: "2026-11-27") == .noticeWeekBefore)
        #expect(kind(.thirdPartyNotice, due: "2026-11-27", today: "2026-11-27") == .noticeOnTheDay)
        #expect(kind(.thirdPartyNotice, due: "2026-12-03", today: "2026-11-27") == nil)
    }

    @Test func theKeyNamesTheOccasionSoEachIsMadeOnce() throws {
        let today = Self.day("2026-11-27")
        let soon = try #require(ReminderRules.reminder(for: Deadline(kind: .training, due: Self.day("2026-12-04")), of: migration, owner: owner, today: today, calendar: calendar))
        let again = try #require(ReminderRules.reminder(for: Deadline(kind: .training, due: Self.day("2026-12-04")), of: migration, owner: owner, today: today, calendar: calendar))
        #expect(soon.key == again.key)
        let onTheDay = try #require(ReminderRules.reminder(for: Deadline(kind: .training, due: Self.day("2026-12-04")), of: migration, owner: owner, today: Self.day("2026-12-04"), calendar: calendar))
        #expect(onTheDay.key != soon.key)
        // A deadline that moves is a new occasion.
        let moved = try #require(ReminderRules.reminder(for: Deadline(kind: .training, due: Self.day("2026-12-07")), of: migration, owner: owner, today: Self.day("2026-11-30"), calendar: calendar))
        #expect(moved.key != soon.key && moved.headline(practice: "Aire Valley Surgery") == "Due Mon 7 Dec 2026: \(DeadlineKind.training.title) (Aire Valley Surgery)")
        let step = ReminderRules.reminder(forStep: "Register the migration", due: nil, of: migration, waitingOn: owner)
        #expect(step.kind == .stepWaiting && step.headline(practice: "X") == "Waiting for you: Register the migration (X)")
    }
}
