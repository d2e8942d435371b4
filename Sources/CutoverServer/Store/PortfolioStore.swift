import Foundation
import MigrationKit
import SQLKit

/// The portfolio (API, page and CSV): counts by phase and status, overdue deadlines, and
/// go-lives per week per new-system supplier, for what the reader sees. The counts are the
/// sums kept for the reader's audience (`PortfolioCounts`); the first 50 overdue deadlines
/// are read from the deadline rows within the reader's scope (`MigrationList.scope`).
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

    /// The sums kept for the reader's audience (`PortfolioCounts`).
    private var counts: PortfolioCounts { PortfolioCounts(sql: list.sql) }
    private var audience: Audience { AccessPolicy.audience(of: list.actor) }

    /// Go-lives per week (from the week four weeks ago) per new-system supplier, with clashes.
    func weekLoads(threshold: Int) async throws -> [WeekLoad] {
        let firstWeek = (list.today - 7 * 4).monday
        let loads = try await counts.sums(of: .goLiveWeek, for: audience, from: firstWeek.description).compactMap { value, n -> (Day, UUID, Int)? in
            PortfolioEntry.goLiveWeek(of: value).map { ($0.monday, $0.supplier, n) }
        }
        // The names of those suppliers alone, by id: organisations are mostly practices. A
        // region has a handful of new systems' suppliers, found by comparing ids: hashing
        // each of two hundred weeks' ids twice cost more.
        var suppliers: [UUID] = []
        for (_, supplier, _) in loads where !suppliers.contains(supplier) { suppliers.append(supplier) }
        let names = suppliers.isEmpty ? [] : try await list.sql.raw("SELECT id, name FROM organisations WHERE id IN (\(binds: suppliers))").all()
            .map { (id: try $0.decode(column: "id", as: UUID.self), name: try $0.decode(column: "name", as: String.self)) }
        return loads
            .map { load in
                WeekLoad(weekStarting: load.0, supplierId: load.1, supplierName: names.first { $0.id == load.1 }?.name ?? "the supplier", goLives: load.2, clash: load.2 > threshold)
            }
            .sorted { ($0.weekStarting, $0.supplierName) < ($1.weekStarting, $1.supplierName) }
    }

    func summary(goLivesPerWeek loads: [WeekLoad], threshold: Int) async throws -> Summary {
        let today = list.today
        var byPhase: [String: Int] = [:]
        var byStatus: [String: Int] = [:]
        var total = 0
        for (value, n) in try await counts.sums(of: .stage, for: audience) {
            guard let (phase, status) = PortfolioEntry.stage(of: value) else { continue }
            byPhase[(Phase(rawValue: phase) ?? .decisionAndFunding).id, default: 0] += n
            byStatus[status.rawValue, default: 0] += n
            total += n
        }
        // Open deadlines due before today, and migrations whose earliest open one is.
        let overdueCount = try await counts.total(of: .due, for: audience, before: today.description)
        let migrationsOverdue = try await counts.total(of: .firstDue, for: audience, before: today.description)

        // The first 50 from the open deadlines that are past (the deadlines_open_due index)
        // to their migrations, never the other way round: there are far fewer of those.
        let and: SQLQueryString = list.scope.map { " AND " + $0 } ?? ""
        // Each migration keeps its practice's code (M047).
        let overdueFrom: SQLQueryString = """
             FROM deadlines d CROSS JOIN migrations m
            WHERE m.id = d.migration_id AND d.done = \(false) AND d.due < \(bind: today.description)
            """ + and
        var overdue: [Overdue] = []
        for row in try await list.sql.raw("SELECT d.migration_id, d.kind, d.due, m.practice_ods_code AS ods_code" + overdueFrom + " ORDER BY d.due, m.practice_ods_code LIMIT 50").all() {
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
