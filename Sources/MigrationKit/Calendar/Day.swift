/// A calendar date with no time and no time zone: the unit every plan is made of.
///
/// Stored as the number of days since 1970-01-01 so that adding days, comparing and
/// finding the weekday are plain integer arithmetic. Conversion to and from year, month
/// and day uses the proleptic Gregorian calendar (Howard Hinnant's civil-date algorithms),
/// never Foundation's `Calendar`, so no time zone can ever move a milestone.
public struct Day: Hashable, Comparable, Sendable {
    /// Days since 1970-01-01 (negative before it).
    public let daysSinceEpoch: Int32

    public init(daysSinceEpoch: Int32) {
        self.daysSinceEpoch = daysSinceEpoch
    }

    /// A day from its parts; throws when the parts do not name a real date.
    public init(year: Int, month: Int, day: Int) throws(DayError) {
        guard (1...9999).contains(year) else { throw .yearOutOfRange(year) }
        guard (1...12).contains(month) else { throw .noSuchMonth(year: year, month: month) }
        let length = Day.daysIn(month: month, year: year)
        guard (1...length).contains(day) else {
            throw .noSuchDay(year: year, month: month, day: day, daysInMonth: length)
        }
        self.daysSinceEpoch = Int32(Day.epochDay(year: year, month: month, day: day))
    }

    public static func < (lhs: Day, rhs: Day) -> Bool { lhs.daysSinceEpoch < rhs.daysSinceEpoch }

    // MARK: Arithmetic

    public func adding(days: Int) -> Day { Day(daysSinceEpoch: daysSinceEpoch + Int32(days)) }

    /// Calendar days from `self` to `other` (positive when `other` is later).
    public func days(to other: Day) -> Int { Int(other.daysSinceEpoch - daysSinceEpoch) }

    public static func + (day: Day, days: Int) -> Day { day.adding(days: days) }
    public static func - (day: Day, days: Int) -> Day { day.adding(days: -days) }

    // MARK: Parts

    public var weekday: Weekday {
        // 1970-01-01 was a Thursday.
        let index = ((Int(daysSinceEpoch) % 7) + 7 + 3) % 7 // 0 = Monday
        return Weekday(rawValue: index + 1)!
    }

    public var isWeekend: Bool { weekday == .saturday || weekday == .sunday }

    /// The Monday of this day's week (the day itself on a Monday): the week a go-live is
    /// counted in on the portfolio, and where its chart's weeks start.
    public var monday: Day { self - (weekday.rawValue - 1) }

    /// Year, month (1-12) and day of month.
    public var parts: (year: Int, month: Int, day: Int) {
        // Hinnant's civil_from_days.
        let z = Int(daysSinceEpoch) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153 // March = 0
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    public var year: Int { parts.year }

    // MARK: Calendar facts

    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Hinnant's days_from_civil.
    static func epochDay(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}

public enum Weekday: Int, Sendable, CaseIterable {
    case monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday

    public var name: String {
        switch self {
        case .monday: "Monday"
        case .tuesday: "Tuesday"
        case .wednesday: "Wednesday"
        case .thursday: "Thursday"
        case .friday: "Friday"
        case .saturday: "Saturday"
        case .sunday: "Sunday"
        }
    }

    /// "Mon" to "Sun".
    public var shortName: String { Self.shortNames[rawValue - 1] }

    private static let shortNames = allCases.map { String($0.name.prefix(3)) }
}
