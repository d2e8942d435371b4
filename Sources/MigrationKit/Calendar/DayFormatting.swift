/// Reading and writing days as ISO 8601 calendar dates (`YYYY-MM-DD`), the only form
/// Cutover accepts on its command line, in its API and in its files.
extension Day: CustomStringConvertible, LosslessStringConvertible, Codable {
    public init?(_ description: String) {
        guard let day = try? Day(parsing: description) else { return nil }
        self = day
    }

    /// Parses `YYYY-MM-DD`, saying exactly what is wrong with anything else.
    public init(parsing text: String) throws(DayError) {
        guard let parts = Self.parts(of: text.utf8) else { throw .notADate(text) }
        try self.init(year: parts.year, month: parts.month, day: parts.day)
    }

    /// `YYYY-MM-DD` as UTF-8 bytes (stored dates, read in bulk); nil for anything else.
    /// Inlinable, so that the caller's kind of bytes is read without generic dispatch.
    @inlinable
    public init?(iso bytes: some Collection<UInt8>) {
        guard let parts = Self.parts(of: bytes), let day = try? Day(year: parts.year, month: parts.month, day: parts.day) else { return nil }
        self = day
    }

    @inlinable
    static func parts(of text: some Collection<UInt8>) -> (year: Int, month: Int, day: Int)? {
        guard text.count == 10 else { return nil }
        var (year, month, day, offset) = (0, 0, 0, 0)
        for byte in text {
            if offset == 4 || offset == 7 {
                guard byte == UInt8(ascii: "-") else { return nil }
            } else {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                let digit = Int(byte - UInt8(ascii: "0"))
                if offset < 4 { year = year * 10 + digit } else if offset < 7 { month = month * 10 + digit } else { day = day * 10 + digit }
            }
            offset += 1
        }
        return (year, month, day)
    }

    public var description: String {
        let (year, month, day) = parts
        return Day.pad(year, 4) + "-" + Day.pad(month, 2) + "-" + Day.pad(day, 2)
    }

    /// ISO 8601's basic form, `YYYYMMDD`, as iCalendar dates are written.
    public var basicDescription: String {
        let (year, month, day) = parts
        return Day.pad(year, 4) + Day.pad(month, 2) + Day.pad(day, 2)
    }

    /// For people: "Monday 14 June 2027".
    public var longDescription: String {
        let (year, month, day) = parts
        return Day.words(weekday.name, day, Day.monthNames[month - 1], year)
    }

    /// For tables: "Mon 14 Jun 2027".
    public var shortDescription: String {
        let (year, month, day) = parts
        return Day.words(weekday.shortName, day, Day.shortMonthNames[month - 1], year)
    }

    /// "<weekday> <day> <month> <year>", written straight into the string's storage: a
    /// migration page writes a hundred-odd dates, and interpolating them was a fiftieth of it.
    static func words(_ weekday: String, _ day: Int, _ month: String, _ year: Int) -> String {
        let (day, year) = (String(day), String(year))
        let count = weekday.utf8.count + day.utf8.count + month.utf8.count + year.utf8.count + 3
        return String(unsafeUninitializedCapacity: count) { buffer in
            var at = 0
            for (index, word) in [weekday, day, month, year].enumerated() {
                if index > 0 { buffer[at] = UInt8(ascii: " "); at += 1 }
                for byte in word.utf8 { buffer[at] = byte; at += 1 }
            }
            return at
        }
    }

    public static let monthNames = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]

    /// "Jan" to "Dec", made once rather than cut from the full names for each of the
    /// hundred-odd dates a migration page writes.
    public static let shortMonthNames = monthNames.map { String($0.prefix(3)) }

    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// Why a text or a set of parts is not a day.
public enum DayError: Error, Equatable, Sendable, CustomStringConvertible {
    case notADate(String)
    case yearOutOfRange(Int)
    case noSuchMonth(year: Int, month: Int)
    case noSuchDay(year: Int, month: Int, day: Int, daysInMonth: Int)

    public var description: String {
        switch self {
        case .notADate(let text):
            return "'\(text)' is not a date: write it as YYYY-MM-DD, for example 2027-06-14"
        case .yearOutOfRange(let year):
            return "year \(year) is out of range (1 to 9999)"
        case .noSuchMonth(let year, let month):
            return "\(year)-\(month < 10 ? "0" : "")\(month) has no such month: months run from 01 to 12"
        case .noSuchDay(let year, let month, let day, let length):
            return "\(Day.monthNames[month - 1]) \(year) has \(length) days, so day \(day) does not exist"
        }
    }
}
