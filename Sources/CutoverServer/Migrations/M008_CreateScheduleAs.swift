import Fluent

struct M008_CreateScheduleAs: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("schedule_as")
            .id()
            .field("migration_id", .uuid, .required, .references("migrations", "id"))
            .field("kind", .string, .required)
            .field("product_id", .uuid, .required, .references("products", "id"))
            .field("supplier_id", .uuid, .required)
            .field("status", .string, .required)
            .field("called_off_on", .string, .required)
            .field("commissioner_decided_on", .string)
            .field("supplier_decided_on", .string)
            .field("rejection_reason", .string)
            .field("confirmed_go_live", .string)
            .field("proposed_go_lives", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("schedule_as").delete()
    }
}
