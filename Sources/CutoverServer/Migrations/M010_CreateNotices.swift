import Fluent

struct M010_CreateNotices: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("notices")
            .id()
            .field("migration_id", .uuid, .required, .references("migrations", "id"))
            .field("recipient", .string, .required)
            .field("service", .string, .required)
            .field("sent_on", .string)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("notices").delete()
    }
}
