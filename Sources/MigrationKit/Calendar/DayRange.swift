/// An inclusive run of days, such as a phase window or a blackout period.
public struct DayRange: Hashable, Sendable, Codable, CustomStringConvertible {
    public let start: Day
    public let end: Day

    /// Throws when the range runs backwards.
    public init(_ start: Day, _ end: Day) throws(DayRangeError) {
        guard start <= end else { throw .endsBeforeStart(start: start, end: end) }
        self.start = start
        self.end = end
    }

    /// For ranges the caller has already ordered (start on or before end).
    public init(uncheckedStart start: Day, end: Day) {
        self.start = start
        self.end = end
    }

    public init(day: Day) { self.init(uncheckedStart: day, end: day) }

    public var dayCount: Int { start.days(to: end) + 1 }

    public func contains(_ day: Day) -> Bool { start <= day && day <= end }

    public func overlaps(_ other: DayRange) -> Bool { start <= other.end && other.start <= end }

    public var days: [Day] { (0..<dayCount).map { start + $0 } }

    public var description: String { start == end ? "\(start)" : "\(start)..\(end)" }

    /// Parses `FROM..TO` (or a single `DAY`).
    public init(parsing text: String) throws(DayRangeError) {
        let pieces = text.split(separator: ".", omittingEmptySubsequences: false)
        do {
            if pieces.count == 1 {
                self.init(day: try Day(parsing: text))
            } else if pieces.count == 3, pieces[1].isEmpty {
                try self.init(Day(parsing: String(pieces[0])), Day(parsing: String(pieces[2])))
            } else {
                throw DayRangeError.notARange(text)
            }
        } catch let error as DayRangeError {
            throw error
        } catch let error as DayError {
            throw .badDay(error)
        } catch {
            throw .notARange(text)
        }
    }

    enum CodingKeys: String, CodingKey { case start, end }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let start = try container.decode(Day.self, forKey: .start)
        let end = try container.decode(Day.self, forKey: .end)
        guard start <= end else {
            throw DecodingError.dataCorruptedError(
                forKey: .end, in: container, debugDescription: DayRangeError.endsBeforeStart(start: start, end: end).description)
        }
        self.init(uncheckedStart: start, end: end)
    }
}

public enum DayRangeError: Error, Equatable, Sendable, CustomStringConvertible {
    case notARange(String)
    case badDay(DayError)
    case endsBeforeStart(start: Day, end: Day)

    public var description: String {
        switch self {
        case .notARange(let text): "'\(text)' is not a date range: write it as FROM..TO, for example 2027-08-02..2027-08-13"
        case .badDay(let error): error.description
        case .endsBeforeStart(let start, let end): "the range ends (\(end)) before it starts (\(start))"
        }
    }
}
