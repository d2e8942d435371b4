import Fluent

struct M013_CreateSignOffs: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("sign_offs")
            .id()
            .field("migration_id", .uuid, .required, .references("migrations", "id"))
            .field("kind", .string, .required)
            .field("user_id", .uuid, .required)
            .field("signer_name", .string, .required)
            .field("signed_on", .string, .required)
            .field("comment", .string, .required)
            .field("score", .int)
            .unique(on: "migration_id", "kind")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("sign_offs").delete()
    }
}
