import Fluent
import SQLKit

/// The region's change counter. Every transaction that changes a migration or the reference
/// data adds one before it commits, so a reader learns with one indexed read whether
/// anything has changed since a cached result was computed. It lives in the database, not
/// in memory, so that several server instances sharing PostgreSQL (and `cutover` commands
/// run against the same SQLite file) see each other's changes.
enum ChangeCounter {
    /// Adds one; call inside the transaction that makes the change.
    static func bump(on db: any Database) async throws {
        try await (db as! any SQLDatabase).raw("UPDATE change_counter SET generation = generation + 1 WHERE id = 1").run()
    }

    static func current(on db: any Database) async throws -> Int {
        let row = try await (db as! any SQLDatabase).raw("SELECT generation FROM change_counter WHERE id = 1").first()
        return try row?.decode(column: "generation", as: Int.self) ?? 0
    }
}
