import Foundation

/// Which day it is in England at a given instant. Planning is done in calendar days, so
/// the one place an instant becomes a day is here, in the Europe/London zone (GMT or BST).
public enum LondonToday {
    public static func day(at instant: Date) -> Day {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/London")!
        let parts = calendar.dateComponents([.year, .month, .day], from: instant)
        return Day(daysSinceEpoch: Int32(Day.epochDay(year: parts.year!, month: parts.month!, day: parts.day!)))
    }

    /// The hour of the day in England at an instant (0 to 23), for what happens at a time of day.
    public static func hour(at instant: Date) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/London")!
        return calendar.component(.hour, from: instant)
    }
}
