import Fluent
import SQLKit

/// Organisations by kind, in name order: the suppliers (a handful) among ten thousand
/// practices, for the portfolio's filter and `GET /api/v1/suppliers`, which scanned every
/// organisation (0.6 ms on the benchmark's data).
struct M046_IndexOrganisationsByKind: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("CREATE INDEX organisations_by_kind ON organisations (kind, name)").run()
    }

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("DROP INDEX organisations_by_kind").run()
    }
}
