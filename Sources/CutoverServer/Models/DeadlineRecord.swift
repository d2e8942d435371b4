import Fluent
import MigrationKit
import Vapor

/// A deadline of a migration's current plan, kept as rows so that "which migrations have
/// overdue deadlines" is one indexed query, not 10,000 plans.
final class DeadlineRecord: Model, @unchecked Sendable {
    static let schema = "deadlines"

    @ID(key: .id) var id: UUID?
    @Parent(key: "migration_id") var migration: MigrationRecord
    @Field(key: "kind") var kind: DeadlineKind
    @Field(key: "due") var due: Day
    @Field(key: "done") var done: Bool

    init() {}

    init(migrationID: UUID, kind: DeadlineKind, due: Day, done: Bool) {
        self.$migration.id = migrationID
        self.kind = kind
        self.due = due
        self.done = done
    }
}
