import Fluent
import SQLKit

/// The portfolio counts overdue deadlines from the open-deadline index to their migrations,
/// keeping to the reader's scope: each deadline looked up its migration's row, wide with
/// the business case's text, for the organisation columns. This index holds those columns
/// by id, so the lookup reads the index alone (a CSU's 2,240 overdue deadlines among
/// 10,000 migrations: 10 ms to 5 ms in the sqlite3 shell). M043 drops it again: SQLite
/// took it for the home page's task list too, and that page became slower.
///
/// Widening the go-live indexes of M032 with the go-live columns as well made the weekly
/// count read an index alone too, but SQLite then sorted a CSU's whole list to show its
/// first page (6 ms to 50 ms), so they stay as they are.
struct M041_CoverPortfolio: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("""
            CREATE INDEX migrations_scope ON migrations (id, delivery_partner_id, commissioner_id, practice_org_id, source_supplier_id, target_supplier_id, practice_id)
            """).run()
    }

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("DROP INDEX migrations_scope").run()
    }
}
