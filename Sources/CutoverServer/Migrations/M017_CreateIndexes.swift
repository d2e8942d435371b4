import Fluent
import SQLKit

/// Indexes for the list filters, the portfolio and per-migration lookups. Plain SQL that
/// SQLite and PostgreSQL both accept.
struct M017_CreateIndexes: AsyncMigration {
    static let indexes = [
        ("migrations_practice_org", "migrations", "practice_org_id"),
        ("migrations_commissioner", "migrations", "commissioner_id"),
        ("migrations_delivery_partner", "migrations", "delivery_partner_id"),
        ("migrations_source_supplier", "migrations", "source_supplier_id"),
        ("migrations_target_supplier", "migrations", "target_supplier_id"),
        ("migrations_phase_status", "migrations", "current_phase, status"),
        ("migrations_created", "migrations", "created_at"),
        ("migration_products_migration", "migration_products", "migration_id"),
        ("migration_products_supplier", "migration_products", "supplier_id"),
        ("schedule_as_migration", "schedule_as", "migration_id"),
        ("extract_requests_migration", "extract_requests", "migration_id"),
        ("notices_migration", "notices", "migration_id"),
        ("deadlines_open_due", "deadlines", "done, due, migration_id"),
        ("sign_offs_migration", "sign_offs", "migration_id"),
        ("action_items_migration", "action_items", "migration_id"),
        ("audit_events_migration", "audit_events", "migration_id, at"),
        ("plan_versions_migration", "plan_versions", "migration_id"),
    ]

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for (name, table, columns) in Self.indexes {
            try await sql.raw(SQLQueryString("CREATE INDEX \(unsafeRaw: name) ON \(unsafeRaw: table) (\(unsafeRaw: columns))")).run()
        }
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for (name, _, _) in Self.indexes {
            try await sql.raw(SQLQueryString("DROP INDEX \(unsafeRaw: name)")).run()
        }
    }
}
