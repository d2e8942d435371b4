import Fluent

/// The commissioner may return a business case to the practice with a reason
/// (`ReturnedBusinessCase`); both columns are empty again once the practice revises it.
/// One column per change: SQLite adds one column per ALTER TABLE.
struct M035_AddReturnedBusinessCase: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("migrations").field("business_case_returned_on", .string).update()
        try await database.schema("migrations").field("business_case_return_reason", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("migrations").deleteField("business_case_return_reason").update()
        try await database.schema("migrations").deleteField("business_case_returned_on").update()
    }
}
