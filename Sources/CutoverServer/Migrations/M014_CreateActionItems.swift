import Fluent

struct M014_CreateActionItems: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("action_items")
            .id()
            .field("migration_id", .uuid, .required, .references("migrations", "id"))
            .field("title", .string, .required)
            .field("phase", .int, .required)
            .field("owner", .string, .required)
            .field("due", .string)
            .field("status", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("action_items").delete()
    }
}
