/// "Due soon", decided once for every list, page, rule and form: a deadline not yet met
/// that falls due from today to five working days ahead.
public enum DueSoon {
    public static let workingDays = 5

    /// The last day that counts as soon, seen from `today` on `calendar`.
    public static func horizon(from today: Day, calendar: WorkingCalendar) -> Day {
        calendar.adding(workingDays: workingDays, to: today)
    }

    /// How far ahead a person's task list reaches: the deadlines they own due in the next
    /// six weeks (and every overdue one).
    public static let taskListDays = 42

    public static func contains(_ due: Day, today: Day, calendar: WorkingCalendar) -> Bool {
        today <= due && due <= horizon(from: today, calendar: calendar)
    }
}
