import Foundation
import NIOCore
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
///
/// The bytes go into memory of the writer's own, grown as needed, made and freed by
/// `bytes(of:)` and `buffer(of:)`, the only ways to make a writer: appended to an array,
/// every byte checked the array's room and that it was not shared, a third of the JSON's
/// time, and the array was copied into the answer's buffer at the end.
struct JSONWriter {
    private var out: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int
    private var comma = false

    private init(capacity: Int) {
        out = .allocate(capacity: capacity)
        self.capacity = capacity
    }

    /// Writes `value` with a writer, hands its bytes to `read`, and frees them.
    private static func writing<T>(_ value: some JSONWritable, _ read: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        var writer = JSONWriter(capacity: 4096)
        defer { writer.out.deallocate() }
        value.write(to: &writer)
        return read(UnsafeBufferPointer(start: writer.out, count: writer.count))
    }

    /// `value` as JSON bytes.
    static func bytes(of value: some JSONWritable) -> [UInt8] {
        writing(value) { Array($0) }
    }

    /// `value` as JSON, in a buffer for an answer.
    static func buffer(of value: some JSONWritable) -> ByteBuffer {
        writing(value) { ByteBuffer(bytes: $0) }
    }

    // MARK: Bytes

    /// Room for `more` bytes after those written.
    @inline(__always)
    private mutating func reserve(_ more: Int) {
        if count + more > capacity { grow(toHold: count + more) }
    }

    private mutating func grow(toHold needed: Int) {
        let larger = max(capacity * 2, needed)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        moved.update(from: out, count: count)
        out.deallocate()
        out = moved
        capacity = larger
    }

    @inline(__always)
    private mutating func append(_ byte: UInt8) {
        reserve(1)
        out[count] = byte
        count += 1
    }

    private mutating func append(_ bytes: UnsafeRawBufferPointer) {
        reserve(bytes.count)
        if let base = bytes.baseAddress { (out + count).update(from: base.assumingMemoryBound(to: UInt8.self), count: bytes.count) }
        count += bytes.count
    }

    private mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        append(UnsafeRawBufferPointer(bytes))
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
        kept.withUTF8 { append(UnsafeBufferPointer(rebasing: $0.dropLast())) }
        comma = true
        more(&self)
        append(UInt8(ascii: "}"))
        comma = true
    }

    mutating func array<Elements: Sequence>(_ elements: Elements) where Elements.Element: JSONWritable {
        container(open: UInt8(ascii: "["), close: UInt8(ascii: "]")) { json in
            for element in elements { element.write(to: &json) }
        }
    }

    private mutating func container(open: UInt8, close: UInt8, _ contents: (inout JSONWriter) -> Void) {
        separate()
        append(open)
        comma = false
        contents(&self)
        append(close)
        comma = true
    }

    /// A member of the object being written. Keys are the API's own camelCase names, which
    /// need no escaping.
    mutating func member(_ key: StaticString, _ value: some JSONWritable) {
        separate()
        key.withUTF8Buffer { key in
            put(key.count + 3) { out in
                out[0] = UInt8(ascii: "\"")
                if let base = key.baseAddress { (out.baseAddress! + 1).update(from: base, count: key.count) }
                out[key.count + 1] = UInt8(ascii: "\"")
                out[key.count + 2] = UInt8(ascii: ":")
            }
        }
        comma = false
        value.write(to: &self)
    }

    /// A member whose key is known only at run time (a dictionary's), escaped like any text.
    mutating func member(named key: String, _ value: some JSONWritable) {
        string(key)
        append(UInt8(ascii: ":"))
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
        if comma { append(UInt8(ascii: ",")) }
    }

    /// Bytes that need no escaping, written as they are.
    mutating func raw(_ text: StaticString) {
        separate()
        text.withUTF8Buffer { append($0) }
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
            append(UnsafeBufferPointer(rebasing: out[start...]))
        }
        comma = true
    }

    /// A JSON string: quotes, backslashes, slashes and control characters escaped.
    mutating func string(_ text: String) {
        separate()
        append(UInt8(ascii: "\""))
        Self.escaping(text) { append($0) }
        append(UInt8(ascii: "\""))
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

    /// Makes `length` bytes in place, after those written, by `make`.
    private mutating func put(_ length: Int, _ make: (UnsafeMutableBufferPointer<UInt8>) -> Void) {
        reserve(length)
        make(UnsafeMutableBufferPointer(start: out + count, count: length))
        count += length
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
