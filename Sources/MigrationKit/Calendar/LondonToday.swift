import Foundation

/// Which day it is in England at a given instant. Planning is done in calendar days, so
/// the one place an instant becomes a day is here, in the Europe/London zone (GMT or BST).
public enum LondonToday {
    /// Made once: building a calendar and looking its zone up on every call was a
    /// hundredth of a read of one migration, which asks for today more than once.
    private static let london: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/London")!
        return calendar
    }()

    public static func day(at instant: Date) -> Day {
        let parts = london.dateComponents([.year, .month, .day], from: instant)
        return Day(daysSinceEpoch: Int32(Day.epochDay(year: parts.year!, month: parts.month!, day: parts.day!)))
    }

    /// The hour of the day in England at an instant (0 to 23), for what happens at a time of day.
    public static func hour(at instant: Date) -> Int {
        london.component(.hour, from: instant)
    }
}
