import Fluent

struct M005_CreateProducts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("products")
            .id()
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("supplier_id", .uuid, .required, .references("organisations", "id"))
            .field("kind", .string, .required)
            .field("extract_lead_days", .int)
            .unique(on: "code")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("products").delete()
    }
}
