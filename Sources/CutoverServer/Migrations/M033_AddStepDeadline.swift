import Fluent

/// A waiting step remembers the deadline it meets (`MigrationCommand.meets`), so that the
/// work queue shows the step with that deadline's day instead of listing both.
struct M033_AddStepDeadline: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("migration_steps").field("deadline", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("migration_steps").deleteField("deadline").update()
    }
}
