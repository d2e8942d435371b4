import Foundation
import MigrationKit

/// A value that writes itself as JSON, member by member, with no `Encoder` in between.
///
/// The answers read most (a migration, its plan, a list page, the portfolio, a step's 201)
/// write themselves this way: through `Encodable`, even `JSONStream`'s, every member paid
/// for generic dispatch, run-time casts and a container box, and the JSON took a sixth of
/// a migration read (README, Speed). Each of those types keeps its `Encodable` conformance as the reference:
/// `JSONWriterTests` holds the two to the same bytes.
protocol JSONWritable {
    func write(to json: inout JSONWriter)
}

/// JSON bytes written in order, as `JSONStream` writes them (the same escaping, an
/// object's members in the order written, nil members left out as `encodeIfPresent` does).
///
/// One flag says whether the container being written already holds a value, so a comma
/// goes before the next one: every value ends by setting it, every container starts by
/// clearing it.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    private var comma = false

    init(capacity: Int = 4096) {
        bytes.reserveCapacity(capacity)
    }

    /// `value` as JSON bytes.
    static func bytes(of value: some JSONWritable) -> [UInt8] {
        var writer = JSONWriter()
        value.write(to: &writer)
        return writer.bytes
    }

    // MARK: Containers

    mutating func object(_ members: (inout JSONWriter) -> Void) {
        container(open: UInt8(ascii: "{"), close: UInt8(ascii: "}"), members)
    }

    /// The object `kept` holds (written by a `JSONWriter` before, with at least one member),
    /// as it is, with `more` members written on after its own.
    mutating func object(continuing kept: String, _ more: (inout JSONWriter) -> Void) {
        separate()
        var kept = kept
        kept.withUTF8 { bytes.append(contentsOf: $0.dropLast()) }
        comma = true
        more(&self)
        bytes.append(UInt8(ascii: "}"))
        comma = true
    }

    mutating func array<Elements: Sequence>(_ elements: Elements) where Elements.Element: JSONWritable {
        container(open: UInt8(ascii: "["), close: UInt8(ascii: "]")) { json in
            for element in elements { element.write(to: &json) }
        }
    }

    private mutating func container(open: UInt8, close: UInt8, _ contents: (inout JSONWriter) -> Void) {
        separate()
        bytes.append(open)
        comma = false
        contents(&self)
        bytes.append(close)
        comma = true
    }

    /// A member of the object being written. Keys are the API's own camelCase names, which
    /// need no escaping.
    mutating func member(_ key: StaticString, _ value: some JSONWritable) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        key.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        comma = false
        value.write(to: &self)
    }

    /// A member whose key is known only at run time (a dictionary's), escaped like any text.
    mutating func member(named key: String, _ value: some JSONWritable) {
        string(key)
        bytes.append(UInt8(ascii: ":"))
        comma = false
        value.write(to: &self)
    }

    /// A member left out when `value` is nil, as `encodeIfPresent` leaves it.
    mutating func member(_ key: StaticString, _ value: (some JSONWritable)?) {
        if let value { member(key, value) }
    }

    /// A member written as null when `value` is nil, as `encode` writes an optional.
    mutating func member(_ key: StaticString, orNull value: (some JSONWritable)?) {
        if let value { return member(key, value) }
        member(key, Null())
    }

    private struct Null: JSONWritable {
        func write(to json: inout JSONWriter) { json.raw("null") }
    }

    // MARK: Values

    private mutating func separate() {
        if comma { bytes.append(UInt8(ascii: ",")) }
    }

    /// Bytes that need no escaping, written as they are.
    mutating func raw(_ text: StaticString) {
        separate()
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
        comma = true
    }

    mutating func integer(_ number: Int) {
        separate()
        // The digits come last first, from the end of room for the longest (`Int.min`).
        // The magnitude is a UInt, so that Int.min has one.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { out in
            var magnitude = number.magnitude
            var start = out.count
            repeat {
                start -= 1
                out[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if number < 0 {
                start -= 1
                out[start] = UInt8(ascii: "-")
            }
            bytes.append(contentsOf: UnsafeMutableBufferPointer(rebasing: out[start...]))
        }
        comma = true
    }

    /// A JSON string: quotes, backslashes, slashes and control characters escaped.
    mutating func string(_ text: String) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        Self.escaping(text) { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        comma = true
    }

    /// `text`'s UTF-8 as a JSON string holds it, handed to `write` run by run: quotes,
    /// backslashes, slashes and control characters escaped as Foundation's `JSONEncoder`
    /// escapes them. `JSONStream` writes its strings with it too.
    static func escaping(_ text: String, _ write: (UnsafeRawBufferPointer) -> Void) {
        var text = text
        // Read once: a static's every use checks that it is made, a call for each byte.
        let escapes = Self.escapes
        text.withUTF8 { utf8 in
            var run = 0
            for offset in utf8.indices where utf8[offset] < 0x80 {
                guard let escape = escapes[Int(utf8[offset])] else { continue }
                write(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: utf8[run..<offset])))
                escape.withUnsafeBytes(write)
                run = offset + 1
            }
            write(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: utf8[run...])))
        }
    }

    /// The escape of each ASCII byte that needs one.
    private static let escapes: [[UInt8]?] = (0..<0x80).map { byte in
        let named: [Int: String] = [0x22: "\\\"", 0x5C: "\\\\", 0x2F: "\\/", 0x0A: "\\n", 0x0D: "\\r", 0x09: "\\t", 0x08: "\\b", 0x0C: "\\f"]
        if let escape = named[byte] { return Array(escape.utf8) }
        guard byte < 0x20 else { return nil }
        let hex = Array("0123456789abcdef".utf8)
        return Array("\\u00".utf8) + [hex[byte >> 4], hex[byte & 0x0F]]
    }

    /// `YYYY-MM-DD`, as `Day.description`, without building the text first. A day outside
    /// years 1 to 9999 (input is bounded well within them, but plans add days to it) is
    /// left to `Day.description`, which writes any year.
    mutating func day(_ day: Day) {
        let (year, month, dayOfMonth) = day.parts
        guard (1...9999).contains(year) else { return string(day.description) }
        separate()
        put(12) { out in
            out[0] = UInt8(ascii: "\"")
            Self.digits(year, into: out, at: 1, count: 4)
            out[5] = UInt8(ascii: "-")
            Self.digits(month, into: out, at: 6, count: 2)
            out[8] = UInt8(ascii: "-")
            Self.digits(dayOfMonth, into: out, at: 9, count: 2)
            out[11] = UInt8(ascii: "\"")
        }
        comma = true
    }

    /// As `UUID.uuidString` (upper-case hex in five groups), which on Linux goes through
    /// `sprintf` (`UUID.writeText(into:)`).
    mutating func uuid(_ id: UUID) {
        separate()
        put(38) { out in
            out[0] = UInt8(ascii: "\"")
            id.writeText(into: UnsafeMutableBufferPointer(rebasing: out[1..<37]))
            out[37] = UInt8(ascii: "\"")
        }
        comma = true
    }

    /// Writes `count` bytes made in place by `make`, then appends them at once: byte by
    /// byte, each append checked the array's room and uniqueness, and the ids and days of
    /// the portfolio took 5.2% of its time (2.6% now).
    private mutating func put(_ count: Int, _ make: (UnsafeMutableBufferPointer<UInt8>) -> Void) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count) { out in
            make(out)
            bytes.append(contentsOf: out)
        }
    }

    /// `number`'s last `count` decimal digits, with leading zeros, at `start` in `out`.
    private static func digits(_ number: Int, into out: UnsafeMutableBufferPointer<UInt8>, at start: Int, count: Int) {
        var rest = number
        var index = start + count
        while index > start {
            index -= 1
            out[index] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        }
    }
}

// MARK: The values the API's answers are made of

extension String: JSONWritable {
    func write(to json: inout JSONWriter) { json.string(self) }
}

extension Int: JSONWritable {
    func write(to json: inout JSONWriter) { json.integer(self) }
}

extension Bool: JSONWritable {
    func write(to json: inout JSONWriter) { json.raw(self ? "true" : "false") }
}

extension UUID: JSONWritable {
    func write(to json: inout JSONWriter) { json.uuid(self) }
}

extension Day: JSONWritable {
    func write(to json: inout JSONWriter) { json.day(self) }
}

extension Array: JSONWritable where Element: JSONWritable {
    func write(to json: inout JSONWriter) { json.array(self) }
}

/// In key order, as `JSONStream` writes a dictionary.
extension Dictionary: JSONWritable where Key == String, Value: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object { json in
            for (key, value) in sorted(by: { $0.key < $1.key }) {
                json.member(named: key, value)
            }
        }
    }
}

/// Enumerations written as their raw text, as `Codable` writes them.
protocol JSONWritableText: JSONWritable, RawRepresentable where RawValue == String {}

extension JSONWritableText {
    func write(to json: inout JSONWriter) { json.string(rawValue) }
}
