import Fluent
import MigrationKit
import Vapor

/// A phase of one migration: its planned window (rewritten at each replan) and what
/// actually happened.
final class MilestoneRecord: Model, @unchecked Sendable {
    static let schema = "milestones"

    @ID(key: .id) var id: UUID?
    @Parent(key: "migration_id") var migration: MigrationRecord
    @Field(key: "phase") var phase: Int
    @OptionalField(key: "planned_start") var plannedStart: Day?
    @OptionalField(key: "planned_end") var plannedEnd: Day?
    @OptionalField(key: "actual_start") var actualStart: Day?
    @OptionalField(key: "actual_end") var actualEnd: Day?

    init() {}

    init(migrationID: UUID, phase: Phase) {
        self.$migration.id = migrationID
        self.phase = phase.rawValue
    }
}
