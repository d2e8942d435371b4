import Fluent
import Foundation
import MigrationKit
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import CutoverServer

/// Reminders made from a migration's steps and deadlines: each to the people of the
/// organisation responsible who may see the migration and act (never a viewer, never
/// another organisation), once; digests put together; messages claimed by one sender.
@Suite struct ReminderTests {
    func outbox(_ app: Application) async throws -> [OutboxRow] {
        try await (app.db as! any SQLDatabase).raw("SELECT * FROM outbox").all(decoding: OutboxRow.self)
    }

    @Test func remindersGoOnceToThePeopleResponsibleWhoMaySeeTheMigration() async throws {
        try await withCutover { app, world in
            let call = Call(app: app)
            let journey = Journey(call: call, world: world, id: try await world.createMigration(call))
            try await journey.step(.commissioner, "/approval", #"{"fundingAmount": 18500, "fundingSource": "ICB capital"}"#)
            let generator = ReminderGenerator(services: app.cutover, db: app.db)
            let first = try await generator.run()
            #expect(first.new > 0)
            let rows = try await outbox(app)
            let users = try await User.query(on: app.db).with(\.$organisation).all()
            let byID = Dictionary(uniqueKeysWithValues: users.map { ($0.id!, $0) })
            let migration = try #require(try await MigrationStore(app.db).load(UUID(uuidString: journey.id)!))
            for row in rows {
                let user = try #require(byID[row.user_id])
                let actor = Actor(userID: user.id!, organisationID: user.organisation.id!, kind: user.organisation.kind, role: user.role)
                #expect(app.cutover.policy.canSee(actor, migration.parties) && user.role != .viewer, "\(user.email): \(row.subject)")
            }
            // The CSU is waited on to register; the ICB's viewer, another practice and an
            // unrelated supplier hear nothing.
            #expect(rows.contains { $0.user_id == world.users[.deliveryPartner] && $0.subject.hasPrefix("Waiting for you: Register the migration") })
            for role in [World.Role.viewer, .otherPractice, .unrelatedSupplier, .otherDeliveryPartner] {
                #expect(!rows.contains { $0.user_id == world.users[role] }, "\(role)")
            }
            #expect(Set(rows.map { "\($0.user_id) \($0.key)" }).count == rows.count)
            // Again: nothing new, whether or not this process remembers what it queued.
            #expect(try await generator.run().new == 0)
            #expect(try await generator.run(known: first.due).new == 0)
            #expect(try await outbox(app).count == rows.count)
        }
    }

    /// Between full rounds, a round reads only the migrations changed since the last: a
    /// migration untouched for an hour is left to the full round, and a step brings it back.
    @Test func aRoundBetweenFullOnesReadsOnlyChangedMigrations() async throws {
        try await withCutover { app, world in
            let call = Call(app: app)
            // One migration procured, with deadlines; another (another practice, ICB and CSU)
            // approved, waiting for its CSU to register it.
            let journey = Journey(call: call, world: world, id: try await world.createMigration(call))
            try await journey.procure()
            let other = try await call.send(.POST, "/api/v1/migrations", as: world.token(.otherPractice), json: World.newMigrationJSON.replacingOccurrences(of: "A81001", with: world.otherPracticeOds))
            #expect(other.status == .created, "\(other.body.string)")
            let waiting = Journey(call: call, world: world, id: try #require(other.json["id"] as? String))
            try await waiting.step(.otherCommissioner, "/approval", #"{"fundingAmount": 18500, "fundingSource": "ICB capital"}"#)
            let sql = app.db as! any SQLDatabase
            // The open deadlines due today, so that they are reminded of as well as the steps.
            try await sql.raw("UPDATE deadlines SET due = \(bind: testToday.description) WHERE done = \(bind: false)").run()
            let generator = ReminderGenerator(services: app.cutover, db: app.db)
            let since = testNow.addingTimeInterval(-ReminderService.clockSlack)
            try await sql.raw("UPDATE migrations SET updated_at = \(bind: testNow.addingTimeInterval(-3600))").run()

            #expect(try await generator.run(changedSince: since).new == 0, "nothing changed in the last minute")
            let full = try await generator.run()
            let kinds = Set(try await outbox(app).map(\.kind))
            #expect(kinds.contains(Reminder.Kind.dueToday.rawValue) && kinds.contains(Reminder.Kind.stepWaiting.rawValue), "\(kinds)")
            #expect(full.new > 0, "the full round still finds every reminder")
            let fromFull = try await outbox(app)
            let isA = { (row: OutboxRow) in row.migration_id?.uuidString.lowercased() == journey.id.lowercased() }
            #expect(fromFull.contains { !isA($0) }, "the waiting migration's reminder too")

            try await sql.raw("DELETE FROM outbox").run()
            try await journey.step(.deliveryPartner, "/action-items", #"{"title": "Book the training room", "phase": "kick-off", "owner": "practice"}"#, expect: .created)
            let changed = try await generator.run(changedSince: since)
            let queued = try await outbox(app)
            #expect(changed.new > 0 && Set(queued.map { "\($0.user_id) \($0.key)" }) == Set(fromFull.filter(isA).map { "\($0.user_id) \($0.key)" }),
                    "the changed migration's reminders, all and only")
        }
    }

    @Test func aDigestCollectsAPersonsRemindersAndASenderClaimsEachMessageOnce() async throws {
        try await withCutover { app, world in
            let call = Call(app: app)
            let journey = Journey(call: call, world: world, id: try await world.createMigration(call))
            try await journey.step(.commissioner, "/approval", #"{"fundingAmount": 18500, "fundingSource": "ICB capital"}"#)
            let put = try await call.send(.PUT, "/api/v1/account/reminders", as: world.token(.deliveryPartner), json: #"{"delivery": "digest"}"#)
            #expect(put.status == .ok)
            #expect(try await call.send(.PUT, "/api/v1/account/reminders", as: world.token(.deliveryPartner), json: #"{"delivery": "weekly"}"#).status == .unprocessableEntity)
            _ = try await ReminderGenerator(services: app.cutover, db: app.db).run()
            let csu = try #require(world.users[.deliveryPartner])
            #expect(try await outbox(app).filter { $0.user_id == csu }.allSatisfy(\.digest))
            // Sent at 07:00 or later (the tests' clock is 08:00 in London).
            let service = ReminderService(services: app.cutover, db: app.db, group: app.eventLoopGroup)
            try await service.composeDigests()
            let mine = try await outbox(app).filter { $0.user_id == csu }
            let digest = try #require(mine.first { $0.kind == "digest" })
            #expect(mine.filter { $0.kind != "digest" }.allSatisfy { $0.status == .inDigest && $0.digest_id == digest.id })
            #expect(digest.body.contains("Register the migration") && !digest.digest)
            try await service.composeDigests()
            #expect(try await outbox(app).filter { $0.kind == "digest" }.count == 1, "one digest a day")

            // Claimed by one sender, the rest are left for another until the lease ends.
            let store = OutboxStore(app.db)
            let claimed = try await store.claim(now: testNow, limit: 1000, lease: 60, postgres: false)
            #expect(!claimed.isEmpty && claimed.allSatisfy { !$0.digest })
            #expect(try await store.claim(now: testNow, limit: 1000, lease: 60, postgres: false).isEmpty)
            let row = try #require(claimed.first)
            try await store.markFailed(row, error: "550 no such user", at: testNow)
            let retried = try #require(try await outbox(app).first { $0.id == row.id })
            #expect(retried.status == .pending && retried.attempts == 1 && retried.last_error == "550 no such user" && retried.next_attempt_at > testNow)
            // Visible to its person, and only to them.
            let page = try await call.send(.GET, "/api/v1/outbox", as: world.token(.deliveryPartner)).json
            #expect((page["total"] as? Int ?? 0) == mine.count)
        }
    }
}
