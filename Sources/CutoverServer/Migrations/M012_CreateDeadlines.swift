import Fluent

struct M012_CreateDeadlines: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("deadlines")
            .id()
            .field("migration_id", .uuid, .required, .references("migrations", "id"))
            .field("kind", .string, .required)
            .field("due", .string, .required)
            .field("done", .bool, .required)
            .unique(on: "migration_id", "kind")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("deadlines").delete()
    }
}
