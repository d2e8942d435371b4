import Fluent

struct M004_CreatePractices: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("practices")
            .id()
            .field("ods_code", .string, .required)
            .field("name", .string, .required)
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("commissioner_id", .uuid, .required, .references("organisations", "id"))
            .field("delivery_partner_id", .uuid, .required, .references("organisations", "id"))
            .field("list_size", .int, .required)
            .unique(on: "ods_code")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("practices").delete()
    }
}
