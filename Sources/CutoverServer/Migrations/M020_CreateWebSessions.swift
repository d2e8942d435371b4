import Fluent

struct M020_CreateWebSessions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("web_sessions")
            .id()
            .field("digest", .string, .required)
            .field("user_id", .uuid, .required, .references("users", "id"))
            .field("csrf", .string, .required)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .unique(on: "digest")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("web_sessions").delete()
    }
}
