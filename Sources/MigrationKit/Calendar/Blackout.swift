import Foundation

/// A period when the practice cannot take on migration work: a closure, a busy period,
/// a week when many staff are on leave or training.
public struct Blackout: Hashable, Sendable, Codable, CustomStringConvertible {
    public let range: DayRange
    public let reason: String

    public init(range: DayRange, reason: String = "") {
        self.range = range
        self.reason = reason
    }

    /// Parses `FROM..TO[:REASON]`, the form the command line takes.
    public init(parsing text: String) throws(DayRangeError) {
        if let colon = text.firstIndex(of: ":") {
            range = try DayRange(parsing: String(text[..<colon]))
            reason = String(text[text.index(after: colon)...]).trimmingSpaces
        } else {
            range = try DayRange(parsing: text)
            reason = ""
        }
    }

    public var description: String { reason.isEmpty ? range.description : "\(range) (\(reason))" }

    // JSON: {"start": "2027-08-02", "end": "2027-08-13", "reason": "summer leave"}
    private enum CodingKeys: String, CodingKey { case start, end, reason }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let start = try container.decode(Day.self, forKey: .start)
        let end = try container.decode(Day.self, forKey: .end)
        guard start <= end else {
            throw DecodingError.dataCorruptedError(
                forKey: .end, in: container, debugDescription: DayRangeError.endsBeforeStart(start: start, end: end).description)
        }
        range = DayRange(uncheckedStart: start, end: end)
        reason = try container.decodeIfPresent(String.self, forKey: .reason) ?? ""
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(range.start, forKey: .start)
        try container.encode(range.end, forKey: .end)
        try container.encode(reason, forKey: .reason)
    }
}

extension String {
    /// Without leading and trailing spaces, tabs and line breaks: a text box holding only
    /// a line break was left empty.
    var trimmingSpaces: String {
        trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
