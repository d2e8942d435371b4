import Foundation
import MigrationKit
import NIOCore

/// Writes an `Encodable` value as JSON straight into a `ByteBuffer`, as Foundation's
/// `JSONEncoder` with ISO 8601 dates writes it (the same escaping, `/` included, and the
/// members of an object in the order they are encoded), without first building a tree of
/// every value. Encoding a migration with `JSONEncoder` took a sixth of a migration read.
///
/// Objects with string keys that are dictionaries are written in key order, so one value
/// always gives the same bytes. `codingPath` is left empty: the types encoded here do not
/// read it.
enum JSONStream {
    static func encode<Value: Encodable>(_ value: Value) throws -> ByteBuffer {
        // The answers read most write themselves, with no encoder in between.
        if let writable = value as? any JSONWritable { return JSONWriter.buffer(of: writable) }
        return try encodeThroughEncoder(value)
    }

    /// Through `Encodable` alone, even for a `JSONWritable` value: the reference the
    /// hand-written members are held to (`JSONWriterTests`).
    static func encodeThroughEncoder<Value: Encodable>(_ value: Value) throws -> ByteBuffer {
        let writer = Writer(out: ByteBufferAllocator().buffer(capacity: 4096))
        try writer.value(value)
        writer.close(downTo: 0)
        return writer.out
    }

    /// The bytes written so far and the objects and arrays still open, innermost last.
    /// One encoding uses a writer, on one thread, so the run-time exclusivity checks of its
    /// two properties (a fifth of the encoding's time) are left out.
    fileprivate final class Writer {
        @exclusivity(unchecked) var out: ByteBuffer
        @exclusivity(unchecked) var open: [(object: Bool, empty: Bool)] = []

        init(out: ByteBuffer) { self.out = out }

        /// Closes the containers opened after the first `depth`.
        func close(downTo depth: Int) {
            while open.count > depth {
                out.writeInteger(open.removeLast().object ? UInt8(ascii: "}") : UInt8(ascii: "]"))
            }
        }

        func openContainer(object: Bool) -> Int {
            out.writeInteger(object ? UInt8(ascii: "{") : UInt8(ascii: "["))
            open.append((object, true))
            return open.count - 1
        }

        /// Starts the next member of the container at `index` (closing any nested one left
        /// open before it), with its key when the container is an object.
        func member(of index: Int, key: String?) throws {
            close(downTo: index + 1)
            guard open.count == index + 1 else {
                throw EncodingError.invalidValue(key ?? "", .init(codingPath: [], debugDescription: "written to a JSON container after it was closed"))
            }
            if !open[index].empty { out.writeInteger(UInt8(ascii: ",")) }
            open[index].empty = false
            if let key {
                string(key)
                out.writeInteger(UInt8(ascii: ":"))
            }
        }

        func value<T: Encodable>(_ value: T) throws {
            // Comparing types is cheap; a cast to a protocol asks the runtime, so it comes last.
            if T.self == String.self { return string(value as! String) }
            if T.self == Int.self { return integer(value as! Int) }
            if T.self == Bool.self { return bool(value as! Bool) }
            if T.self == Date.self { return string((value as! Date).formatted(.iso8601)) }
            if T.self == Double.self { return try double(value as! Double) }
            if T.self == URL.self { return string((value as! URL).absoluteString) }
            if T.self == Data.self { return string((value as! Data).base64EncodedString()) }
            // The two commonest values of a migration, written as they encode themselves,
            // before the cast below that every other value pays for.
            if T.self == UUID.self { return string((value as! UUID).uuidString) }
            if T.self == Day.self { return string((value as! Day).description) }
            if let dictionary = value as? any StringKeyedDictionary { return try dictionary.writeSorted(into: self) }
            let depth = open.count, start = out.writerIndex
            try value.encode(to: StreamEncoder(writer: self, depth: depth))
            // A value that wrote nothing is an empty object, as in JSONEncoder.
            if out.writerIndex == start { out.writeStaticString("{}") }
            close(downTo: depth)
        }

        func bool(_ flag: Bool) { out.writeStaticString(flag ? "true" : "false") }

        func integer(_ number: some BinaryInteger) { out.writeString(String(number)) }

        func double<Number: BinaryFloatingPoint & CustomStringConvertible>(_ number: Number) throws {
            guard number.isFinite else {
                throw EncodingError.invalidValue(number, .init(codingPath: [], debugDescription: "JSON has no \(number)"))
            }
            var text = number.description
            if text.hasSuffix(".0") { text.removeLast(2) }
            out.writeString(text)
        }

        /// A JSON string, escaped as `JSONWriter` escapes it.
        func string(_ text: String) {
            out.writeInteger(UInt8(ascii: "\""))
            JSONWriter.escaping(text) { out.writeBytes($0) }
            out.writeInteger(UInt8(ascii: "\""))
        }
    }

