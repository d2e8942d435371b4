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
}

extension String {
    var trimmingSpaces: String {
        var slice = Substring(self)
        while slice.first == " " { slice.removeFirst() }
        while slice.last == " " { slice.removeLast() }
        return String(slice)
    }
}
