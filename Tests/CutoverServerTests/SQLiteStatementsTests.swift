import SQLiteNIO
import Testing
import VaporCSQLite
@testable import CutoverServer

/// A connection's statements are prepared once and kept, but not those made for many rows
/// at once, which are run and let go.
@Suite struct SQLiteStatementsTests {
    @Test func aStatementOfManyValuesIsRunButNotKept() throws {
        var opened: OpaquePointer?
        #expect(sqlite_nio_sqlite3_open_v2(":memory:", &opened, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil) == SQLITE_OK)
        let handle = try #require(opened)
        defer { sqlite_nio_sqlite3_close(handle) }
        let statements = SQLiteStatements(handle)
        defer { statements.finalize() }
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
