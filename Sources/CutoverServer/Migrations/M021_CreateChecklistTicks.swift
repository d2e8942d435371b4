import Fluent

struct M021_CreateChecklistTicks: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("checklist_ticks")
            .id()
            .field("migration_id", .uuid, .required, .references("migrations", "id"))
            .field("item_id", .string, .required)
            .field("user_id", .uuid, .required)
            .field("ticked_at", .datetime, .required)
            .unique(on: "migration_id", "item_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("checklist_ticks").delete()
    }
}
