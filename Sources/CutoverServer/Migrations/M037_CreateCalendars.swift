import Fluent
import Foundation
import MigrationKit
import SQLKit

/// Calendar feeds: every entry a migration's plan has published (`calendar_events`, kept
/// with the plan by `Replanner.record`, so a subscribed calendar learns of a moved date
/// by a higher SEQUENCE and of a vanished one by STATUS:CANCELLED), and each person's
/// secret feed address (`calendar_feeds`). Migrations that exist get their entries now.
struct M037_CreateCalendars: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // All or nothing (the tables and every existing migration's entries): a start
        // stopped half way must not leave a table that the next start cannot create.
        try await database.transaction { try await create(on: $0) }
    }

    private func create(on database: any Database) async throws {
        try await database.schema("calendar_events")
            .id()
            .field("migration_id", .uuid, .required, .references("migrations", "id", onDelete: .cascade))
            .field("key", .string, .required)
            .field("title", .string, .required)
            .field("starts_on", .string, .required)
            .field("ends_on", .string, .required)
            .field("owner", .string)
            .field("sequence", .int, .required)
            .field("cancelled", .bool, .required)
            .field("changed_at", .datetime, .required)
            .unique(on: "migration_id", "key")
            .create()
        try await database.schema("calendar_feeds")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("secret", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "user_id")
            .unique(on: "secret")
            .create()

        struct Row: Decodable { let id: UUID }
        let ids = try await (database as! any SQLDatabase).select().column("id").from("migrations").all(decoding: Row.self).map(\.id)
        let now = Date()
        for start in stride(from: 0, to: ids.count, by: 200) {
            for migration in try await MigrationStore(database).load(Array(ids[start..<min(start + 200, ids.count)])) {
                guard let plan = migration.state(today: LondonToday.day(at: now))?.plan else { continue }
                try await CalendarStore(database).keep(plan.events, of: migration.id, at: now)
            }
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("calendar_feeds").delete()
        try await database.schema("calendar_events").delete()
    }
}
