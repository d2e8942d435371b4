/// The bank holidays of England and Wales, worked out by rule for any year from 1995 to
/// 2100, including substitute days and the one-off changes made by royal proclamation.
public enum EnglandAndWalesBankHolidays {
    public static let supportedYears = 1995...2100

    /// The days off in `year`, in date order.
    public static func holidays(in year: Int) throws(BankHolidayError) -> [BankHoliday] {
        guard supportedYears.contains(year) else { throw .yearNotSupported(year) }
        return computeHolidays(in: year)
    }

    /// Whether `day` is a bank holiday, answered from a table built once.
    public static func isBankHoliday(_ day: Day) -> Bool {
        table.contains(day)
    }

    /// The holiday on `day`, if there is one.
    public static func holiday(on day: Day) -> BankHoliday? {
        guard supportedYears.contains(day.year), table.contains(day) else { return nil }
        return computeHolidays(in: day.year).first { $0.date == day }
    }

    // MARK: - Rules

    static func computeHolidays(in year: Int) -> [BankHoliday] {
        var days: [BankHoliday] = []
        func add(_ day: Day, _ name: String) { days.append(BankHoliday(date: day, name: name)) }

        // New Year's Day, moved to the Monday when it falls at a weekend.
        let newYear = date(year, 1, 1)
        add(nextWeekday(onOrAfter: newYear), newYear.isWeekend ? "New Year’s Day (substitute day)" : "New Year’s Day")

        let easter = easterSunday(year)
        add(easter - 2, "Good Friday")
        add(easter + 1, "Easter Monday")

        if year == 2011 { add(date(2011, 4, 29), "Royal wedding") }

        // Early May: the first Monday, moved to 8 May for the VE Day anniversaries.
        switch year {
        case 1995: add(date(1995, 5, 8), "Early May bank holiday (VE Day)")
        case 2020: add(date(2020, 5, 8), "Early May bank holiday (VE day)")
        default: add(firstMonday(year, 5), "Early May bank holiday")
        }
        if year == 2023 { add(date(2023, 5, 8), "Bank holiday for the coronation of King Charles III") }

        // Spring: the last Monday of May, moved for the jubilees.
        switch year {
        case 2002:
            add(date(2002, 6, 3), "Queen’s Golden Jubilee")
            add(date(2002, 6, 4), "Spring bank holiday")
        case 2012:
            add(date(2012, 6, 4), "Spring bank holiday (substitute day)")
            add(date(2012, 6, 5), "Queen’s Diamond Jubilee")
        case 2022:
            add(date(2022, 6, 2), "Spring bank holiday")
            add(date(2022, 6, 3), "Platinum Jubilee bank holiday")
        default:
            add(lastMonday(year, 5), "Spring bank holiday")
        }

        add(lastMonday(year, 8), "Summer bank holiday")
        if year == 2022 { add(date(2022, 9, 19), "Bank Holiday for the State Funeral of Queen Elizabeth II") }

        // Christmas and Boxing Day: a day that falls at a weekend gives the next free weekday.
        let christmas = date(year, 12, 25)
        let boxingDay = date(year, 12, 26)
        switch christmas.weekday {
        case .friday:
            add(christmas, "Christmas Day")
            add(date(year, 12, 28), "Boxing Day (substitute day)")
        case .saturday:
            add(date(year, 12, 27), "Christmas Day (substitute day)")
            add(date(year, 12, 28), "Boxing Day (substitute day)")
        case .sunday:
            add(boxingDay, "Boxing Day")
            add(date(year, 12, 27), "Christmas Day (substitute day)")
        default:
            add(christmas, "Christmas Day")
            add(boxingDay, "Boxing Day")
        }
        if year == 1999 { add(date(1999, 12, 31), "Millennium Celebrations") }

        return days.sorted { $0.date < $1.date }
    }

    /// Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
    static func easterSunday(_ year: Int) -> Day {
        let a = year % 19
        let b = year / 100
        let c = year % 100
        let d = b / 4
        let e = b % 4
        let f = (b + 8) / 25
        let g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4
        let k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return date(year, month, day)
    }

    private static func date(_ year: Int, _ month: Int, _ day: Int) -> Day {
        Day(daysSinceEpoch: Int32(Day.epochDay(year: year, month: month, day: day)))
    }

    private static func nextWeekday(onOrAfter day: Day) -> Day {
        var day = day
        while day.isWeekend { day = day + 1 }
        return day
    }

    private static func firstMonday(_ year: Int, _ month: Int) -> Day {
        let first = date(year, month, 1)
        return first + (7 - (first.weekday.rawValue - 1)) % 7
    }

    private static func lastMonday(_ year: Int, _ month: Int) -> Day {
        let last = date(year, month, Day.daysIn(month: month, year: year))
        return last.monday
    }

    // MARK: - Lookup table

    /// One bit per day from the first to the last supported year: planning asks
    /// "is this a bank holiday?" millions of times, so the answer must be an array read.
    private static let table = HolidayTable(years: supportedYears) { computeHolidays(in: $0).map(\.date) }
}

/// A bitmap of holiday days over a span of years.
struct HolidayTable: Sendable {
    let first: Day
    let last: Day
    private let bits: [UInt64]

    init(years: ClosedRange<Int>, holidays: (Int) -> [Day]) {
        first = Day(daysSinceEpoch: Int32(Day.epochDay(year: years.lowerBound, month: 1, day: 1)))
        last = Day(daysSinceEpoch: Int32(Day.epochDay(year: years.upperBound, month: 12, day: 31)))
        var bits = [UInt64](repeating: 0, count: first.days(to: last) / 64 + 1)
        for year in years {
            for day in holidays(year) {
                let offset = first.days(to: day)
                bits[offset >> 6] |= 1 << UInt64(offset & 63)
            }
        }
        self.bits = bits
    }

    func contains(_ day: Day) -> Bool {
        guard first <= day, day <= last else { return false }
        let offset = first.days(to: day)
        return bits[offset >> 6] & (1 << UInt64(offset & 63)) != 0
    }
}

public enum BankHolidayError: Error, Equatable, Sendable, CustomStringConvertible {
    case yearNotSupported(Int)

    public var description: String {
        switch self {
        case .yearNotSupported(let year):
            "bank holidays are known for 1995 to 2100 only, not for \(year)"
        }
    }
}
