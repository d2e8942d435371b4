import Fluent

/// Deadlines a party marks as met by hand (links switched off, bowel screening paused):
/// a JSON object of deadline id to the day it was met.
struct M018_AddMetDeadlines: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("migrations")
            .field("met_deadlines", .string, .required, .sql(.default("{}")))
            .update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("migrations").deleteField("met_deadlines").update()
    }
}
