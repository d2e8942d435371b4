import Fluent
import Vapor

/// A checklist item ticked on one migration, with who ticked it and when.
final class ChecklistTick: Model, @unchecked Sendable {
    static let schema = "checklist_ticks"

    @ID(key: .id) var id: UUID?
    @Parent(key: "migration_id") var migration: MigrationRecord
    @Field(key: "item_id") var itemID: String
    @Field(key: "user_id") var userID: UUID
    @Field(key: "ticked_at") var tickedAt: Date

    init() {}
}
