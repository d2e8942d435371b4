import Fluent
import SQLKit

/// Reminders by e-mail: the outbox of messages made from deadlines and waiting steps, one
/// row per person and occasion (unique, so no instance makes one twice), with what sending
/// it has come to; and each person's choice of every message as it comes or a daily digest.
struct M039_CreateOutbox: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.transaction { db in
            try await db.schema("outbox")
                .id()
                .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
                .field("key", .string, .required)
                .field("migration_id", .uuid)
                .field("kind", .string, .required)
                .field("subject", .string, .required)
                .field("body", .string, .required)
                .field("due", .string)
                .field("created_at", .datetime, .required)
                .field("digest", .bool, .required)
                .field("status", .string, .required)
                .field("attempts", .int, .required)
                .field("next_attempt_at", .datetime, .required)
                .field("last_error", .string)
                .field("sent_at", .datetime)
                .field("claimed_until", .datetime)
                .field("digest_id", .uuid)
                .unique(on: "user_id", "key")
                .create()
            // The sender's question: what is pending and due to be tried now.
            try await (db as! any SQLDatabase).raw("CREATE INDEX outbox_pending ON outbox (status, next_attempt_at)").run()
            try await db.schema("users").field("reminders", .string).update()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("users").deleteField("reminders").update()
        try await database.schema("outbox").delete()
    }
}
