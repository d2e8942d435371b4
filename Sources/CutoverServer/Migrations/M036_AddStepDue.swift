import Fluent

/// A waiting step remembers the day it should be done by (`MigrationCommand.due`), so the
/// work queue says by when, and lists the most urgent first.
struct M036_AddStepDue: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("migration_steps").field("due", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("migration_steps").deleteField("due").update()
    }
}
