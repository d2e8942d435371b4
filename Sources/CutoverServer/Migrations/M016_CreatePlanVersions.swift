import Fluent

struct M016_CreatePlanVersions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("plan_versions")
            .id()
            .field("migration_id", .uuid, .required, .references("migrations", "id"))
            .field("number", .int, .required)
            .field("go_live", .string, .required)
            .field("reason", .string, .required)
            .field("created_at", .datetime, .required)
            .field("plan", .string, .required)
            .unique(on: "migration_id", "number")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("plan_versions").delete()
    }
}
