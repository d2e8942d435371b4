import Fluent
import SQLKit

extension CutoverServices {
    /// The one way anything is written: a transaction, one at a time in this process on
    /// SQLite (behind the write gate: SQLite has a single writer, and a transaction that
    /// read first cannot take the write lock once another has committed), with a busy
    /// timeout so that a writer in another process (a `cutover` command on the same file)
    /// is waited for, not answered with "database is locked". PostgreSQL needs no gate:
    /// row locks and the version check do the work.
    func write<T: Sendable>(on database: any Database, _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        let sqlite = writeGate != nil
        let work: @Sendable () async throws -> T = {
            try await database.transaction { db in
                if sqlite {
                    try await (db as! any SQLDatabase).raw("PRAGMA busy_timeout = \(unsafeRaw: String(Self.busyTimeoutMilliseconds))").run()
                }
                return try await body(db)
            }
        }
        if let writeGate { return try await writeGate.run(work) }
        return try await work()
    }

    /// How long an SQLite writer waits for another process's write to finish.
    static let busyTimeoutMilliseconds = 5_000
}
