import Foundation
import Fluent
import SQLKit

/// The checklist items ticked on a migration (table `checklist_ticks`), by item id.
struct ChecklistStore {
    let sql: any SQLDatabase

    /// The items ticked on the migration (written out: the migration page reads it).
    func ticked(on migration: UUID) async throws -> Set<String> {
        let rows = try await sql.raw("SELECT item_id FROM checklist_ticks WHERE migration_id = \(bind: migration)").all()
        return Set(try rows.map { try $0.decode(column: "item_id", as: String.self) })
    }

    /// Ticks `item` on the migration as `user` at `now`, or unticks it (a tick already
    /// there, or none to take away, is left as it is).
    func set(_ item: String, ticked: Bool, on migration: UUID, by user: UUID, at now: Date) async throws {
        let existing = try await sql.select().column("id").from(ChecklistTick.schema)
            .where("migration_id", .equal, migration).where("item_id", .equal, item).first()
        switch (ticked, existing) {
        case (true, nil):
            try await sql.insert(into: ChecklistTick.schema).columns("id", "migration_id", "item_id", "user_id", "ticked_at")
                .values(SQLBind(UUID()), SQLBind(migration), SQLBind(item), SQLBind(user), SQLBind(now)).run()
        case (false, .some):
            try await sql.delete(from: ChecklistTick.schema).where("migration_id", .equal, migration).where("item_id", .equal, item).run()
        default:
            break
        }
    }
}

extension ChecklistStore {
    init(_ db: any Database) {
        self.init(sql: db as! any SQLDatabase)
    }
}
