import Fluent
import MigrationKit
import Vapor

/// Something agreed at a project meeting: who does what by when.
final class ActionItemRecord: Model, @unchecked Sendable {
    static let schema = "action_items"

    @ID(key: .id) var id: UUID?
    @Parent(key: "migration_id") var migration: MigrationRecord
    @Field(key: "title") var title: String
    @Field(key: "phase") var phase: Int
    @Field(key: "owner") var owner: Party
    @OptionalField(key: "due") var due: Day?
    @Field(key: "status") var status: ActionItemStatus

    init() {}
}
