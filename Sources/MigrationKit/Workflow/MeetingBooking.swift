/// A meeting the practice and its delivery partner book: the kick-off and the technical
/// survey. It can be booked, or moved, until its day comes; after that it was held.
public enum MeetingBooking {
    public static func canBook(bookedOn: Day?, today: Day) -> Bool {
        bookedOn.map { $0 >= today } ?? true
    }

    /// `day`, when a meeting can be held on it: a working day of the practice's calendar
    /// (bank holidays and its blackouts are not).
    public static func booking(_ day: Day, calendar: WorkingCalendar) throws(WorkflowError) -> Day {
        guard calendar.isWorkingDay(day) else {
            throw .invalid(field: "day", message: "\(day.longDescription) is not a working day for this practice")
        }
        return day
    }
}
