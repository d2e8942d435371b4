import Fluent
import SQLKit

/// Lists come in go-live order within a reader's scope, often filtered by phase and status:
/// indexes that end in the go-live (never set sorts last, `MigrationList.goLiveOrder`) let
/// a page of 50 walk the index instead of sorting every migration the reader may see, and
/// let the count read the index alone. They replace the plain scope indexes they start with.
struct M029_IndexListsByGoLive: AsyncMigration {
    static let goLive = "(COALESCE(actual_go_live, confirmed_go_live, provisional_go_live, '9999-12-31'))"
    static let indexes = [
        ("migrations_list_all", goLive),
        ("migrations_list_partner", "delivery_partner_id, \(goLive)"),
        ("migrations_list_partner_stage", "delivery_partner_id, current_phase, status, \(goLive)"),
        ("migrations_list_commissioner", "commissioner_id, \(goLive)"),
        ("migrations_list_commissioner_stage", "commissioner_id, current_phase, status, \(goLive)"),
    ]

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for (name, columns) in Self.indexes {
            try await sql.raw("CREATE INDEX \(unsafeRaw: name) ON migrations (\(unsafeRaw: columns))").run()
        }
        for name in ["migrations_delivery_partner", "migrations_commissioner"] {
            try await sql.raw("DROP INDEX \(unsafeRaw: name)").run()
        }
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX migrations_delivery_partner ON migrations (delivery_partner_id)").run()
        try await sql.raw("CREATE INDEX migrations_commissioner ON migrations (commissioner_id)").run()
        for (name, _) in Self.indexes { try await sql.raw("DROP INDEX \(unsafeRaw: name)").run() }
    }
}
