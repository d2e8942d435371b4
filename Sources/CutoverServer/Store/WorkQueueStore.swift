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

    /// A step a migration waits on the reader's organisation to take.
    struct Waiting {
        let migrationID: UUID
        let practice: String
        let title: String
        /// The deadline the step meets, if it meets one itself.
        let deadline: DeadlineID?
        /// When it should be done by.
        let due: Day?
    }

    private var sql: any SQLDatabase { list.sql }
    private var scope: SQLQueryString { list.scope.map { " AND " + $0 } ?? "" }

    /// Open deadlines the reader's organisation owns, due by `horizon` (late ones first),
    /// tasks only (`DeadlineKind.isTask`): the first 50.
    func deadlines(dueBy horizon: Day) async throws -> [DueDeadline] {
        guard let owned = owned(dueBy: horizon) else { return [] }
        let query: SQLQueryString = """
            SELECT d.kind, d.due, m.id, p.name, o.name AS supplier_name\(Self.deadlinesFrom)
            JOIN practices p ON p.id = m.practice_id
            LEFT JOIN organisations o ON d.kind LIKE \(bind: DeadlineKind.dataExtractRequest.rawValue + "%") AND o.id = COALESCE(d.supplier_id, m.source_supplier_id)
            WHERE
            """ + owned + " ORDER BY d.due LIMIT 50"
        return try await sql.raw(query).all().compactMap { row in
            guard let key = DeadlineID(rawValue: try row.decode(column: "kind", as: String.self)),
                  let due = Day(try row.decode(column: "due", as: String.self)) else { return nil }
            return DueDeadline(
                migrationID: try row.decode(column: "id", as: UUID.self), practice: try row.decode(column: "name", as: String.self),
                deadline: Deadline(key, due: due, supplierName: try row.decode(column: "supplier_name", as: String?.self)))
        }
    }

    /// How many of those deadlines there are in all, due before `today`, by `soon`, and later.
    func deadlineCounts(dueBy horizon: Day, today: Day, soon: Day) async throws -> (overdue: Int, dueSoon: Int, later: Int) {
        guard let owned = owned(dueBy: horizon) else { return (0, 0, 0) }
        let row = try await sql.raw("""
            SELECT COUNT(CASE WHEN d.due < \(bind: today.description) THEN 1 END) AS overdue,
                   COUNT(CASE WHEN d.due >= \(bind: today.description) AND d.due <= \(bind: soon.description) THEN 1 END) AS soon,
                   COUNT(CASE WHEN d.due > \(bind: soon.description) THEN 1 END) AS later\(Self.deadlinesFrom) WHERE
            """ + owned).first()
        return (try row?.decode(column: "overdue", as: Int.self) ?? 0, try row?.decode(column: "soon", as: Int.self) ?? 0, try row?.decode(column: "later", as: Int.self) ?? 0)
    }

    /// Counting needs no practice, so only the list joins one (M048: the open deadlines'
    /// index is enough to pick the reader's, and each is looked up in its migration only then).
    private static let deadlinesFrom: SQLQueryString = " FROM deadlines d JOIN migrations m ON m.id = d.migration_id"

    /// The conditions (after `deadlinesFrom`) for the open deadlines the reader's
    /// organisation owns, due by `horizon`, within its scope; nil for a reader who owns none.
    private func owned(dueBy horizon: Day) -> SQLQueryString? {
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
        for party in Party.played(by: actor.kind) {
            switch party {
            // A supplier owns a system's deadlines only where it supplies that system.
            case .targetSupplier: owned(party, "m.target_supplier_id = \(bind: actor.organisationID)")
            case .sourceSupplier: owned(party, "m.source_supplier_id = \(bind: actor.organisationID)")
            case .practice, .commissioner, .deliveryPartner: owned(party)
            }
        }
        guard !ownership.isEmpty else { return nil }
        return " d.done = \(false) AND d.due <= \(bind: horizon.description) AND (" + ownership.joined(separator: " OR ") + ")" + scope
    }

    /// The steps migrations wait on the reader's organisation to take, as the model decided
    /// them when each migration last changed or was judged (`WaitingStep`, kept for its
    /// current version only): the 50 due first.
    func waiting(policy: AccessPolicy) async throws -> [Waiting] {
        guard policy.takesSteps(list.actor) else { return [] }
        // In the order of the index of M048, which SQLite walks until it has 50.
        let query: SQLQueryString = "SELECT s.migration_id, s.title, s.deadline, s.due, p.name" + waiting(joining: " JOIN practices p ON p.id = m.practice_id")
            + " ORDER BY s.due IS NULL, s.due, p.name, s.title LIMIT 50"
        return try await sql.raw(query).all().map { row in
            Waiting(migrationID: try row.decode(column: "migration_id", as: UUID.self), practice: try row.decode(column: "name", as: String.self),
                    title: try row.decode(column: "title", as: String.self), deadline: try row.decode(column: "deadline", as: String?.self).flatMap(DeadlineID.init(rawValue:)),
                    due: try row.decode(column: "due", as: String?.self).flatMap { try? Day(parsing: $0) })
        }
    }

    /// How many steps wait on the reader's organisation in all.
    func waitingCount(policy: AccessPolicy) async throws -> Int {
        guard policy.takesSteps(list.actor) else { return 0 }
        return try await sql.raw("SELECT COUNT(*) AS n" + waiting(joining: "")).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// The steps of migrations' current versions that wait on the reader's organisation,
    /// within its scope, with `join` (counting needs no practice).
    private func waiting(joining join: SQLQueryString) -> SQLQueryString {
        " FROM migration_steps s JOIN migrations m ON m.id = s.migration_id AND m.version = s.version" + join
            + " WHERE s.organisation_id = \(bind: list.actor.organisationID)" + scope
    }
}
