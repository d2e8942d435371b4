/// A meeting the practice and its delivery partner book: the kick-off and the technical
/// survey. It can be booked, or moved, until its day comes; after that it was held.
public enum MeetingBooking {
    public static func canBook(bookedOn: Day?, today: Day) -> Bool {
        bookedOn.map { $0 >= today } ?? true
    }
}
