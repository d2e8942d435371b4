import Fluent
import Vapor

/// One change, append-only: who did what to which record, when, with the record's state
/// before and after.
final class AuditEvent: Model, @unchecked Sendable {
    static let schema = "audit_events"

    @ID(key: .id) var id: UUID?
    @OptionalField(key: "migration_id") var migrationID: UUID?
    /// The migration's version after this change (nil for events before it was recorded).
    @OptionalField(key: "migration_version") var migrationVersion: Int?
    @OptionalField(key: "user_id") var userID: UUID?
    @OptionalField(key: "organisation_id") var organisationID: UUID?
    @Field(key: "at") var at: Date
    @Field(key: "action") var action: String
    @Field(key: "entity") var entity: String
    @OptionalField(key: "entity_id") var entityID: UUID?
    /// For records that belong to one supplier, so suppliers see only their own history.
    @OptionalField(key: "supplier_id") var supplierID: UUID?
    @OptionalField(key: "before") var before: String?
    @OptionalField(key: "after") var after: String?

    init() {}
}
