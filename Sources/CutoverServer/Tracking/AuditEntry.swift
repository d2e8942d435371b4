import Foundation
import MigrationKit

/// What one change did, for the audit log: written in the same transaction as the change.
struct AuditEntry: Sendable {
    var action: String
    var entity: String
    var entityID: UUID?
    /// Set for records that belong to one supplier, so that supplier sees its own history.
    var supplierID: UUID?
    var before: String?
    var after: String?

    init(action: String, entity: String, entityID: UUID? = nil, supplierID: UUID? = nil, before: (any Encodable)? = nil, after: (any Encodable)? = nil) {
        self.action = action
        self.entity = entity
        self.entityID = entityID
        self.supplierID = supplierID
        self.before = before.map { JSONText.encode($0) }
        self.after = after.map { JSONText.encode($0) }
    }
}

/// A row of `audit_events` as SQLKit writes and reads it (every change writes one, and an
/// import thousands; Fluent's encoding of a model each time cost a fifth of an import's time).
struct AuditRow: Codable, Sendable {
    let id: UUID, migration_id: UUID?, migration_version: Int?, user_id: UUID?, organisation_id: UUID?, at: Date
    let action: String, entity: String, entity_id: UUID?, supplier_id: UUID?, before: String?, after: String?

    /// `entry`, made by `actor` at `now`, against the migration's `version` after the change.
    init(_ entry: AuditEntry, migrationID: UUID?, version: Int?, actor: Actor?, at now: Date) {
        id = UUID()
        migration_id = migrationID
        migration_version = version
        user_id = actor?.userID
        organisation_id = actor?.organisationID
        at = now
        action = entry.action
        entity = entry.entity
        entity_id = entry.entityID
        supplier_id = entry.supplierID
        before = entry.before
        after = entry.after
    }
}
