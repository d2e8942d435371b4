import Fluent
import Foundation
import Logging
import MigrationKit
import NIOCore
import SQLKit

/// Keeps reminders going while the server runs: every `reminderInterval` it makes the
/// reminders due (remembering, for the day, those it has queued; reading every open
/// migration once an hour and only the changed ones between), puts the day's digests
/// together from 07:00, and sends what is due in the
/// outbox over SMTP when it is configured. A message is claimed before it is sent, so two
/// instances never send the same one; one that fails is tried again later and keeps its
/// error, and the service goes on.
struct ReminderService {
    let services: CutoverServices
    let db: any Database
    let group: any EventLoopGroup

    /// Messages sent per round: the rest wait for the next.
    static let batch = 20

    /// How often a round reads every open migration; the rounds between read only those
    /// changed since the round before. A full round picks up what changes no migration's
    /// row: the day's new judgements (`JudgementRefresher`), a product's new lead time, a
    /// person added or choosing a digest.
    static let fullRoundEvery: TimeInterval = 3600
    /// Changes are read from a little before the last round began: another instance's
    /// clock may be behind ours.
    static let clockSlack: TimeInterval = 60

    func run(logger: Logger) async {
        var day = services.today
        var known = Set<String>()
        var lastFull: Date?
        var lastRound = services.now
        let interval = Duration.milliseconds(Int(services.configuration.reminderInterval * 1000))
        await repeatRounds(every: interval, logger: logger, failure: "Reminders failed this round (they are tried again in the next)") {
            if services.today != day { (day, known, lastFull) = (services.today, [], nil) }
            let started = services.now
            let full = lastFull.map { started.timeIntervalSince($0) >= Self.fullRoundEvery } ?? true
            let made = try await ReminderGenerator(services: services, db: db)
                .run(known: known, changedSince: full ? nil : lastRound.addingTimeInterval(-Self.clockSlack))
            if full { lastFull = started }
            lastRound = started
            known.formUnion(made.due)
            if made.new > 0 { logger.info("Queued \(made.new) reminders.") }
            try await composeDigests()
            let (sent, failed) = try await sendDue()
            if sent + failed > 0 { logger.info("Reminders: \(sent) sent, \(failed) failed (kept to try again).") }
        }
    }

    /// From 07:00 (London), each person who takes a digest gets one message a day listing
    /// the reminders made for them since their last.
    func composeDigests() async throws {
        guard LondonToday.hour(at: services.now) >= ReminderRules.digestHour else { return }
        let (services, today) = (services, services.today)
        try await services.write(on: db) { db in
            let store = OutboxStore(db)
            for (user, items) in try await store.digestsDue(before: services.now) {
                try await store.replace(items, with: ReminderMail.digest(of: items, for: user, on: today, services: services))
            }
        }
    }

    /// Sends the messages due now; answers how many went and how many failed.
    func sendDue() async throws -> (sent: Int, failed: Int) {
        guard let smtp = services.configuration.smtp else { return (0, 0) }
        let services = services
        let postgres: Bool = if case .postgres = services.configuration.storage { true } else { false }
        let claimed = try await services.write(on: db) { db in
            try await OutboxStore(db).claim(now: services.now, limit: Self.batch, lease: smtp.timeout * 3 + 60, postgres: postgres)
        }
        guard !claimed.isEmpty else { return (0, 0) }
        struct Address: Decodable { let id: UUID, email: String, active: Bool }
        let addresses = Dictionary(uniqueKeysWithValues: try await (db as! any SQLDatabase)
            .raw("SELECT id, email, active FROM users WHERE id IN (\(binds: Array(Set(claimed.map(\.user_id)))))").all(decoding: Address.self).map { ($0.id, $0) })
        let client = SMTPClient(settings: smtp, group: group)
        var (sent, failed) = (0, 0)
        for row in claimed {
            do {
                guard let address = addresses[row.user_id], address.active else { throw SMTPClient.Failure(description: "the person's account is no longer active") }
                try await client.send(ReminderMail.message(row, to: address.email, from: smtp.from, at: services.now), to: address.email)
                try await services.write(on: db) { try await OutboxStore($0).markSent(row.id, at: services.now) }
                sent += 1
            } catch {
                let reason = (error as? SMTPClient.Failure)?.description ?? "\(error)"
                try await services.write(on: db) { try await OutboxStore($0).markFailed(row, error: reason, at: services.now) }
                failed += 1
            }
        }
        return (sent, failed)
    }
}
