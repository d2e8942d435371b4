import Foundation
import MigrationKit
import SQLiteKit
import SQLiteNIO
import Testing
import VaporCSQLite
@testable import CutoverServer

/// A connection's statements are prepared once and kept, but not those made for many rows
/// at once, which are run and let go.
@Suite struct SQLiteStatementsTests {
    @Test func aStatementOfManyValuesIsRunButNotKept() throws {
        try withStatements { (statements: SQLiteStatements) throws in
        func insert(_ count: Int) throws {
            let values = (0..<count).map { SQLiteData.integer($0) }
            _ = try statements.rows("INSERT INTO t (n) VALUES " + values.map { _ in "(?)" }.joined(separator: ", "), values)
        }
        _ = try statements.rows("CREATE TABLE t (n INTEGER NOT NULL)", [])
        try insert(3)
        try insert(SQLiteStatements.keptValues + 1)
        try insert(3)
        try insert(SQLiteStatements.keptValues + 1)
        // The table's statement and the insert of three.
        #expect(statements.count == 2)
        let sum = try statements.rows("SELECT COUNT(*) AS n, SUM(n) AS total FROM t", []).first
        #expect(sum?.column("n") == .integer(6 + 2 * (SQLiteStatements.keptValues + 1)))
        #expect(sum?.column("total") == .integer(2 * 3 + 2 * (0...SQLiteStatements.keptValues).reduce(0, +)))
        // One of many values is refused by name like any other, and leaves nothing open.
        #expect(throws: (any Error).self) { _ = try statements.rows("INSERT INTO t (n) VALUES " + Array(repeating: "(?)", count: 70).joined(separator: ", "), []) }
        }
    }

    /// Texts that differ only between their ends hash alike but are kept apart: each runs
    /// its own statement.
    @Test func textsAlikeAtBothEndsAreDifferentStatements() throws {
        try withStatements { (statements: SQLiteStatements) throws in
        let padding = String(repeating: " ", count: StatementText.endBytes)
        let texts = ["SELECT 1 AS n", "SELECT 2 AS n"].map { padding + $0 + padding }
        #expect(StatementText(texts[0]).hashValue == StatementText(texts[1]).hashValue)
        #expect(StatementText(texts[0]) != StatementText(texts[1]))
        for _ in 0..<2 {
            #expect(try statements.rows(texts[0], []).first?.column("n") == .integer(1))
            #expect(try statements.rows(texts[1], []).first?.column("n") == .integer(2))
        }
        #expect(statements.count == 2)
        }
    }

    /// The statements of a new in-memory database, finalized and closed after `body`.
    private func withStatements(_ body: (SQLiteStatements) throws -> Void) throws {
        var opened: OpaquePointer?
        #expect(sqlite_nio_sqlite3_open_v2(":memory:", &opened, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil) == SQLITE_OK)
        let handle = try #require(opened)
        defer { sqlite_nio_sqlite3_close(handle) }
        let statements = SQLiteStatements(handle)
        defer { statements.finalize() }
        try body(statements)
    }

    /// The values bound without SQLiteKit's encoder are the values it makes.
    @Test func valuesAreBoundAsSQLiteKitEncodesThem() throws {
        let encoder = SQLiteDataEncoder()
        let ids = [UUID(), UUID(uuid: (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 255)), UUID(uuidString: "9dd461c7-c19a-4a41-bd92-7469295c3a62")!]
        let values: [any Encodable] = ids + ["", "text with ' and \u{0}", "é"] + [0, -1, Int.max] + [true, 1.5, Optional<String>.none, try Day(year: 2026, month: 11, day: 29), MigrationStatus.registered]
        for value in values {
            #expect(try SQLiteStatements.value(of: value) == (try encoder.encode(value)), "\(value)")
        }
        #expect(ids.map(\.text) == ids.map(\.uuidString))
    }
}
