import Fluent
import SQLKit

/// Two instances judging the same migration at once (both start up on one PostgreSQL) must
/// not list its steps twice: a step is kept once per migration version, organisation and
/// title. The kept steps are worked out again from the migrations, so they are cleared first.
struct M034_UniqueMigrationSteps: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("DELETE FROM migration_steps").run()
        try await sql.raw("CREATE UNIQUE INDEX migration_steps_once ON migration_steps (migration_id, version, organisation_id, title)").run()
    }

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("DROP INDEX migration_steps_once").run()
    }
}
