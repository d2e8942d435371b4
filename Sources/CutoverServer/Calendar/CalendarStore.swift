import Fluent
import Foundation
import MigrationKit
import SQLKit

/// The SQL of calendar feeds: the entries each migration's plan has published, and each
/// person's secret feed address.
struct CalendarStore {
    let sql: any SQLDatabase

    /// An entry as published: its current dates, its SEQUENCE (raised each time its dates
    /// or title change) and whether the plan has dropped it.
    struct Published: Sendable {
        let migrationID: UUID
        let event: PlanEvent
        let sequence: Int
        let cancelled: Bool
        let changedAt: Date
    }

    // MARK: Keeping the entries with the plan

    /// Publishes `events` as migration `id`'s plan now has them: a new entry at SEQUENCE 0,
    /// a changed one a SEQUENCE higher, and one the plan no longer has cancelled (and
    /// brought back, a SEQUENCE higher, if it returns).
    func keep(_ events: [PlanEvent], of id: UUID, at now: Date) async throws {
        let stored = try await published(of: [id])
        var before = Dictionary(stored.map { ($0.event.key, $0) }, uniquingKeysWith: { first, _ in first })
        var added: [PlanEvent] = []
        for event in events {
            guard let old = before.removeValue(forKey: event.key) else {
                added.append(event)
                continue
            }
            guard old.event != event || old.cancelled else { continue }
            try await sql.update("calendar_events")
                .set("title", to: SQLBind(event.title)).set("starts_on", to: SQLBind(event.start.description))
                .set("ends_on", to: SQLBind(event.end.description)).set("owner", to: SQLBind(event.owner?.rawValue))
                .set("sequence", to: SQLBind(old.sequence + 1)).set("cancelled", to: SQLBind(false)).set("changed_at", to: SQLBind(now))
                .where("migration_id", .equal, id).where("key", .equal, event.key).run()
        }
        // New entries in one statement: a new plan adds two dozen at once.
        if !added.isEmpty {
            let insert = sql.insert(into: "calendar_events")
                .columns("id", "migration_id", "key", "title", "starts_on", "ends_on", "owner", "sequence", "cancelled", "changed_at")
            for event in added {
                insert.values(SQLBind(UUID()), SQLBind(id), SQLBind(event.key), SQLBind(event.title), SQLBind(event.start.description),
                              SQLBind(event.end.description), SQLBind(event.owner?.rawValue), SQLBind(0), SQLBind(false), SQLBind(now))
            }
            try await insert.run()
        }
        for gone in before.values where !gone.cancelled {
            try await sql.update("calendar_events").set("sequence", to: SQLBind(gone.sequence + 1)).set("cancelled", to: SQLBind(true))
                .set("changed_at", to: SQLBind(now)).where("migration_id", .equal, id).where("key", .equal, gone.event.key).run()
        }
    }

    // MARK: Reading feeds

    /// Every entry published for these migrations, cancelled ones included; with `owners`,
    /// only the go-live and those parties' deadlines (what a person's own feed can take).
    func published(of migrations: [UUID], owners: [Party]? = nil) async throws -> [Published] {
        guard !migrations.isEmpty else { return [] }
        var narrowed: SQLQueryString = ""
        if let owners {
            narrowed = owners.isEmpty ? " AND key = 'go-live'" : " AND (key = 'go-live' OR owner IN (\(binds: owners.map(\.rawValue))))"
        }
        return try await sql.raw("""
            SELECT migration_id, key, title, starts_on, ends_on, owner, sequence, cancelled, changed_at
            FROM calendar_events WHERE migration_id IN (\(binds: migrations))
            """ + narrowed).all().map { row in
            let owner = try row.decode(column: "owner", as: String?.self)
            return Published(
                migrationID: try row.decode(column: "migration_id", as: UUID.self),
                event: PlanEvent(
                    key: try row.decode(column: "key", as: String.self), title: try row.decode(column: "title", as: String.self),
                    start: try row.decode(column: "starts_on", as: Day.self), end: try row.decode(column: "ends_on", as: Day.self),
                    owner: owner.flatMap(Party.init(rawValue:))),
                sequence: try row.decode(column: "sequence", as: Int.self),
                cancelled: try row.decode(column: "cancelled", as: Bool.self),
                changedAt: try row.decode(column: "changed_at", as: Date.self))
        }
    }

    // MARK: Feed addresses

    /// The user whose feed address holds `secret`, if any.
    func user(withSecret secret: String) async throws -> UUID? {
        try await sql.raw("SELECT user_id FROM calendar_feeds WHERE secret = \(bind: secret)").first()?.decode(column: "user_id", as: UUID.self)
    }

    func secret(of user: UUID) async throws -> String? {
        try await sql.raw("SELECT secret FROM calendar_feeds WHERE user_id = \(bind: user)").first()?.decode(column: "secret", as: String.self)
    }

    /// Gives `user` a new secret in place of any they had (which then answers 404).
    func renew(for user: UUID, at now: Date) async throws -> String {
        let secret = CalendarFeed.newSecret()
        try await sql.raw("DELETE FROM calendar_feeds WHERE user_id = \(bind: user)").run()
        try await sql.insert(into: "calendar_feeds").columns("id", "user_id", "secret", "created_at")
            .values(SQLBind(UUID()), SQLBind(user), SQLBind(secret), SQLBind(now)).run()
        return secret
    }

    func revoke(for user: UUID) async throws {
        try await sql.raw("DELETE FROM calendar_feeds WHERE user_id = \(bind: user)").run()
    }
}

extension CalendarStore {
    init(_ db: any Database) {
        self.init(sql: db as! any SQLDatabase)
    }
}
