import Fluent

struct M009_CreateExtractRequests: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("extract_requests")
            .id()
            .field("migration_id", .uuid, .required, .references("migrations", "id"))
            .field("supplier_id", .uuid, .required)
            .field("status", .string, .required)
            .field("requested_on", .string, .required)
            .field("form_sent_on", .string)
            .field("form_returned_on", .string)
            .field("data_production_days", .string, .required)
            .field("transferred_on", .string)
            .unique(on: "migration_id", "supplier_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("extract_requests").delete()
    }
}
