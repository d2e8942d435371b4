import Fluent

/// Who agreed to the provisional go-live, and when: a JSON object of party to day. A new
/// provisional date empties it (see `ProvisionalGoLive`).
struct M025_AddProvisionalGoLiveAgreements: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("migrations")
            .field("provisional_go_live_agreements", .string, .required, .sql(.default("{}")))
            .update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("migrations").deleteField("provisional_go_live_agreements").update()
    }
}
