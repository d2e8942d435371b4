import Fluent

struct M007_CreateMigrationProducts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("migration_products")
            .id()
            .field("migration_id", .uuid, .required, .references("migrations", "id"))
            .field("product_id", .uuid, .required, .references("products", "id"))
            .field("supplier_id", .uuid, .required)
            .unique(on: "migration_id", "product_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("migration_products").delete()
    }
}
