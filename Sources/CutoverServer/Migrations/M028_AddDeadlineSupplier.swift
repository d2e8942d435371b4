import Fluent
import Foundation
import MigrationKit
import SQLKit

/// Each supplier whose data moves has its own extract request deadline: a subsidiary
/// system's row has the deadline's id in `kind` (`DeadlineID`) and its supplier here (NULL
/// for every other deadline, the old system's extract request included). Migrations that
/// exist already get their subsidiary systems' rows now, from their plans.
struct M028_AddDeadlineSupplier: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("deadlines").field("supplier_id", .uuid).update()
        struct Row: Decodable { let id: UUID }
        let ids = try await (database as! any SQLDatabase).select().column("id").from("migrations").all(decoding: Row.self).map(\.id)
        // The day only dates a plan version, added where a go-live differs from the last
        // version's: none here, as no go-live changes.
        let now = Date()
        let replanner = Replanner(today: LondonToday.day(at: now), now: now)
        for start in stride(from: 0, to: ids.count, by: 200) {
            for migration in try await MigrationStore(database).load(Array(ids[start..<min(start + 200, ids.count)])) {
                try await replanner.record(migration, reason: "deadline per supplier", on: database)
            }
        }
    }

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).delete(from: "deadlines").where("supplier_id", .isNot, SQLLiteral.null).run()
        try await database.schema("deadlines").deleteField("supplier_id").update()
    }
}
