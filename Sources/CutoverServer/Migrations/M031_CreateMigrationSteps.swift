import Fluent
import SQLKit

/// The steps each migration waits on and whose turn each is (`MigrationFacts.turns`), for
/// the version of the migration they were worked out for: written with its judgement, read
/// by the home page's work queue through an index by organisation.
struct M031_CreateMigrationSteps: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("migration_steps")
            .id()
            .field("migration_id", .uuid, .required, .references("migrations", "id", onDelete: .cascade))
            .field("version", .int, .required)
            .field("organisation_id", .uuid, .required)
            .field("title", .string, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX migration_steps_by_organisation ON migration_steps (organisation_id, migration_id)").run()
        try await sql.raw("CREATE INDEX migration_steps_by_migration ON migration_steps (migration_id, version)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("migration_steps").delete()
    }
}
