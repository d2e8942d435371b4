import Foundation
import Fluent
import MigrationKit
import SQLKit

/// The SQL behind the metrics: for every migration in the reader's scope
/// (`MigrationList.scope`), its suppliers' names, its actual go-live, and the phases it has
/// started or finished, in one select of one row per migration (the phases joined into one
/// text by the database: decoding a row per phase was four fifths of the page's time).
struct MetricsStore {
    let list: MigrationList

    struct Row: Decodable {
        let actual_go_live: Day?, old_supplier: String, new_supplier: String
        /// "phase,planned end,actual start,actual end" for each phase, joined with ";".
        let phases: String?
    }

    func outcomes() async throws -> [MigrationOutcome] {
        let sql = list.db as! any SQLDatabase
        let scope: SQLQueryString = list.scope.map { " WHERE " + $0 } ?? ""
        let record: SQLQueryString = "CAST(ms.phase AS TEXT) || ',' || COALESCE(ms.planned_end, '') || ',' || COALESCE(ms.actual_start, '') || ',' || COALESCE(ms.actual_end, '')"
        let joined: SQLQueryString = sql.dialect.name == "postgresql" ? "string_agg(" + record + ", ';')" : "group_concat(" + record + ", ';')"
        let rows = try await sql.raw("""
            SELECT m.id, m.actual_go_live, so.name AS old_supplier, sn.name AS new_supplier, 
            """ + joined + """
             AS phases
            FROM migrations m
            JOIN organisations so ON so.id = m.source_supplier_id JOIN organisations sn ON sn.id = m.target_supplier_id
            LEFT JOIN milestones ms ON ms.migration_id = m.id AND (ms.actual_start IS NOT NULL OR ms.actual_end IS NOT NULL)
            """ + scope + " GROUP BY m.id, m.actual_go_live, so.name, sn.name").all(decoding: Row.self)
        return rows.map { row in
            let phases = (row.phases ?? "").split(separator: ";").compactMap { text -> MigrationOutcome.PhaseRecord? in
                let parts = text.split(separator: ",", omittingEmptySubsequences: false)
                guard parts.count == 4, let number = Int(parts[0]), let phase = Phase(rawValue: number) else { return nil }
                return .init(phase: phase, plannedEnd: Day(String(parts[1])), actualStart: Day(String(parts[2])), actualEnd: Day(String(parts[3])))
            }
            return MigrationOutcome(oldSupplier: row.old_supplier, newSupplier: row.new_supplier, phases: phases, actualGoLive: row.actual_go_live)
        }
    }
}
