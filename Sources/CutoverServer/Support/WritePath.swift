import Fluent
import SQLKit

extension CutoverServices {
    /// The one way anything is written: a transaction, one at a time in this process on
    /// SQLite (behind the write gate, which commits the writers that queue meanwhile
    /// together: SQLite has a single writer, and a transaction that read first cannot take
    /// the write lock once another has committed), with a busy timeout so that a writer in
    /// another process (a `cutover` command on the same file) is waited for, not answered
    /// with "database is locked". PostgreSQL needs no gate: row locks and the version check
    /// do the work.
    func write<T: Sendable>(on database: any Database, _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        try await write(on: database, leaving: { (try await body($0), ChangeTrail()) })
    }

    /// The write path for a change of a migration, which leaves a trail (its audit event and
    /// kept judgement) to be written after it in its transaction.
    func write<T: Sendable>(on database: any Database, leaving body: @escaping @Sendable (any Database) async throws -> (T, ChangeTrail)) async throws -> T {
        if let writeGate { return try await writeGate.run(on: database, body) }
        return try await database.transaction { db in
            let (value, trail) = try await body(db)
            try await trail.write(on: db)
            return value
        }
    }

    /// The gate for SQLite's writes, with its busy timeout. Each writer of a batch has its
    /// own savepoint, whose journal SQLite keeps in a temporary file; `temp_store = MEMORY`
    /// keeps it in memory instead: writing it to disk and opening and closing the file took
    /// a twenty-fifth of a step.
    static func sqliteWriteGate(writer: WriterLoop? = nil) -> WriteGate {
        WriteGate(writer: writer) { db in
            let sql = db as! any SQLDatabase
            try await sql.raw("PRAGMA busy_timeout = \(unsafeRaw: String(busyTimeoutMilliseconds))").run()
            try await sql.raw("PRAGMA temp_store = MEMORY").run()
        }
    }

    /// How long an SQLite writer waits for another process's write to finish.
    static let busyTimeoutMilliseconds = 5_000
}
