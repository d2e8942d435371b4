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
        // A column the new row leaves out was set to nil.
        let cleared = before.values.keys.filter { after.values[$0] == nil }.sorted()
        return after.changed + cleared.map { ($0, SQLLiteral.null) }
    }
}

/// An encoder that keeps each column's value; given the values of the row before, it also
/// keeps the columns whose values differ, bound for SQL.
private final class ColumnCapture: Encoder {
    let before: [String: AnyHashable]?
    private(set) var values: [String: AnyHashable] = [:]
    private(set) var changed: [(String, any SQLExpression)] = []

    init(comparingWith before: [String: AnyHashable]?) {
        self.before = before
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

    func keep(_ value: AnyHashable, bound: @autoclosure () -> any SQLExpression, as column: String) {
        values[column] = value
        if let before, before[column] != value { changed.append((column, bound())) }
    }

    private struct Columns<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let capture: ColumnCapture
        var codingPath: [any CodingKey] { [] }

        mutating func encodeNil(forKey key: Key) throws {
            capture.keep(AnyHashable(Optional<Int>.none), bound: SQLLiteral.null, as: key.stringValue)
        }
        mutating func encode(_ value: String, forKey key: Key) throws { capture.keep(value, bound: SQLBind(value), as: key.stringValue) }
        mutating func encode(_ value: Int, forKey key: Key) throws { capture.keep(value, bound: SQLBind(value), as: key.stringValue) }
        mutating func encode(_ value: Bool, forKey key: Key) throws { capture.keep(value, bound: SQLBind(value), as: key.stringValue) }
        mutating func encode(_ value: Double, forKey key: Key) throws { capture.keep(value, bound: SQLBind(value), as: key.stringValue) }

        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            guard let hashable = value as? AnyHashable else {
                throw EncodingError.invalidValue(value, .init(codingPath: [key], debugDescription: "A column's value must be Hashable to be compared"))
            }
            capture.keep(hashable, bound: SQLBind(Unchecked(value)), as: key.stringValue)
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
