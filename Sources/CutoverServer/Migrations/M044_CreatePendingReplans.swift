import Fluent
import SQLKit

/// Migrations whose kept plan rows must be written again after a change of reference data
/// (a product's extract lead time, a supplier's name): the change queues them in its own
/// write, and `PlanKeeper` works through them a batch at a time, resuming after a restart.
struct M044_CreatePendingReplans: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.transaction { db in
            try await db.schema("pending_replans")
                .field("migration_id", .uuid, .identifier(auto: false), .references("migrations", "id", onDelete: .cascade))
                .field("reason", .string, .required)
                .field("queued_at", .datetime, .required)
                .create()
            try await (db as! any SQLDatabase).raw("CREATE INDEX pending_replans_queued ON pending_replans (queued_at)").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("pending_replans").delete()
    }
}
