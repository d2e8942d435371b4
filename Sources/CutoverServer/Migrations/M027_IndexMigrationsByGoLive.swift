import Fluent
import SQLKit

/// Lists sort by the go-live the plan is built on, and the portfolio counts go-lives per
/// week and new-system supplier: an index on that expression (with the supplier, so the
/// count reads the index alone) keeps both from scanning every migration.
struct M027_IndexMigrationsByGoLive: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("""
            CREATE INDEX migrations_by_go_live ON migrations ((COALESCE(actual_go_live, confirmed_go_live, provisional_go_live)), target_supplier_id)
            """).run()
    }

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("DROP INDEX migrations_by_go_live").run()
    }
}
