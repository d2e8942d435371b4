import Foundation

/// Which reminders a day brings: the rules of who is reminded of what, and when.
public enum ReminderRules {
    /// How far back an overdue deadline is still reminded of (once), so a service that was
    /// stopped for a while catches up without reminding of years-old deadlines.
    public static let overdueLookBackDays = 14

    /// The hour (London) from which a day's digest goes out to those who chose one.
    public static let digestHour = 7

    /// The deadlines notices to third parties are given by: reminded a week before and on the
    /// day, as the guide asks, instead of five working days before.
    public static let noticeKinds: Set<DeadlineKind> = [.epsNotice, .thirdPartyNotice]

    /// The reminder for an open deadline on `today`, if it is one of the days it is reminded
    /// on; `organisation` owns it.
    public static func reminder(for deadline: Deadline, of migration: UUID, owner organisation: UUID, today: Day, calendar: WorkingCalendar) -> Reminder? {
        guard deadline.kind.isTask else { return nil }
        let kind: Reminder.Kind
        if deadline.due < today {
            guard today.adding(days: -overdueLookBackDays) <= deadline.due else { return nil }
            kind = .overdue
        } else if deadline.due == today {
            kind = noticeKinds.contains(deadline.kind) ? .noticeOnTheDay : .dueToday
        } else if noticeKinds.contains(deadline.kind) {
            guard deadline.due == today + 7 else { return nil }
            kind = .noticeWeekBefore
        } else {
            guard deadline.due == DueSoon.horizon(from: today, calendar: calendar) else { return nil }
            kind = .dueSoon
        }
        return Reminder(kind: kind, migration: migration, organisation: organisation, subject: deadline.title, due: deadline.due, about: deadline.id)
    }

    /// The reminder of a step a migration waits on `organisation` for.
    public static func reminder(forStep title: String, due: Day?, of migration: UUID, waitingOn organisation: UUID) -> Reminder {
        Reminder(kind: .stepWaiting, migration: migration, organisation: organisation, subject: title, due: due, about: title)
    }
}
