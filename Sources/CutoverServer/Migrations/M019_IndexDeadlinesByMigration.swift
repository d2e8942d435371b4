import Fluent
import SQLKit

/// The list and detail read a migration's open deadlines by migration first.
struct M019_IndexDeadlinesByMigration: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("CREATE INDEX deadlines_migration_open ON deadlines (migration_id, done, due)").run()
    }

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("DROP INDEX deadlines_migration_open").run()
    }
}
