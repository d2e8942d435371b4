import Fluent

struct M006_CreateMigrations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("migrations")
            .id()
            .field("practice_id", .uuid, .required, .references("practices", "id"))
            .field("source_product_id", .uuid, .required, .references("products", "id"))
            .field("target_product_id", .uuid, .required, .references("products", "id"))
            .field("practice_org_id", .uuid, .required)
            .field("commissioner_id", .uuid, .required)
            .field("delivery_partner_id", .uuid, .required)
            .field("source_supplier_id", .uuid, .required)
            .field("target_supplier_id", .uuid, .required)
            .field("status", .string, .required)
            .field("current_phase", .int, .required)
            .field("drivers", .string, .required)
            .field("considerations", .string, .required)
            .field("strategic_fit", .string, .required)
            .field("approved_by", .uuid)
            .field("approved_on", .string)
            .field("funding_amount", .int)
            .field("funding_source", .string)
            .field("provisional_go_live", .string)
            .field("confirmed_go_live", .string)
            .field("actual_go_live", .string)
            .field("ended_on", .string)
            .field("registered_on", .string)
            .field("registration_reference", .string)
            .field("kick_off_on", .string)
            .field("survey_on", .string)
            .field("overrides", .string, .required)
            .field("blackouts", .string, .required)
            .field("version", .int, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("migrations").delete()
    }
}
