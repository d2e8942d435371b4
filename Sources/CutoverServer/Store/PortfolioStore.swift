import Foundation
import Fluent
import MigrationKit
import SQLKit

/// The SQL behind the portfolio (API, page and CSV): counts by phase and status, overdue
/// deadlines, and go-lives per week per new-system supplier, all within the reader's
/// scope (`MigrationList.scope`).
struct PortfolioStore {
    let list: MigrationList

    struct Summary: Encodable {
        let today: Day
        let total: Int
        let byPhase: [String: Int]
        let byStatus: [String: Int]
        let overdueDeadlines: Int
        let migrationsWithOverdueDeadlines: Int
        let overdue: [Overdue]
        let goLivesPerWeek: [WeekLoad]
        let clashThreshold: Int
    }

    struct Overdue: Encodable {
        let migrationId: UUID, practiceOdsCode: String, deadline: String, due: Day, owner: Party
    }

    struct WeekLoad: Encodable {
        /// The Monday of the week.
        let weekStarting: Day
        let supplierId: UUID
        let supplierName: String
        let goLives: Int
        let clash: Bool
    }

    /// Go-lives per week (from four weeks ago) per new-system supplier, with clashes.
    func weekLoads(threshold: Int) async throws -> [WeekLoad] {
        let today = list.today
        let sql = list.sql
        let and: SQLQueryString = list.scope.map { " AND " + $0 } ?? ""
        let from = today - 7 * 4
        // Counted per day and supplier in SQL from the list indexes (scope, go-live, supplier:
        // M032), then folded into weeks: a few hundred rows, not thousands. Migrations with
        // no go-live sort last in those indexes, as the far-off day. Suppliers' names come apart.
        let goLive = MigrationList.goLiveOrder
        let goLiveQuery: SQLQueryString = "SELECT " + goLive + " AS go_live, m.target_supplier_id AS supplier, COUNT(*) AS n FROM migrations m WHERE "
            + goLive + " >= \(bind: from.description) AND " + goLive + " < '9999-12-31'" + and + " GROUP BY " + goLive + ", m.target_supplier_id"
        let names = Dictionary(try await sql.raw("SELECT id, name FROM organisations WHERE kind = \(bind: OrganisationKind.supplier.rawValue)").all()
            .map { (try $0.decode(column: "id", as: UUID.self), try $0.decode(column: "name", as: String.self)) }, uniquingKeysWith: { first, _ in first })
        var weeks: [String: (Day, UUID, String, Int)] = [:]
        for row in try await sql.raw(goLiveQuery).all() {
            guard let goLive = Day(try row.decode(column: "go_live", as: String.self)) else { continue }
            let monday = goLive - (goLive.weekday.rawValue - 1)
            let supplier = try row.decode(column: "supplier", as: UUID.self)
            let key = "\(monday) \(supplier)"
            let current = weeks[key] ?? (monday, supplier, names[supplier] ?? "the supplier", 0)
            weeks[key] = (current.0, current.1, current.2, current.3 + (try row.decode(column: "n", as: Int.self)))
        }
        return weeks.values
            .map { WeekLoad(weekStarting: $0.0, supplierId: $0.1, supplierName: $0.2, goLives: $0.3, clash: $0.3 > threshold) }
            .sorted { ($0.weekStarting, $0.supplierName) < ($1.weekStarting, $1.supplierName) }
    }

    func summary(goLivesPerWeek loads: [WeekLoad], threshold: Int) async throws -> Summary {
        let today = list.today
        let sql = list.sql
        let scope: SQLQueryString = list.scope.map { " WHERE " + $0 } ?? ""
        let and: SQLQueryString = list.scope.map { " AND " + $0 } ?? ""

        var byPhase: [String: Int] = [:]
        var byStatus: [String: Int] = [:]
        var total = 0
        for row in try await sql.raw("SELECT m.current_phase AS phase, m.status AS status, COUNT(*) AS n FROM migrations m" + scope + " GROUP BY m.current_phase, m.status").all() {
            let n = try row.decode(column: "n", as: Int.self)
            let phase = (Phase(rawValue: try row.decode(column: "phase", as: Int.self)) ?? .decisionAndFunding).id
            byPhase[phase, default: 0] += n
            byStatus[try row.decode(column: "status", as: String.self), default: 0] += n
            total += n
        }

        // From the open deadlines that are past (the deadlines_open_due index) to their
        // migrations, never the other way round: there are far fewer of those.
        let overdueFrom: SQLQueryString = """
             FROM deadlines d CROSS JOIN migrations m CROSS JOIN practices p
            WHERE m.id = d.migration_id AND p.id = m.practice_id AND d.done = \(false) AND d.due < \(bind: today.description)
            """ + and
        // Counting needs the migrations only to keep to the reader's scope.
        let countFrom: SQLQueryString = list.scope == nil
            ? " FROM deadlines d WHERE d.done = \(false) AND d.due < \(bind: today.description)"
            : " FROM deadlines d CROSS JOIN migrations m WHERE m.id = d.migration_id AND d.done = \(false) AND d.due < \(bind: today.description)" + and
        let counts = try await sql.raw("SELECT COUNT(*) AS n, COUNT(DISTINCT d.migration_id) AS migrations" + countFrom).first()
        let overdueCount = try counts?.decode(column: "n", as: Int.self) ?? 0
        let migrationsOverdue = try counts?.decode(column: "migrations", as: Int.self) ?? 0
        var overdue: [Overdue] = []
        for row in try await sql.raw("SELECT d.migration_id, d.kind, d.due, p.ods_code" + overdueFrom + " ORDER BY d.due, p.ods_code LIMIT 50").all() {
            guard let deadline = DeadlineID(rawValue: try row.decode(column: "kind", as: String.self)),
                  let due = Day(try row.decode(column: "due", as: String.self)) else { continue }
            overdue.append(Overdue(migrationId: try row.decode(column: "migration_id", as: UUID.self), practiceOdsCode: try row.decode(column: "ods_code", as: String.self), deadline: deadline.rawValue, due: due, owner: deadline.kind.owner))
        }

        return Summary(
            today: today, total: total, byPhase: byPhase, byStatus: byStatus, overdueDeadlines: overdueCount,
            migrationsWithOverdueDeadlines: migrationsOverdue, overdue: overdue, goLivesPerWeek: loads, clashThreshold: threshold)
    }
}

// The members in the order they are declared, as `Encodable` writes them (`JSONWriterTests`).
extension PortfolioStore.Summary: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.member("today", today)
            json.member("total", total)
            json.member("byPhase", byPhase)
            json.member("byStatus", byStatus)
            json.member("overdueDeadlines", overdueDeadlines)
            json.member("migrationsWithOverdueDeadlines", migrationsWithOverdueDeadlines)
            json.member("overdue", overdue)
            json.member("goLivesPerWeek", goLivesPerWeek)
            json.member("clashThreshold", clashThreshold)
        }
    }
}

extension PortfolioStore.Overdue: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.member("migrationId", migrationId)
            json.member("practiceOdsCode", practiceOdsCode)
            json.member("deadline", deadline)
            json.member("due", due)
            json.member("owner", owner)
        }
    }
}

extension PortfolioStore.WeekLoad: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.member("weekStarting", weekStarting)
            json.member("supplierId", supplierId)
            json.member("supplierName", supplierName)
            json.member("goLives", goLives)
            json.member("clash", clash)
        }
    }
}
