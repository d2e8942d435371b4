import Fluent
import SQLKit

/// Failed sign-ins, kept for the lockout window only: one table that the API, the sign-in
/// page and every server instance count against.
struct M024_CreateSignInFailures: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("sign_in_failures")
            .id()
            .field("email", .string, .required)
            .field("address", .string, .required)
            .field("at", .datetime, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX sign_in_failures_by_email ON sign_in_failures (email, at)").run()
        try await sql.raw("CREATE INDEX sign_in_failures_by_address ON sign_in_failures (address, at)").run()
        try await sql.raw("CREATE INDEX sign_in_failures_by_time ON sign_in_failures (at)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("sign_in_failures").delete()
    }
}
