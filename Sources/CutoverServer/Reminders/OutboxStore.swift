import Fluent
import Foundation
import MigrationKit
import SQLKit

/// A row of `outbox`: one message to one person.
struct OutboxRow: Codable, Hashable, Sendable {
    enum Status: String, Codable, Sendable {
        /// Waiting to be sent (again, after a failed try, from `next_attempt_at`).
        case pending
        case sent
        /// Given up after `OutboxStore.maximumAttempts` tries.
        case failed
        /// Gone out in the person's daily digest (`digest_id`).
        case inDigest = "in-digest"
    }

    var id: UUID
    var user_id: UUID
    var key: String
    var migration_id: UUID?
    var kind: String
    var subject: String
    var body: String
    var due: Day?
    var created_at: Date
    /// Kept for the person's daily digest rather than sent on its own.
    var digest: Bool
    var status: Status
    var attempts: Int
    var next_attempt_at: Date
    var last_error: String?
    var sent_at: Date?
    var claimed_until: Date?
    var digest_id: UUID?
}

/// The SQL of the outbox: queue messages once, claim the ones due for sending (so two
/// instances never send the same one), and record how each try went.
struct OutboxStore {
    let sql: any SQLDatabase

    init(_ db: any Database) {
        sql = db as! any SQLDatabase
    }

    /// Tries before a message is given up on; the waits between them grow (`retryDelay`).
    static let maximumAttempts = 8

    /// One minute, then 4, 16, 64 minutes, … at most 12 hours.
    static func retryDelay(afterAttempt attempt: Int) -> TimeInterval {
        min(60 * pow(4, Double(max(0, attempt - 1))), 12 * 3600)
    }

    /// Adds the messages not already queued (the person and key are unique); answers how
    /// many were new.
    @discardableResult
    func queue(_ rows: [OutboxRow]) async throws -> Int {
        var added = 0
        for start in stride(from: 0, to: rows.count, by: 100) {
            let some = Array(rows[start..<min(start + 100, rows.count)])
            added += try await sql.insert(into: "outbox").models(some, nilEncodingStrategy: .asNil)
                .ignoringConflicts(with: ["user_id", "key"])
                .returning("id").all().count
        }
        return added
    }

    /// Takes up to `limit` messages due for sending at `now` (not kept for a digest) for
    /// `lease`: another instance leaves them alone until then.
    func claim(now: Date, limit: Int, lease: TimeInterval, postgres: Bool) async throws -> [OutboxRow] {
        let skipLocked: SQLQueryString = postgres ? " FOR UPDATE SKIP LOCKED" : ""
        return try await sql.raw("""
            UPDATE outbox SET claimed_until = \(bind: now.addingTimeInterval(lease))
            WHERE id IN (SELECT id FROM outbox WHERE status = 'pending' AND digest = \(bind: false) AND next_attempt_at <= \(bind: now)
                         AND (claimed_until IS NULL OR claimed_until < \(bind: now)) ORDER BY next_attempt_at LIMIT \(unsafeRaw: String(limit))\(skipLocked))
            RETURNING *
            """).all(decoding: OutboxRow.self)
    }

    func markSent(_ id: UUID, at now: Date) async throws {
        try await sql.update("outbox").set("status", to: OutboxRow.Status.sent.rawValue).set("sent_at", to: now)
            .set("claimed_until", to: SQLLiteral.null).set("last_error", to: SQLLiteral.null).where("id", .equal, id).run()
    }

    /// Records a failed try: tried again after `retryDelay`, or given up after the last.
    func markFailed(_ row: OutboxRow, error: String, at now: Date) async throws {
        let attempts = row.attempts + 1
        let status: OutboxRow.Status = attempts >= Self.maximumAttempts ? .failed : .pending
        try await sql.update("outbox").set("status", to: status.rawValue).set("attempts", to: attempts)
            .set("next_attempt_at", to: now.addingTimeInterval(Self.retryDelay(afterAttempt: attempts)))
            .set("last_error", to: String(error.prefix(500))).set("claimed_until", to: SQLLiteral.null)
            .where("id", .equal, row.id).run()
    }

    /// People with messages kept for their digest, and those messages (made by `cutoff`).
    func digestsDue(before cutoff: Date) async throws -> [UUID: [OutboxRow]] {
        let rows = try await sql.raw("""
            SELECT * FROM outbox WHERE status = 'pending' AND digest = \(bind: true) AND created_at <= \(bind: cutoff) ORDER BY created_at
            """).all(decoding: OutboxRow.self)
        return Dictionary(grouping: rows, by: \.user_id)
    }

    /// The digest queued for sending in place of `items`, which it now carries.
    func replace(_ items: [OutboxRow], with digest: OutboxRow) async throws {
        guard try await queue([digest]) == 1 else { return }
        for start in stride(from: 0, to: items.count, by: 200) {
            let ids = items[start..<min(start + 200, items.count)].map(\.id)
            try await sql.update("outbox").set("status", to: OutboxRow.Status.inDigest.rawValue).set("digest_id", to: digest.id)
                .where("id", .in, ids).run()
        }
    }

    /// A person's messages, newest first.
    func messages(of user: UUID, offset: Int, limit: Int) async throws -> (items: [OutboxRow], total: Int) {
        let total = try await sql.raw("SELECT COUNT(*) AS n FROM outbox WHERE user_id = \(bind: user)").first()?.decode(column: "n", as: Int.self) ?? 0
        let items = try await sql.raw("""
            SELECT * FROM outbox WHERE user_id = \(bind: user) ORDER BY created_at DESC, subject LIMIT \(unsafeRaw: String(limit)) OFFSET \(unsafeRaw: String(offset))
            """).all(decoding: OutboxRow.self)
        return (items, total)
    }
}
