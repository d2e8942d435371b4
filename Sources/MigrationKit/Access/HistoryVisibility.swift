import Foundation

/// What the access policy needs to know about one audit event of a migration.
public struct AuditEventFacts: Sendable {
    /// What was changed: "migration", "schedule-a", "extract-request", "notice", ...
    public let entity: String
    /// The supplier whose own record was changed (a Schedule A, an extract request).
    public let supplier: UUID?
    /// The organisation of the user who made the change.
    public let organisation: UUID?

    public init(entity: String, supplier: UUID?, organisation: UUID?) {
        self.entity = entity
        self.supplier = supplier
        self.organisation = organisation
    }
}

extension AccessPolicy {
    /// Fields of a snapshot of the migration record that a reader who does not see the
    /// whole migration may read: its status and dates, never the business case, funding,
    /// blackouts or process overrides.
    public static let sharedMigrationFields: Set<String> = ["status", "provisionalGoLive", "confirmedGoLive", "actualGoLive", "endedOn"]

    /// Whether `actor` may read this event of a migration's history. Those who see the whole
    /// migration see every event; a supplier sees the events of its own records, the
    /// changes its own people made, and (as the new supplier, which receives every extract)
    /// every extract's events. The API's history and the page's both ask this.
    public func seesHistoryEvent(_ actor: Actor, _ parties: MigrationParties, _ event: AuditEventFacts) -> Bool {
        guard canSee(actor, parties) else { return false }
        if seesWholeMigration(actor, parties) { return true }
        if event.supplier == actor.organisationID || event.organisation == actor.organisationID { return true }
        return event.entity == "extract-request" && relations(of: actor, to: parties).contains(.targetSupplier)
    }

    /// The snapshot fields of a visible event that `actor` may read; nil for all of them.
    public func historyFields(_ actor: Actor, _ parties: MigrationParties, _ event: AuditEventFacts) -> Set<String>? {
        guard !seesWholeMigration(actor, parties), event.entity == "migration" else { return nil }
        return Self.sharedMigrationFields
    }
}
