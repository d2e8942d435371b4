import Fluent
import SQLKit

/// The home page's task list and its counts (`WorkQueueStore`), which every user starts on,
/// took 150 to 215 ms for a CSU following 10,000 migrations. Counting its open deadlines
/// read each of 7,730 open deadlines' rows for their kind; listing the steps that wait on it
/// read and sorted all 4,932 of them for the first 50. So the open-deadlines index carries
/// the kind and the supplier, and the waiting steps are indexed in the list's order (dated
/// first, soonest first), with the migration and version that counting them joins on.
struct M048_IndexTaskQueues: AsyncMigration {
    static let indexes = [
        (name: "deadlines_open_due", table: "deadlines", columns: "done, due, migration_id, kind, supplier_id", before: "done, due, migration_id"),
        (name: "migration_steps_by_organisation", table: "migration_steps",
         columns: "organisation_id, (due IS NULL), due, migration_id, version", before: "organisation_id, migration_id"),
    ]

    func prepare(on database: any Database) async throws {
        try await rebuild(on: database) { $0.columns }
    }

    func revert(on database: any Database) async throws {
        try await rebuild(on: database) { $0.before }
    }

    private func rebuild(on database: any Database, columns: @escaping @Sendable ((name: String, table: String, columns: String, before: String)) -> String) async throws {
        try await database.transaction { db in
            let sql = db as! any SQLDatabase
            for index in Self.indexes {
                try await sql.raw("DROP INDEX \(unsafeRaw: index.name)").run()
                try await sql.raw("CREATE INDEX \(unsafeRaw: index.name) ON \(unsafeRaw: index.table) (\(unsafeRaw: columns(index)))").run()
            }
        }
    }
}
