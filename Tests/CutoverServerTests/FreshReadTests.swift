import Foundation
import MigrationKit
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import CutoverServer

/// Every read answers from the database as it is now: nothing is cached between requests,
/// so a change made anywhere (another instance, the shell, raw SQL) shows at once. API reads
/// carry an ETag of the migration's version and the day, and answer 304 to a client that
/// already holds that answer.
@Suite struct FreshReadTests {
    @Test func aChangeCommittedElsewhereIsSeenAtOnce() async throws {
        try await withCutover { app, world in
            let call = Call(app: app)
            let id = try await world.createMigration(call)
            let path = "/api/v1/migrations/\(id)"
            let sql = app.db as! any SQLDatabase
            #expect(try await call.send(.GET, path, as: world.token(.practice)).json["registrationReference"] as? String == nil)

            // Another server instance sharing the database changes the migration.
            try await sql.raw("UPDATE migrations SET registration_reference = 'REF-2' WHERE id = \(bind: UUID(uuidString: id)!)").run()
            #expect(try await call.send(.GET, path, as: world.token(.practice)).json["registrationReference"] as? String == "REF-2")
        }
    }

    @Test func aClientHoldingTheCurrentAnswerGets304() async throws {
        try await withCutover { app, world in
            let call = Call(app: app)
            let id = try await world.createMigration(call)
            let token = world.token(.practice)
            for path in ["/api/v1/migrations/\(id)", "/api/v1/migrations/\(id)/plan"] {
                let first = try await call.send(.GET, path, as: token)
                let tag = try #require(first.headers.first(name: .eTag), "\(path)")
                #expect(tag == "\"1-20261125\"", "\(path): the version, then the day the answer was worked out for")
                let again = try await call.send(.GET, path, as: token, headers: [("If-None-Match", tag)])
                #expect(again.status == .notModified, "\(path)")
                #expect(again.body.readableBytes == 0)
                #expect(again.headers.first(name: .eTag) == tag)
                #expect(try await call.send(.GET, path, as: token, headers: [("If-None-Match", "W/" + tag)]).status == .notModified, "weak comparison")
                #expect(try await call.send(.GET, path, as: token, headers: [("If-None-Match", "\"1-20261124\"")]).status == .ok, "yesterday's answer is not today's")
                // Someone else sees 404, tag or no tag.
                #expect(try await call.send(.GET, path, as: world.token(.otherPractice), headers: [("If-None-Match", tag)]).status == .notFound)
            }
            // After a change the old tag gets the new answer, and the tag is the lock.
            let tag = try await call.send(.GET, "/api/v1/migrations/\(id)", as: token).headers.first(name: .eTag)!
            let approved = try await call.send(.POST, "/api/v1/migrations/\(id)/approval", as: world.token(.commissioner),
                                               json: #"{"fundingAmount": 1, "fundingSource": "ICB"}"#, headers: [("If-Match", tag)])
            #expect(approved.status == .ok)
            #expect(approved.headers.first(name: .eTag) == "\"2-20261125\"")
            let after = try await call.send(.GET, "/api/v1/migrations/\(id)", as: token, headers: [("If-None-Match", tag)])
            #expect(after.status == .ok)
            #expect(after.json["status"] as? String == "approved")
            let stale = try await call.send(.POST, "/api/v1/migrations/\(id)/registration", as: world.token(.deliveryPartner), json: "{}", headers: [("If-Match", tag)])
            #expect(stale.status == .preconditionFailed)
        }
    }

    @Test func everyWayOfChangingDataIsSeenByTheNextRead() async throws {
        try await withCutover { app, world in
            let call = Call(app: app)
            let id = try await world.createMigration(call)
            let token = world.token(.deliveryPartner)
            let before = try await call.send(.GET, "/api/v1/portfolio", as: token).json["total"] as? Int
            let list = try await call.send(.GET, "/api/v1/migrations", as: token).json["total"] as? Int

            // A new migration through the API shows in the portfolio and the list at once.
            let neighbour = try await call.send(.POST, "/api/v1/migrations", as: token, json: World.newMigrationJSON.replacingOccurrences(of: "A81001", with: "A81003"))
            #expect(neighbour.status == .created, "\(neighbour.body.string)")
            #expect(try await call.send(.GET, "/api/v1/portfolio", as: token).json["total"] as? Int == before.map { $0 + 1 })
            #expect(try await call.send(.GET, "/api/v1/migrations", as: token).json["total"] as? Int == list.map { $0 + 1 })

            // A workflow step shows on the migration at once.
            let added = try await call.send(.POST, "/api/v1/migrations/\(id)/action-items", as: token,
                                            json: #"{"title": "Book the trainers", "phase": "training", "owner": "practice"}"#)
            #expect(added.status == .created || added.status == .ok, "\(added.body.string)")
            let items = try await call.send(.GET, "/api/v1/migrations/\(id)", as: token).json["actionItems"] as? [[String: Any]]
            #expect(items?.contains { $0["title"] as? String == "Book the trainers" } == true)

            // An organisation added from the shell shows in the portfolio's supplier filter.
            let browser = try await Browser.signIn(.deliveryPartner, app: app)
            #expect(!(try await browser.get("/portfolio").body.string.contains("Newcome Systems")))
            try await Accounts.addOrganisation(app: app, kind: .supplier, name: "Newcome Systems", code: "10999")
            #expect(try await browser.get("/portfolio").body.string.contains("Newcome Systems"))
        }
    }

    @Test func eachSessionsPageCarriesItsOwnCSRFToken() async throws {
        try await withCutover { app, world in
            let id = try await world.createMigration(Call(app: app))
            let first = try await Browser.signIn(.commissioner, app: app, csrf: "first-session-token")
            let second = try await Browser.signIn(.commissioner, app: app, csrf: "second-session-token")
            let firstPage = try await first.get("/migrations/\(id)").body.string
            let secondPage = try await second.get("/migrations/\(id)").body.string
            #expect(firstPage.contains(#"name="csrf" value="first-session-token""#))
            #expect(!firstPage.contains("second-session-token"))
            #expect(secondPage.contains(#"name="csrf" value="second-session-token""#))
            #expect(!secondPage.contains("first-session-token"))
            #expect(firstPage.replacingOccurrences(of: "first-session-token", with: "T") == secondPage.replacingOccurrences(of: "second-session-token", with: "T"))

            // A form from either page works, and both sessions see its result at once.
            let fields = [("step", "approval"), ("formKey", "approval"), ("version", "1"), ("fundingAmount", "100"), ("fundingSource", "ICB")]
            #expect(try await second.post("/migrations/\(id)/steps", fields).status == .seeOther)
            #expect(try await first.get("/migrations/\(id)").body.string.contains("Approved the business case and funding"))
        }
    }

    @Test func anotherInstanceSharingTheDatabaseSeesEveryChangeAtOnce() async throws {
        // Two servers on one database: a new PostgreSQL database when DATABASE_URL is set,
        // else one SQLite file.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cutover-two-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try await withPostgresDatabaseIfConfigured { storage in
            try await twoInstances(storage == .sqliteMemory ? .sqliteFile(directory: folder.path) : storage)
        }
    }

    private func twoInstances(_ storage: ServerConfiguration.Storage) async throws {
        let first = try await Application.make(.testing)
        let second = try await Application.make(.testing)
        do {
            let configuration = ServerConfiguration(storage: storage, clock: { testNow }, bcryptCost: 4)
            try await configure(first, configuration)
            try await configure(second, configuration)
            let world = try await World.build(first)
            let id = try await world.createMigration(Call(app: first))
            let path = "/api/v1/migrations/\(id)"
            let token = world.token(.deliveryPartner)
            let before = try await Call(app: second).send(.GET, path, as: token).json
            #expect((before["actionItems"] as? [Any])?.count == 0)

            let added = try await Call(app: first).send(.POST, "\(path)/action-items", as: token,
                                                        json: #"{"title": "Order smartcards", "phase": "training", "owner": "practice"}"#)
            #expect(added.status == .created || added.status == .ok, "\(added.body.string)")
            let after = try await Call(app: second).send(.GET, path, as: token)
            #expect((after.json["actionItems"] as? [[String: Any]])?.first?["title"] as? String == "Order smartcards")
            #expect(after.headers.first(name: .eTag) == "\"2-20261125\"")
            try await second.asyncShutdown()
            try await first.asyncShutdown()
        } catch {
            try? await second.asyncShutdown()
            try? await first.asyncShutdown()
            throw error
        }
    }
}
