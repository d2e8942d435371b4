import Fluent
import SQLKit

/// A list comes in go-live order, and the migrations going live on one day in their
/// practices' ODS code order. The code was the practice's, joined to each migration the
/// page's walk passed, and SQLite sorted each day's migrations again: 0.29 ms of a CSU's
/// list of 50, where walking an index already in the page's order takes 0.05 ms. So each
/// migration keeps its practice's ODS code, which never changes (practices are never
/// updated, and a migration stays with its practice), set when it is made
/// (`MigrationStore.insert`), and the list indexes of M029 and M032 end in the page's order.
struct M047_KeepPracticeCodeOnMigrations: AsyncMigration {
    static let goLive = M029_IndexListsByGoLive.goLive
    static let order = "\(goLive), practice_ods_code, id"
    static let indexes = [
        ("migrations_list_all", "\(order), target_supplier_id", "\(goLive), target_supplier_id"),
        ("migrations_list_partner", "delivery_partner_id, \(order), target_supplier_id", "delivery_partner_id, \(goLive), target_supplier_id"),
        ("migrations_list_partner_stage", "delivery_partner_id, current_phase, status, \(order)", "delivery_partner_id, current_phase, status, \(goLive)"),
        ("migrations_list_commissioner", "commissioner_id, \(order), target_supplier_id", "commissioner_id, \(goLive), target_supplier_id"),
        ("migrations_list_commissioner_stage", "commissioner_id, current_phase, status, \(order)", "commissioner_id, current_phase, status, \(goLive)"),
    ]

    func prepare(on database: any Database) async throws {
        try await database.transaction { db in
            try await db.schema("migrations").field("practice_ods_code", .string).update()
            let sql = db as! any SQLDatabase
            try await sql.raw("UPDATE migrations SET practice_ods_code = \(Self.practiceCode)").run()
            for (name, columns, _) in Self.indexes {
                try await sql.raw("DROP INDEX \(unsafeRaw: name)").run()
                try await sql.raw("CREATE INDEX \(unsafeRaw: name) ON migrations (\(unsafeRaw: columns))").run()
            }
        }
    }

    func revert(on database: any Database) async throws {
        try await database.transaction { db in
            let sql = db as! any SQLDatabase
            for (name, _, columns) in Self.indexes {
                try await sql.raw("DROP INDEX \(unsafeRaw: name)").run()
                try await sql.raw("CREATE INDEX \(unsafeRaw: name) ON migrations (\(unsafeRaw: columns))").run()
            }
            try await db.schema("migrations").deleteField("practice_ods_code").update()
        }
    }

    /// The ODS code of a migration's practice, in an UPDATE of `migrations`.
    static let practiceCode: SQLQueryString = "(SELECT p.ods_code FROM practices p WHERE p.id = migrations.practice_id)"
}
