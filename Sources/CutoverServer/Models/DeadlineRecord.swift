import Fluent
import MigrationKit
import Vapor

/// A deadline of a migration's current plan, kept as rows so that "which migrations have
/// overdue deadlines" is one indexed query, not 10,000 plans.
final class DeadlineRecord: Model, @unchecked Sendable {
    static let schema = "deadlines"

    @ID(key: .id) var id: UUID?
    @Parent(key: "migration_id") var migration: MigrationRecord
    /// The deadline's id (`DeadlineID`): its kind, and for a subsidiary system's extract
    /// request the supplier too, so that (migration, kind) stays unique.
    @Field(key: "kind") var kind: DeadlineID
    /// The supplier of a subsidiary system's extract request, for joining its name.
    @OptionalField(key: "supplier_id") var supplierID: UUID?
    @Field(key: "due") var due: Day
    @Field(key: "done") var done: Bool

    init() {}

    init(migrationID: UUID, key: DeadlineID, due: Day, done: Bool) {
        self.$migration.id = migrationID
        self.kind = key
        self.supplierID = key.supplier
        self.due = due
        self.done = done
    }
}
