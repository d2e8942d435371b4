import Fluent
import SQLKit

/// Each audit event of a migration records the migration's version after the change, so
/// a history reads in order and a gap or a duplicate shows.
struct M023_AddAuditVersion: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("audit_events").field("migration_version", .int).update()
        try await (database as! any SQLDatabase).raw("CREATE INDEX audit_events_by_migration_version ON audit_events (migration_id, migration_version)").run()
    }

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("DROP INDEX audit_events_by_migration_version").run()
        try await database.schema("audit_events").deleteField("migration_version").update()
    }
}
