import Fluent
import Foundation
import MigrationKit
import SQLKit
import Vapor

/// The signed-in person's reminders over the API: their outbox (`GET /api/v1/outbox`) and
/// how they take reminders (`GET`/`PUT /api/v1/account/reminders`).
struct ReminderController {
    func register(_ api: any RoutesBuilder) {
        api.get("outbox", use: outbox)
        api.get("account", "reminders", use: delivery)
        api.put("account", "reminders", use: setDelivery)
    }

    /// One message as the API shows it.
    struct MessageJSON: Content {
        let id: UUID, kind: String, subject: String, migrationId: UUID?, due: Day?, createdAt: Date
        /// pending, sent, failed or in-digest.
        let status: String
        /// immediate or digest.
        let delivery: String
        let attempts: Int, nextAttemptAt: Date?, lastError: String?, sentAt: Date?

        init(_ row: OutboxRow) {
            (id, kind, subject, migrationId, due, createdAt) = (row.id, row.kind, row.subject, row.migration_id, row.due, row.created_at)
            status = row.status.rawValue
            delivery = row.digest ? ReminderDelivery.digest.rawValue : ReminderDelivery.immediate.rawValue
            (attempts, lastError, sentAt) = (row.attempts, row.last_error, row.sent_at)
            nextAttemptAt = row.status == .pending && row.attempts > 0 ? row.next_attempt_at : nil
        }
    }

    struct DeliveryJSON: Content {
        let delivery: ReminderDelivery
    }

    @Sendable func outbox(req: Request) async throws -> Response {
        let user = try req.currentUser().actor.userID
        let page = try Pagination(req)
        let (items, total) = try await OutboxStore(req.db).messages(of: user, offset: page.offset, limit: page.per)
        return try jsonResponse(Page(items: items.map(MessageJSON.init), page: page.page, per: page.per, total: total))
    }

    @Sendable func delivery(req: Request) async throws -> Response {
        try jsonResponse(DeliveryJSON(delivery: try await Self.delivery(of: try req.currentUser().actor.userID, on: req.db)))
    }

    @Sendable func setDelivery(req: Request) async throws -> Response {
        let body = try req.content.decode(DeliveryJSON.self)
        try await Self.set(body.delivery, req)
        return try jsonResponse(body)
    }

    static func delivery(of user: UUID, on db: any Database) async throws -> ReminderDelivery {
        let text = try await (db as! any SQLDatabase).raw("SELECT reminders FROM users WHERE id = \(bind: user)").first()?.decode(column: "reminders", as: String?.self)
        return text.flatMap(ReminderDelivery.init(rawValue:)) ?? .immediate
    }

    /// Sets how the signed-in person takes reminders: those waiting move to the new way.
    static func set(_ delivery: ReminderDelivery, _ req: Request) async throws {
        let current = try req.currentUser()
        let services = req.cutover
        try await services.write(on: req.db) { db in
            let sql = db as! any SQLDatabase
            try await sql.update("users").set("reminders", to: delivery.rawValue).where("id", .equal, current.actor.userID).run()
            try await sql.update("outbox").set("digest", to: delivery == .digest).where("user_id", .equal, current.actor.userID)
                .where("status", .equal, OutboxRow.Status.pending.rawValue).where("kind", .notEqual, "digest").run()
            try await MigrationWriter.audit(AuditEntry(action: "reminders.\(delivery.rawValue)", entity: "user", entityID: current.actor.userID),
                                            migrationID: nil, actor: current.actor, at: services.now, on: db)
        }
    }
}
