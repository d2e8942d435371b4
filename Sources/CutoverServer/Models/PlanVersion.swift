import Fluent
import Vapor

/// Every plan a migration has had: replanning adds one, earlier ones stay.
final class PlanVersion: Model, @unchecked Sendable {
    static let schema = "plan_versions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "migration_id") var migration: MigrationRecord
    /// 1 for the first plan, counting up.
    @Field(key: "number") var number: Int
    @Field(key: "go_live") var goLive: String
    @Field(key: "reason") var reason: String
    @Field(key: "created_at") var createdAt: Date
    /// The plan as its JSON contract.
    @Field(key: "plan") var plan: String

    init() {}
}
