import Foundation

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