    /// The encoder a value writes itself with. `depth` is how many containers were open
    /// when the value began: its own container is the next.
    private struct StreamEncoder: Encoder {
        let writer: Writer
        let depth: Int
        var codingPath: [any CodingKey] { [] }
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        /// The value's own container: opened on first use, the same one after.
        private func own(object: Bool) -> Int {
            if writer.open.count > depth, writer.open[depth].object == object {
                writer.close(downTo: depth + 1)
                return depth
            }
            return writer.openContainer(object: object)
        }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            KeyedEncodingContainer(Keyed(writer: writer, index: own(object: true)))
        }

        func unkeyedContainer() -> any UnkeyedEncodingContainer {
            Unkeyed(writer: writer, index: own(object: false))
        }

        func singleValueContainer() -> any SingleValueEncodingContainer { Single(writer: writer) }
    }

    private struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let writer: Writer
        let index: Int
        var codingPath: [any CodingKey] { [] }

        func encodeNil(forKey key: Key) throws {
            try writer.member(of: index, key: key.stringValue)
            writer.out.writeStaticString("null")
        }

        func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            try writer.member(of: index, key: key.stringValue)
            try writer.value(value)
        }

        // Each standard type the protocol names, written without asking what it is.
        func encode(_ value: Bool, forKey key: Key) throws { try writer.member(of: index, key: key.stringValue); writer.bool(value) }
        func encode(_ value: String, forKey key: Key) throws { try writer.member(of: index, key: key.stringValue); writer.string(value) }
        func encode(_ value: Double, forKey key: Key) throws { try writer.member(of: index, key: key.stringValue); try writer.double(value) }
        func encode(_ value: Float, forKey key: Key) throws { try writer.member(of: index, key: key.stringValue); try writer.double(value) }
        func encode(_ value: Int, forKey key: Key) throws { try writer.member(of: index, key: key.stringValue); writer.integer(value) }
        func encode(_ value: Int8, forKey key: Key) throws { try writer.member(of: index, key: key.stringValue); writer.integer(value) }
        func encode(_ value: Int16, forKey key: Key) throws { try writer.member(of: index, key: key.stringValue); writer.integer(value) }
        func encode(_ value: Int32, forKey key: Key) throws { try writer.member(of: index, key: key.stringValue); writer.integer(value) }
        func encode(_ value: Int64, forKey key: Key) throws { try writer.member(of: index, key: key.stringValue); writer.integer(value) }
        func encode(_ value: UInt, forKey key: Key) throws { try writer.member(of: index, key: key.stringValue); writer.integer(value) }
        func encode(_ value: UInt8, forKey key: Key) throws { try writer.member(of: index, key: key.stringValue); writer.integer(value) }
        func encode(_ value: UInt16, forKey key: Key) throws { try writer.member(of: index, key: key.stringValue); writer.integer(value) }
        func encode(_ value: UInt32, forKey key: Key) throws { try writer.member(of: index, key: key.stringValue); writer.integer(value) }
        func encode(_ value: UInt64, forKey key: Key) throws { try writer.member(of: index, key: key.stringValue); writer.integer(value) }

        func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            try? writer.member(of: index, key: key.stringValue)
            return KeyedEncodingContainer(Keyed<NestedKey>(writer: writer, index: writer.openContainer(object: true)))
        }

        func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            try? writer.member(of: index, key: key.stringValue)
            return Unkeyed(writer: writer, index: writer.openContainer(object: false))
        }

        func superEncoder() -> any Encoder { superEncoder(named: "super") }
        func superEncoder(forKey key: Key) -> any Encoder { superEncoder(named: key.stringValue) }

        private func superEncoder(named name: String) -> any Encoder {
            try? writer.member(of: index, key: name)
            return StreamEncoder(writer: writer, depth: writer.open.count)
        }
    }

    private struct Unkeyed: UnkeyedEncodingContainer {
        let writer: Writer
        let index: Int
        var codingPath: [any CodingKey] { [] }
        private(set) var count = 0

        init(writer: Writer, index: Int) {
            self.writer = writer
            self.index = index
        }

        mutating func encodeNil() throws {
            try next()
            writer.out.writeStaticString("null")
        }

        mutating func encode<T: Encodable>(_ value: T) throws {
            try next()
            try writer.value(value)
        }

        // Each standard type the protocol names, written without asking what it is.
        mutating func encode(_ value: Bool) throws { try next(); writer.bool(value) }
        mutating func encode(_ value: String) throws { try next(); writer.string(value) }
        mutating func encode(_ value: Double) throws { try next(); try writer.double(value) }
        mutating func encode(_ value: Float) throws { try next(); try writer.double(value) }
        mutating func encode(_ value: Int) throws { try next(); writer.integer(value) }
        mutating func encode(_ value: Int8) throws { try next(); writer.integer(value) }
        mutating func encode(_ value: Int16) throws { try next(); writer.integer(value) }
        mutating func encode(_ value: Int32) throws { try next(); writer.integer(value) }
        mutating func encode(_ value: Int64) throws { try next(); writer.integer(value) }
        mutating func encode(_ value: UInt) throws { try next(); writer.integer(value) }
        mutating func encode(_ value: UInt8) throws { try next(); writer.integer(value) }
        mutating func encode(_ value: UInt16) throws { try next(); writer.integer(value) }
        mutating func encode(_ value: UInt32) throws { try next(); writer.integer(value) }
        mutating func encode(_ value: UInt64) throws { try next(); writer.integer(value) }

        private mutating func next() throws {
            try writer.member(of: index, key: nil)
            count += 1
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            try? writer.member(of: index, key: nil)
            count += 1
            return KeyedEncodingContainer(Keyed<NestedKey>(writer: writer, index: writer.openContainer(object: true)))
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            try? writer.member(of: index, key: nil)
            count += 1
            return Unkeyed(writer: writer, index: writer.openContainer(object: false))
        }

        mutating func superEncoder() -> any Encoder {
            try? writer.member(of: index, key: nil)
            count += 1
            return StreamEncoder(writer: writer, depth: writer.open.count)
        }
    }

    /// One value, written where the container that asked for it stands.
    private struct Single: SingleValueEncodingContainer {
        let writer: Writer
        var codingPath: [any CodingKey] { [] }

        func encodeNil() throws { writer.out.writeStaticString("null") }
        func encode<T: Encodable>(_ value: T) throws { try writer.value(value) }
        func encode(_ value: Bool) throws { writer.bool(value) }
        func encode(_ value: String) throws { writer.string(value) }
        func encode(_ value: Double) throws { try writer.double(value) }
        func encode(_ value: Float) throws { try writer.double(value) }
        func encode(_ value: Int) throws { writer.integer(value) }
        func encode(_ value: Int8) throws { writer.integer(value) }
        func encode(_ value: Int16) throws { writer.integer(value) }
        func encode(_ value: Int32) throws { writer.integer(value) }
        func encode(_ value: Int64) throws { writer.integer(value) }
        func encode(_ value: UInt) throws { writer.integer(value) }
        func encode(_ value: UInt8) throws { writer.integer(value) }
        func encode(_ value: UInt16) throws { writer.integer(value) }
        func encode(_ value: UInt32) throws { writer.integer(value) }
        func encode(_ value: UInt64) throws { writer.integer(value) }
    }
}

/// A dictionary with string keys, written as an object in key order.
private protocol StringKeyedDictionary {
    func writeSorted(into writer: JSONStream.Writer) throws
}

extension Dictionary: StringKeyedDictionary where Key == String, Value: Encodable {
    fileprivate func writeSorted(into writer: JSONStream.Writer) throws {
        let index = writer.openContainer(object: true)
        for key in keys.sorted() {
            try writer.member(of: index, key: key)
            try writer.value(self[key]!)
        }
        writer.close(downTo: index)
    }
}
