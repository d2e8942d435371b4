import Foundation
import MigrationKit
import SQLiteKit

/// Decodes a row straight from SQLite's values, each coding key read from its column's
/// position: a row of the united select (`RecordTables`) from its part's slot, any other
/// row read through the reader from its own column. SQLKit's row decoder took a seventh of
/// a migration read: a coding path, a key strategy and a boxed container for every column
/// of every row. Values convert exactly as SQLiteKit's `SQLiteDataDecoder` converts them
/// (`SQLiteDataConvertible`), but a UUID is read by `UUID(text:)`, not `sscanf`.
struct SQLiteSlotDecoder: Decoder {
    let values: [SQLiteData]
    /// Where each column is among `values`, by the name it is decoded by.
    let positions: [String: Int]
    /// The same in the order the row's type decodes its columns, when known: each column
    /// asked for in that order is found by comparing its name with the next one's, not by
    /// hashing it (a migration's two hundred columns were a tenth of loading it).
    var order: [(name: String, position: Int)] = []

    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(Columns(values: values, positions: positions, order: order, next: Next()))
    }

    /// How far the columns asked for have followed `order`.
    private final class Next {
        var index = 0
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { throw Self.notAColumn(codingPath) }
    func singleValueContainer() throws -> any SingleValueDecodingContainer { throw Self.notAColumn(codingPath) }

    static func notAColumn(_ path: [any CodingKey]) -> DecodingError {
        .dataCorrupted(.init(codingPath: path, debugDescription: "a stored row holds columns of single values only"))
    }

    /// One column's value, of the column `key` (nil for a column read by name). The key is
    /// made a coding path only for an error: an array for each column read was an
    /// allocation for each of a migration's two hundred values.
    static func value<T: Decodable>(_ type: T.Type, from data: SQLiteData, key: (any CodingKey)?) throws -> T {
        try commonValue(T.self, from: data) {
            if let convertible = T.self as? any SQLiteDataConvertible.Type {
                guard let value = convertible.init(sqliteData: data) else {
                    throw DecodingError.typeMismatch(T.self, .init(codingPath: key.map { [$0] } ?? [], debugDescription: "cannot read \(data) as \(T.self)"))
                }
                return value as! T
            }
            // Days, enumerations and the like decode themselves from one of the above.
            return try T(from: Value(data: data, key: key))
        }
    }

    /// The commonest values of a stored row, read without a cast to a protocol or a
    /// decoder; anything else as `otherwise` reads it. A text that is not a UUID or a day
    /// falls through, to be refused as `UUID(from:)` and `Day(from:)` refuse it.
    ///
    /// Callers are generic over the value's type, so each value is handed back by
    /// `unsafeBitCast` once its type is known to be that one: a cast (`as? T`) and the
    /// optional of an unknown type (`T?`) looked up type metadata for each of the six
    /// hundred columns of a list's fifty rows: reading them went from 8.7% of a list's
    /// time to 5.0%.
    static func commonValue<T>(_ type: T.Type, from data: SQLiteData, otherwise: () throws -> T) rethrows -> T {
        switch data {
        case .text(let text):
            if T.self == String.self { return unsafeBitCast(text, to: T.self) }
            if T.self == UUID.self, let id = UUID(text: text) { return unsafeBitCast(id, to: T.self) }
            if T.self == Day.self, let day = try? Day(parsing: text) { return unsafeBitCast(day, to: T.self) }
        case .integer(let integer):
            if T.self == Int.self { return unsafeBitCast(integer, to: T.self) }
        default: break
        }
        return try otherwise()
    }

    private struct Columns<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let values: [SQLiteData]
        let positions: [String: Int]
        let order: [(name: String, position: Int)]
        let next: Next

        var codingPath: [any CodingKey] { [] }
        var allKeys: [Key] { [] }

        private func data(_ key: Key) -> SQLiteData? {
            let name = key.stringValue
            if next.index < order.count, order[next.index].name == name {
                defer { next.index += 1 }
                return values[order[next.index].position]
            }
            return positions[name].map { values[$0] }
        }

        func contains(_ key: Key) -> Bool { data(key) != nil }

        func decodeNil(forKey key: Key) throws -> Bool { data(key)?.isNull ?? true }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            guard let data = data(key) else {
                throw DecodingError.keyNotFound(key, .init(codingPath: [key], debugDescription: "no column \(key.stringValue)"))
            }
            return try SQLiteSlotDecoder.value(T.self, from: data, key: key)
        }

        // An optional column is looked up once: the protocol's own `decodeIfPresent` asks
        // `contains`, then `decodeNil`, then `decode`, and half a row's columns are optional.
        func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
            guard let data = data(key), !data.isNull else { return nil }
            return try SQLiteSlotDecoder.value(T.self, from: data, key: key)
        }

        func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
            guard let data = data(key), !data.isNull else { return nil }
            if case .text(let text) = data { return text }
            return try SQLiteSlotDecoder.value(String.self, from: data, key: key)
        }

        // The protocol asks for each standard type by name; each is read as any other, but
        // text, the commonest, without going through the generic path's casts.
        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try column(key) }
        func decode(_ type: String.Type, forKey key: Key) throws -> String {
            if case .text(let text) = data(key) { return text }
            return try column(key)
        }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try column(key) }
        func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try column(key) }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try column(key) }
        func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try column(key) }
        func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try column(key) }
        func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try column(key) }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try column(key) }
        func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try column(key) }
        func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try column(key) }
        func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try column(key) }
        func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try column(key) }
        func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try column(key) }

        private func column<T: Decodable>(_ key: Key) throws -> T { try decode(T.self, forKey: key) }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            throw SQLiteSlotDecoder.notAColumn([key])
        }
        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer { throw SQLiteSlotDecoder.notAColumn([key]) }
        func superDecoder() throws -> any Decoder { throw SQLiteSlotDecoder.notAColumn([]) }
        func superDecoder(forKey key: Key) throws -> any Decoder { throw SQLiteSlotDecoder.notAColumn([key]) }
    }

    /// A column's value as a decoder of one value, for types that decode themselves.
    private struct Value: Decoder, SingleValueDecodingContainer {
        let data: SQLiteData
        let key: (any CodingKey)?
        var codingPath: [any CodingKey] { key.map { [$0] } ?? [] }
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> { throw SQLiteSlotDecoder.notAColumn(codingPath) }
        func unkeyedContainer() throws -> any UnkeyedDecodingContainer { throw SQLiteSlotDecoder.notAColumn(codingPath) }
        func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

        func decodeNil() -> Bool { data.isNull }
        func decode<T: Decodable>(_ type: T.Type) throws -> T { try SQLiteSlotDecoder.value(T.self, from: data, key: key) }
        func decode(_ type: Bool.Type) throws -> Bool { try SQLiteSlotDecoder.value(Bool.self, from: data, key: key) }
        func decode(_ type: String.Type) throws -> String { try SQLiteSlotDecoder.value(String.self, from: data, key: key) }
        func decode(_ type: Double.Type) throws -> Double { try SQLiteSlotDecoder.value(Double.self, from: data, key: key) }
        func decode(_ type: Float.Type) throws -> Float { try SQLiteSlotDecoder.value(Float.self, from: data, key: key) }
        func decode(_ type: Int.Type) throws -> Int { try SQLiteSlotDecoder.value(Int.self, from: data, key: key) }
        func decode(_ type: Int8.Type) throws -> Int8 { try SQLiteSlotDecoder.value(Int8.self, from: data, key: key) }
        func decode(_ type: Int16.Type) throws -> Int16 { try SQLiteSlotDecoder.value(Int16.self, from: data, key: key) }
        func decode(_ type: Int32.Type) throws -> Int32 { try SQLiteSlotDecoder.value(Int32.self, from: data, key: key) }
        func decode(_ type: Int64.Type) throws -> Int64 { try SQLiteSlotDecoder.value(Int64.self, from: data, key: key) }
        func decode(_ type: UInt.Type) throws -> UInt { try SQLiteSlotDecoder.value(UInt.self, from: data, key: key) }
        func decode(_ type: UInt8.Type) throws -> UInt8 { try SQLiteSlotDecoder.value(UInt8.self, from: data, key: key) }
        func decode(_ type: UInt16.Type) throws -> UInt16 { try SQLiteSlotDecoder.value(UInt16.self, from: data, key: key) }
        func decode(_ type: UInt32.Type) throws -> UInt32 { try SQLiteSlotDecoder.value(UInt32.self, from: data, key: key) }
        func decode(_ type: UInt64.Type) throws -> UInt64 { try SQLiteSlotDecoder.value(UInt64.self, from: data, key: key) }
    }
}
