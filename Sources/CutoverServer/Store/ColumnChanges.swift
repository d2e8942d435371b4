import Foundation
import MigrationKit
import SQLKit

/// The columns in which two versions of a row differ, with the new values to set: what the
/// rows encode to, compared column by column, as `SQLQueryEncoder` would write them (a nil
/// optional is NULL). SQLKit's encoder builds an expression for every column of both rows;
/// doing that was a quarter of the writer's time in a step (README, Speed).
///
/// Rows are flat: each property is a column. A row that nests containers is a programming
/// error, stopped at once.
enum ColumnChanges {
    static func between<Row: Encodable>(_ old: Row, _ new: Row) throws -> [(String, any SQLExpression)] {
        let before = ColumnCapture(comparingWith: nil)
        try old.encode(to: before)
        let after = ColumnCapture(comparingWith: before.values)
        try new.encode(to: after)
        return after.changed
    }
}

/// A column's value as compared: the commonest types held as themselves, anything else as
/// `AnyHashable`. Boxing every value, and casting each to `AnyHashable`, was most of the
/// comparison, a tenth of the writer's time in a step.
private enum ColumnValue: Equatable {
    case null, text(String), integer(Int), id(UUID), day(Day), time(Date), other(AnyHashable)
}

/// An encoder that keeps each column's value in the order the row encodes them, nil ones
/// included, so that two rows of one type compare column by column; given the values of
/// the row before, it also keeps the columns whose values differ, bound for SQL.
private final class ColumnCapture: Encoder {
    let before: [(column: String, value: ColumnValue)]?
    private(set) var values: [(column: String, value: ColumnValue)] = []
    private(set) var changed: [(String, any SQLExpression)] = []

    init(comparingWith before: [(column: String, value: ColumnValue)]?) {
        self.before = before
        values.reserveCapacity(before?.count ?? 40)
    }

    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(Columns(capture: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        preconditionFailure("ColumnChanges compares flat rows, one column per property")
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        preconditionFailure("ColumnChanges compares flat rows, one column per property")
    }

    func keep(_ value: ColumnValue, bound: @autoclosure () -> any SQLExpression, as column: String) {
        if let before {
            let position = values.count
            precondition(position < before.count && before[position].column == column, "ColumnChanges compares two rows of one type")
            if before[position].value != value { changed.append((column, bound())) }
        }
        values.append((column, value))
    }

    private struct Columns<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let capture: ColumnCapture
        var codingPath: [any CodingKey] { [] }

        mutating func encodeNil(forKey key: Key) throws { capture.keep(.null, bound: SQLLiteral.null, as: key.stringValue) }
        mutating func encode(_ value: String, forKey key: Key) throws { capture.keep(.text(value), bound: SQLBind(value), as: key.stringValue) }
        mutating func encode(_ value: Int, forKey key: Key) throws { capture.keep(.integer(value), bound: SQLBind(value), as: key.stringValue) }
        mutating func encode(_ value: Bool, forKey key: Key) throws { capture.keep(.other(value), bound: SQLBind(value), as: key.stringValue) }
        mutating func encode(_ value: Double, forKey key: Key) throws { capture.keep(.other(value), bound: SQLBind(value), as: key.stringValue) }

        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            let kept: ColumnValue
            // Known by their types, without a cast to a protocol (`value as? AnyHashable`).
            if T.self == UUID.self { kept = .id(unsafeBitCast(value, to: UUID.self)) }
            else if T.self == Day.self { kept = .day(unsafeBitCast(value, to: Day.self)) }
            else if T.self == Date.self { kept = .time(unsafeBitCast(value, to: Date.self)) }
            else if let hashable = value as? AnyHashable { kept = .other(hashable) }
            else {
                throw EncodingError.invalidValue(value, .init(codingPath: [key], debugDescription: "A column's value must be Hashable to be compared"))
            }
            capture.keep(kept, bound: SQLBind(Unchecked(value)), as: key.stringValue)
        }

        // A nil column is kept as NULL, not left out as the protocol's own `encodeIfPresent`
        // leaves it: so both rows have every column, in the same order.
        mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
            if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
        }
        mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws {
            if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
        }
        mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws {
            if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
        }
        mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws {
            if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
        }
        mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws {
            if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            preconditionFailure("ColumnChanges compares flat rows, one column per property")
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            preconditionFailure("ColumnChanges compares flat rows, one column per property")
        }
        mutating func superEncoder() -> any Encoder { preconditionFailure("ColumnChanges compares flat rows, one column per property") }
        mutating func superEncoder(forKey key: Key) -> any Encoder { preconditionFailure("ColumnChanges compares flat rows, one column per property") }
    }
}

/// A column's value for `SQLBind`, which asks for `Sendable`; a row's values are (`Codable`
/// cannot say so). It encodes through a single-value container, as SQLKit's own wrapper
/// does, so that the driver sees the value's own type (a `UUID`, a `Date`).
private struct Unchecked<Value: Encodable>: Encodable, @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
