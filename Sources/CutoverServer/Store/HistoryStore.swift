import Foundation
import Fluent
import SQLKit

/// What a migration's history is read from: its audit events, the names of the people who
/// made them, and the versions of its plan. Plain rows through SQLKit, as for the migration.
/// The statements a page reads are written out: SQLKit's query builders cost a thirtieth of
/// a migration page to turn into SQL, each time.
struct HistoryStore {
    let sql: any SQLDatabase

    /// Every audit event of the migration, in no particular order (`MigrationHistory` sorts
    /// and filters them for a reader).
    func events(of migration: UUID) async throws -> [AuditRow] {
        try await sql.raw("SELECT * FROM audit_events WHERE migration_id = \(bind: migration)").all(decodingColumns: AuditRow.self)
    }

    /// The names of these users, by id (those that no longer exist left out).
    func names(of users: some Collection<UUID>) async throws -> [UUID: String] {
        guard !users.isEmpty else { return [:] }
        let rows = try await sql.raw("SELECT id, name FROM users WHERE id IN (\(binds: Array(Set(users))))").all()
        var names: [UUID: String] = [:]
        for row in rows { names[try row.decode(column: "id", as: UUID.self)] = try row.decode(column: "name", as: String.self) }
        return names
    }

    /// A version of the plan: kept each time the go-live it is built on moves.
    struct PlanVersionRow: Decodable {
        let number: Int, goLive: String, reason: String, createdAt: Date

        enum CodingKeys: String, CodingKey {
            case number, reason
            case goLive = "go_live", createdAt = "created_at"
        }
    }

    /// The migration's plan versions, oldest first.
    func planVersions(of migration: UUID) async throws -> [PlanVersionRow] {
        try await sql.select().columns("number", "go_live", "reason", "created_at").from(PlanVersion.schema)
            .where("migration_id", .equal, migration).orderBy("number").all(decodingColumns: PlanVersionRow.self)
    }
}

extension HistoryStore {
    init(_ db: any Database) {
        self.init(sql: db as! any SQLDatabase)
    }
}
