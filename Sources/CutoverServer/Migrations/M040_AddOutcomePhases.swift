import Fluent
import Foundation
import MigrationKit
import SQLKit

/// Each migration's recorded phases kept on its row for the metrics (`OutcomePhases`),
/// filled in for the migrations that exist, in one transaction.
struct M040_AddOutcomePhases: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.transaction { db in
            try await db.schema("migrations").field("outcome_phases", .string, .required, .sql(.default(""))).update()
            let sql = db as! any SQLDatabase
            struct Row: Decodable { let id: UUID }
            let ids = try await sql.select().column("id").from("migrations").all(decoding: Row.self).map(\.id)
            for start in stride(from: 0, to: ids.count, by: 500) {
                let some = Array(ids[start..<min(start + 500, ids.count)])
                let milestones = try await sql.raw("SELECT * FROM milestones WHERE migration_id IN (\(binds: some))").all(decoding: MilestoneRow.self)
                for (migration, rows) in Dictionary(grouping: milestones, by: \.migrationID) {
                    let text = OutcomePhases.text(of: rows)
                    if !text.isEmpty { try await sql.update("migrations").set("outcome_phases", to: text).where("id", .equal, migration).run() }
                }
            }
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("migrations").deleteField("outcome_phases").update()
    }
}
