import Fluent
import SQLKit

/// The reminder rounds between full ones read the migrations changed since the last round
/// (`ReminderService`): by this index, not by every migration's row.
struct M042_IndexChangedMigrations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("CREATE INDEX migrations_updated ON migrations (updated_at)").run()
    }

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("DROP INDEX migrations_updated").run()
    }
}
