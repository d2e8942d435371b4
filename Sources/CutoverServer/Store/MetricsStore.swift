import Foundation
import Fluent
import MigrationKit
import SQLKit

/// The SQL behind the metrics: for every migration in the reader's scope
/// (`MigrationList.scope`), its suppliers' names, its actual go-live, and the phases it has
/// started or finished, in one select.
struct MetricsStore {
    let list: MigrationList

    func outcomes() async throws -> [MigrationOutcome] {
        let scope: SQLQueryString = list.scope.map { " WHERE " + $0 } ?? ""
        let rows = try await (list.db as! any SQLDatabase).raw("""
            SELECT m.id, m.actual_go_live, so.name AS old_supplier, sn.name AS new_supplier,
                   ms.phase, ms.planned_end, ms.actual_start, ms.actual_end
            FROM migrations m
            JOIN organisations so ON so.id = m.source_supplier_id JOIN organisations sn ON sn.id = m.target_supplier_id
            LEFT JOIN milestones ms ON ms.migration_id = m.id AND (ms.actual_start IS NOT NULL OR ms.actual_end IS NOT NULL)
            """ + scope).all()
        var byMigration: [UUID: (old: String, new: String, goLive: Day?, phases: [MigrationOutcome.PhaseRecord])] = [:]
        for row in rows {
            let id = try row.decode(column: "id", as: UUID.self)
            if byMigration[id] == nil {
                byMigration[id] = (try row.decode(column: "old_supplier", as: String.self), try row.decode(column: "new_supplier", as: String.self),
                                   try row.decode(column: "actual_go_live", as: Day?.self), [])
            }
            guard let phase = try row.decode(column: "phase", as: Int?.self).flatMap(Phase.init(rawValue:)) else { continue }
            byMigration[id]!.phases.append(.init(
                phase: phase, plannedEnd: try row.decode(column: "planned_end", as: Day?.self),
                actualStart: try row.decode(column: "actual_start", as: Day?.self), actualEnd: try row.decode(column: "actual_end", as: Day?.self)))
        }
        return byMigration.values.map { MigrationOutcome(oldSupplier: $0.old, newSupplier: $0.new, phases: $0.phases, actualGoLive: $0.goLive) }
    }
}
