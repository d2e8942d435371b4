import Fluent
import SQLiteKit
import SQLiteNIO
import SQLKit

/// A write transaction on the writer's connection (`WriterLoop`), as the write gate hands
/// it to its writers: SQLKit's statements (every change of a migration, its trail and the
/// gate's savepoints) run at once on the connection's own sqlite3 handle, each prepared
/// once and kept (`SQLiteStatements`); Fluent's model queries go to SQLiteNIO as before.
/// Both use the one handle, so both are in the one transaction.
///
/// Through SQLiteNIO, each statement was prepared anew on SQLiteNIO's thread and answered
/// on the writer's event loop before the next could start: a lone step's statements went
/// back and forth a dozen times, and preparing them took a third of SQLite's time (README,
/// Speed). The handle is serialized by SQLite (SQLiteNIO opens it with `FULLMUTEX`), and
/// the gate runs one transaction at a time, each statement after the last has answered.
struct WriterDatabase: Database, SQLDatabase {
    /// The connection as Fluent gave it, for the length of the transaction.
    let fluent: any Database
    let statements: SQLiteStatements
    /// Whether this is the transaction (`WriterLoop.transaction` began it on the handle).
    let inTransaction: Bool

    // Fluent's part: on the connection it wraps.
    var context: DatabaseContext { fluent.context }

    func execute(query: DatabaseQuery, onOutput: @escaping @Sendable (any DatabaseOutput) -> ()) -> EventLoopFuture<Void> {
        fluent.execute(query: query, onOutput: onOutput)
    }

    func execute(schema: DatabaseSchema) -> EventLoopFuture<Void> {
        fluent.execute(schema: schema)
    }

    func execute(enum: DatabaseEnum) -> EventLoopFuture<Void> {
        fluent.execute(enum: `enum`)
    }

    /// Within the transaction, as Fluent does within its own: the same transaction.
    func transaction<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        if inTransaction { return closure(self) }
        return fluent.transaction { [statements] in closure(WriterDatabase(fluent: $0, statements: statements, inTransaction: true)) }
    }

    func withConnection<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        fluent.withConnection { [statements, inTransaction] in closure(WriterDatabase(fluent: $0, statements: statements, inTransaction: inTransaction)) }
    }

    // SQLKit's part: on the handle, here and now.
    var logger: Logger { fluent.logger }
    var eventLoop: any EventLoop { fluent.eventLoop }
    var dialect: any SQLDialect { SQLiteDialect() }
    var queryLogLevel: Logger.Level? { nil }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
        eventLoop.makeCompletedFuture { try rows(query).forEach(onRow) }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
        try rows(query).forEach(onRow)
    }

    /// Runs `statement`, which has no values and reads no rows (`BEGIN`, `COMMIT`).
    func run(_ statement: String) throws {
        _ = try statements.rows(statement, [])
    }

    /// The rows of `query`, read as the reader reads them (`RecordTables` asks for them).
    func rows(_ query: any SQLExpression) throws -> [SQLiteReader.Row] {
        let (text, binds) = serialize(query)
        return try statements.rows(text, try binds.map(SQLiteStatements.value(of:)))
    }
}
