import Fluent
import Foundation
import MigrationKit
import SQLKit

/// The portfolio's sums per audience and what each migration added to them
/// (`PortfolioCounts`), counted now for the migrations that exist. The sums are keyed by
/// audience, measure and value, the key every read asks by.
struct M045_CreatePortfolioCounts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.transaction { db in
            let sql = db as! any SQLDatabase
            // On SQLite the rows are kept in the key's order, so that a read walks one range.
            let clustered = sql.dialect.name == "sqlite" ? " WITHOUT ROWID" : ""
            try await sql.raw("""
                CREATE TABLE portfolio_counts (
                  audience TEXT NOT NULL, measure TEXT NOT NULL, value TEXT NOT NULL, n INTEGER NOT NULL,
                  PRIMARY KEY (audience, measure, value))\(unsafeRaw: clustered)
                """).run()
            try await db.schema("portfolio_entries")
                .field("migration_id", .uuid, .identifier(auto: false), .references("migrations", "id", onDelete: .cascade))
                .field("entry", .string, .required)
                .create()
            // The entries do not depend on the day; the state asks for one.
            try await PortfolioCounts(sql: sql).recount(today: LondonToday.day(at: Date()))
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("portfolio_entries").delete()
        try await (database as! any SQLDatabase).raw("DROP TABLE portfolio_counts").run()
    }
}
