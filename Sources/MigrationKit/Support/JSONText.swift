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
        return text.withUTF8 { bytes in Self.flatDays(bytes) } ?? decode([String: Day].self, text)
    }

    private static func flatDays(_ bytes: UnsafeBufferPointer<UInt8>) -> [String: Day]? {
        let quote = UInt8(ascii: "\"")
        guard bytes.count >= 2, bytes.first == UInt8(ascii: "{"), bytes.last == UInt8(ascii: "}") else { return nil }
        var days: [String: Day] = [:]
        var index = 1
        let end = bytes.count - 1
        /// The text between quotes from `index`, which it leaves after the closing quote.
        func quoted() -> Slice<UnsafeBufferPointer<UInt8>>? {
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
        while index < end {
            if !days.isEmpty {
                guard bytes[index] == UInt8(ascii: ",") else { return nil }
                index += 1
            }
            guard let key = quoted(), index < end, bytes[index] == UInt8(ascii: ":") else { return nil }
            index += 1
            guard let value = quoted(), let day = Day(iso: value) else { return nil }
            let name = String(decoding: key, as: UTF8.self)
            guard days[name] == nil else { return nil }
            days[name] = day
        }
        return days
    }
}
