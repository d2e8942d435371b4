import Fluent
import SQLKit
import Vapor

/// Work that only one server instance may do at a time when several start together on one
/// PostgreSQL database: running the schema migrations, seeding the demo region. Held as a
/// session advisory lock on a connection of its own; the work itself runs on the pool,
/// which therefore needs more than one connection per event loop.
enum StartupLock {
    /// An arbitrary number that names Cutover's start-up lock among advisory locks.
    static let key = 4_630_281_179

    static func holding<T: Sendable>(_ app: Application, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        guard case .postgres = app.cutover.configuration.storage else { return try await body() }
        return try await app.db.withConnection { connection in
            let sql = connection as! any SQLDatabase
            try await sql.raw("SELECT pg_advisory_lock(\(literal: key))").run()
            do {
                let result = try await body()
                try await sql.raw("SELECT pg_advisory_unlock(\(literal: key))").run()
                return result
            } catch {
                try? await sql.raw("SELECT pg_advisory_unlock(\(literal: key))").run()
                throw error
            }
        }
    }
}
