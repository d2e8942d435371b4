import Fluent
import SQLKit

/// Takes back M041's index. It let the portfolio count overdue deadlines from indexes alone
/// (5 ms instead of 10 for a CSU's 10,000 migrations), but SQLite's planner also took it for
/// the home page's task list, which then needed 165 to 198 ms instead of 118 to 135 for a
/// CSU following 10,000 migrations; every user starts on that page.
struct M043_DropScopeIndex: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("DROP INDEX migrations_scope").run()
    }

    func revert(on database: any Database) async throws {
        try await M041_CoverPortfolio().prepare(on: database)
    }
}
