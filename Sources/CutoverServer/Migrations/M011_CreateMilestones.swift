import Fluent

struct M011_CreateMilestones: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("milestones")
            .id()
            .field("migration_id", .uuid, .required, .references("migrations", "id"))
            .field("phase", .int, .required)
            .field("planned_start", .string)
            .field("planned_end", .string)
            .field("actual_start", .string)
            .field("actual_end", .string)
            .unique(on: "migration_id", "phase")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("milestones").delete()
    }
}
