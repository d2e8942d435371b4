import Foundation
import Fluent
import MigrationKit
import SQLKit

/// The SQL behind "what needs me now", within the reader's scope (`MigrationList.scope`):
/// the deadlines the reader's organisation owns that are late or due soon, and the records
/// waiting for its step. Indexed queries, so that a CSU with thousands of migrations does
/// not load them all.
struct WorkQueueStore {
    let list: MigrationList

    struct DueDeadline {
        let migrationID: UUID
        let practice: String
        let deadline: Deadline
    }

    /// A record waiting for the reader's step.
    struct Waiting {
        let migrationID: UUID
        let practice: String
        let step: Step
    }

    enum Step {
        case approveBusinessCase, register, fillInSurvey, returnExtractForm, sendExtractForm
        case decideScheduleA(ScheduleA.Kind)
        case transferExtract(supplier: String)

        var title: String {
            switch self {
            case .approveBusinessCase: "Approve the business case and record funding"
            case .register: "Register the migration"
            case .fillInSurvey: "Fill in the deployment survey"
            case .returnExtractForm: "Return the extract form with the data production dates"
            case .sendExtractForm: "Send your extract request form to the practice"
            case .decideScheduleA(let kind): "Accept or reject the Schedule A \(kind.purpose)"
            case .transferExtract(let supplier): "Transfer \(supplier)'s extract and confirm it"
            }
        }
    }

    private var sql: any SQLDatabase { list.db as! any SQLDatabase }
    private var scope: SQLQueryString { list.scope.map { " AND " + $0 } ?? "" }

    /// Open deadlines the reader's organisation owns, due by `horizon` (late ones first),
    /// tasks only (`DeadlineKind.isTask`).
    func deadlines(dueBy horizon: Day) async throws -> [DueDeadline] {
        let actor = list.actor
        var ownership: [SQLQueryString] = []
        // An empty IN () is an error in PostgreSQL: parties that own no deadline add none.
        func owned(_ party: Party, _ extra: SQLQueryString? = nil) {
            let kinds = DeadlineKind.allCases.filter { $0.owner == party && $0.isTask }
            guard !kinds.isEmpty else { return }
            var condition: SQLQueryString = "d.kind IN (\(binds: kinds.map(\.rawValue)))"
            // Subsidiary systems' extract requests: ids of the kind followed by the supplier.
            if kinds.contains(.dataExtractRequest) { condition = "(" + condition + " OR d.supplier_id IS NOT NULL)" }
            ownership.append(extra.map { "(" + condition + " AND " + $0 + ")" } ?? condition)
        }
        switch actor.kind {
        case .practice: owned(.practice)
        case .commissioner: owned(.commissioner)
        case .deliveryPartner: owned(.deliveryPartner)
        case .supplier:
            owned(.targetSupplier, "m.target_supplier_id = \(bind: actor.organisationID)")
            owned(.sourceSupplier, "m.source_supplier_id = \(bind: actor.organisationID)")
        case .national: break
        }
        guard !ownership.isEmpty else { return [] }
        let query: SQLQueryString = """
            SELECT d.kind, d.due, m.id, p.name, o.name AS supplier_name FROM deadlines d
            JOIN migrations m ON m.id = d.migration_id JOIN practices p ON p.id = m.practice_id
            LEFT JOIN organisations o ON d.kind LIKE \(bind: DeadlineKind.dataExtractRequest.rawValue + "%") AND o.id = COALESCE(d.supplier_id, m.source_supplier_id)
            WHERE d.done = \(false) AND d.due <= \(bind: horizon.description) AND (
            """ + ownership.joined(separator: " OR ") + ")" + scope + " ORDER BY d.due LIMIT 50"
        return try await sql.raw(query).all().compactMap { row in
            guard let key = DeadlineID(rawValue: try row.decode(column: "kind", as: String.self)),
                  let due = Day(try row.decode(column: "due", as: String.self)) else { return nil }
            return DueDeadline(
                migrationID: try row.decode(column: "id", as: UUID.self), practice: try row.decode(column: "name", as: String.self),
                deadline: Deadline(key, due: due, supplierName: try row.decode(column: "supplier_name", as: String?.self)))
        }
    }

    /// Records waiting for the reader's organisation to act; `registers` when the region
    /// has it register migrations (`RegionSettings`).
    func waiting(registers: Bool) async throws -> [Waiting] {
        let actor = list.actor, org = actor.organisationID
        var found: [Waiting] = []
        func add(_ query: SQLQueryString, _ step: @escaping (any SQLRow) throws -> Step) async throws {
            for row in try await sql.raw(query + scope + " LIMIT 50").all() {
                found.append(Waiting(migrationID: try row.decode(column: "id", as: UUID.self), practice: try row.decode(column: "name", as: String.self), step: try step(row)))
            }
        }
        func scheduleA(_ row: any SQLRow) throws -> Step { .decideScheduleA(try row.decode(column: "kind", as: ScheduleA.Kind.self)) }
        let records: SQLQueryString = " JOIN migrations m ON m.id = x.migration_id JOIN practices p ON p.id = m.practice_id WHERE "
        let migrations: SQLQueryString = "SELECT m.id, p.name FROM migrations m JOIN practices p ON p.id = m.practice_id WHERE "
        switch actor.kind {
        case .commissioner:
            try await add("SELECT m.id, p.name, x.kind FROM schedule_as x" + records + "x.status = 'called-off'", scheduleA)
            try await add(migrations + "m.status = 'proposed'") { _ in .approveBusinessCase }
        case .supplier:
            try await add("SELECT m.id, p.name, x.kind FROM schedule_as x" + records + "x.status = 'commissioner-accepted' AND x.supplier_id = \(bind: org)", scheduleA)
            try await add("SELECT m.id, p.name FROM extract_requests x" + records + "x.status = 'form-requested' AND x.supplier_id = \(bind: org)") { _ in .sendExtractForm }
            try await add("SELECT m.id, p.name, o.name AS supplier FROM extract_requests x JOIN organisations o ON o.id = x.supplier_id" + records
                          + "x.status = 'form-returned' AND (x.supplier_id = \(bind: org) OR m.target_supplier_id = \(bind: org))") {
                .transferExtract(supplier: try $0.decode(column: "supplier", as: String.self))
            }
        case .practice:
            try await add("SELECT m.id, p.name FROM extract_requests x" + records + "x.status = 'form-sent'") { _ in .returnExtractForm }
            try await add(migrations + "m.status = 'live' AND NOT EXISTS (SELECT 1 FROM sign_offs s WHERE s.migration_id = m.id AND s.kind = 'deployment-survey')") { _ in .fillInSurvey }
        case .deliveryPartner, .national: break
        }
        if registers { try await add(migrations + "m.status = 'approved'") { _ in .register } }
        return found
    }
}
