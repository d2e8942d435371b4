import Foundation
import Fluent
import MigrationKit
import SQLKit

/// The SQL behind the metrics: for every migration in the reader's scope
/// (`MigrationList.scope`), its suppliers' names, its actual go-live, and the phases it has
/// started or finished (kept on its row, `OutcomePhases`), in one select of one row each.
struct MetricsStore {
    let list: MigrationList

    struct Row: Decodable {
        let actual_go_live: Day?, old_supplier: String, new_supplier: String, outcome_phases: String
    }

    func outcomes() async throws -> [MigrationOutcome] {
        let scope: SQLQueryString = list.scope.map { " WHERE " + $0 } ?? ""
        return try await list.sql.raw("""
            SELECT m.actual_go_live, m.outcome_phases, so.name AS old_supplier, sn.name AS new_supplier
            FROM migrations m
            JOIN organisations so ON so.id = m.source_supplier_id JOIN organisations sn ON sn.id = m.target_supplier_id
            """ + scope).all(decoding: Row.self).map { row in
            MigrationOutcome(oldSupplier: row.old_supplier, newSupplier: row.new_supplier, phases: OutcomePhases.records(row.outcome_phases),
                             actualGoLive: row.actual_go_live)
        }
    }
}
