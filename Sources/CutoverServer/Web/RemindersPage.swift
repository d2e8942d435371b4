import Fluent
import Foundation
import MigrationKit
import Vapor

/// The signed-in person's reminders: how they take them (each as it comes, or a daily
/// digest) and every message made for them, with whether it went and, if not, why.
struct RemindersPage {
    struct Model: FramedPage {
        struct Row: Encodable { let when: String; let subject: String; let link: String?; let how: String; let state: String; let tag: String }
        let layout: Layout
        let digest: Bool
        let emailed: Bool
        let rows: [Row]
        let notice: String?
        let counts: [String: Int]
    }

    struct Choice: Content {
        var delivery: String?
    }

    func register(_ routes: any RoutesBuilder) {
        routes.get("reminders", use: show)
        routes.post("reminders", use: choose)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let user = try req.currentUser().actor.userID
        let delivery = try await ReminderController.delivery(of: user, on: req.db)
        let (items, total) = try await OutboxStore(req.db).messages(of: user, offset: 0, limit: 100)
        let rows = items.map { row -> Model.Row in
            let (state, tag): (String, String) = switch row.status {
            case .sent: ("Sent \(LondonToday.day(at: row.sent_at ?? row.created_at).page)", "done")
            case .inDigest: ("In your digest", "done")
            case .failed: ("Not sent: \(row.last_error ?? "the mail server refused it")", "red")
            case .pending where row.attempts > 0: ("Trying again: \(row.last_error ?? "")", "amber")
            case .pending: (req.cutover.configuration.smtp == nil ? "Here only (no e-mail set up)" : row.digest ? "Waiting for your digest" : "Waiting to be sent", "grey")
            }
            return Model.Row(when: LondonToday.day(at: row.created_at).page, subject: row.subject, link: row.migration_id.map { "/migrations/\($0)" },
                             how: row.kind == "digest" ? "Digest" : row.digest ? "Daily digest" : "At once", state: state, tag: tag)
        }
        let notice = req.queryText("saved") != nil ? "Saved: you will get your reminders \(delivery == .digest ? "in one e-mail a day, from 7am" : "one by one, as they come")." : nil
        return try await req.page("reminders", Model(
            layout: Layout(req, title: "Your reminders", section: "reminders"), digest: delivery == .digest, emailed: req.cutover.configuration.smtp != nil,
            rows: rows, notice: notice, counts: ["rows": rows.count, "more": total - rows.count]))
    }

    @Sendable func choose(req: Request) async throws -> Response {
        guard let choice = try req.content.decode(Choice.self).delivery, let delivery = ReminderDelivery(rawValue: choice) else {
            throw Abort(.unprocessableEntity, reason: "Choose how you get reminders.")
        }
        try await ReminderController.set(delivery, req)
        return req.redirect(to: "/reminders?saved=1")
    }
}
