import Fluent
import MigrationKit
import SQLKit

/// A migration's audit history as one reader may see it, newest first: every event passes
/// `AccessPolicy.seesHistoryEvent`, and its snapshots keep only the fields
/// `AccessPolicy.historyFields` allows. The API's history and the migration page both read
/// it here, so they cannot disagree.
struct MigrationHistory {
    struct Entry {
        let event: AuditRow
        /// The snapshots' fields this reader may see (every one when nil).
        let fields: Set<String>?

        // Parsed when asked: the migration page shows the events alone, and parsing every
        // event's snapshots took a fifteenth of the page's time.
        var before: JSONValue? { JSONValue(text: event.before)?.keeping(fields) }
        var after: JSONValue? { JSONValue(text: event.after)?.keeping(fields) }
    }

    static func visible(_ aggregate: MigrationAggregate, to actor: Actor, policy: AccessPolicy, on sql: any SQLDatabase) async throws -> [Entry] {
        let events = try await HistoryStore(sql: sql).events(of: aggregate.id)
        let parties = aggregate.parties
        return events
            .sorted { ($0.migration_version ?? 0, $0.at, $0.id) > ($1.migration_version ?? 0, $1.at, $1.id) }
            .compactMap { event in
                let facts = AuditEventFacts(entity: event.entity, supplier: event.supplier_id, organisation: event.organisation_id)
                guard policy.seesHistoryEvent(actor, parties, facts) else { return nil }
                return Entry(event: event, fields: policy.historyFields(actor, parties, facts))
            }
    }
}

extension JSONValue {
    /// An object with only `fields` (all of them when nil); anything else as it is.
    func keeping(_ fields: Set<String>?) -> JSONValue {
        guard let fields, case .object(let members) = self else { return self }
        return .object(members.filter { fields.contains($0.key) })
    }
}
