import Foundation

/// Small JSON values kept in a text column (blackouts, overrides, day lists, audit snapshots).
public enum JSONText {
    public static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }

    public static func decode<T: Decodable>(_ type: T.Type, _ text: String?) -> T? {
        guard let text else { return nil }
        return try? JSONDecoder().decode(T.self, from: Data(text.utf8))
    }

    /// A flat object of days by name, as `encode` writes one (`{"a":"2027-01-04",...}`),
    /// read from its bytes: the provisional go-live's agreements and the deadlines met by
    /// hand are read several times a request, and a `JSONDecoder` each time cost a fiftieth
    /// of a migration read. Anything else in the text (spaces, escapes, another shape) is
    /// left to `decode`, which gives what it always gave.
    public static func days(_ text: String) -> [String: Day]? {
        var text = text
        let read: [String: Day]? = text.withUTF8 { bytes in
            guard var json = FlatJSON(bytes, open: "{", close: "}") else { return nil }
            return json.daysByName()
        }
        return read ?? decode([String: Day].self, text)
    }

    /// A list of days, as `encode` writes one (`["2027-01-04",...]`), read from its bytes as
    /// `days(_:)` reads days by name: a Schedule A's offered go-lives and an extract's data
    /// production days are read each time the plan is worked out (a `JSONDecoder` each time
    /// cost 4% of a step), and most lists are empty.
    public static func dayList(_ text: String) -> [Day]? {
        if text == "[]" { return [] }
        var text = text
        let read: [Day]? = text.withUTF8 { bytes in
            guard var json = FlatJSON(bytes, open: "[", close: "]") else { return nil }
            return json.dayList()
        }
        return read ?? decode([Day].self, text)
    }
}

/// The bytes of a flat JSON object or array with no spaces or escapes, read from the left.
private struct FlatJSON {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 1
    let end: Int

    init?(_ bytes: UnsafeBufferPointer<UInt8>, open: Unicode.Scalar, close: Unicode.Scalar) {
        guard bytes.count >= 2, bytes.first == UInt8(ascii: open), bytes.last == UInt8(ascii: close) else { return nil }
        self.bytes = bytes
        end = bytes.count - 1
    }

    /// The text between quotes from `index`, which it leaves after the closing quote.
    mutating func quoted() -> Slice<UnsafeBufferPointer<UInt8>>? {
        let quote = UInt8(ascii: "\"")
        guard index < end, bytes[index] == quote else { return nil }
        let start = index + 1
        var close = start
        while close < end, bytes[close] != quote {
            if bytes[close] == UInt8(ascii: "\\") { return nil }
            close += 1
        }
        guard close < end else { return nil }
        index = close + 1
        return bytes[start..<close]
    }

    /// Steps over the comma before every item but the first.
    mutating func separator(first: Bool) -> Bool {
        if first { return true }
        guard bytes[index] == UInt8(ascii: ",") else { return false }
        index += 1
        return true
    }

    mutating func daysByName() -> [String: Day]? {
        var days: [String: Day] = [:]
        while index < end {
            guard separator(first: days.isEmpty), let key = quoted(), index < end, bytes[index] == UInt8(ascii: ":") else { return nil }
            index += 1
            guard let value = quoted(), let day = Day(iso: value) else { return nil }
            let name = String(decoding: key, as: UTF8.self)
            guard days[name] == nil else { return nil }
            days[name] = day
        }
        return days
    }

    mutating func dayList() -> [Day]? {
        var days: [Day] = []
        while index < end {
            guard separator(first: days.isEmpty), let value = quoted(), let day = Day(iso: value) else { return nil }
            days.append(day)
        }
        return days
    }
}
