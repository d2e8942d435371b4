import Foundation
import MigrationKit
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import CutoverServer

/// The read cache keeps results while the change counter and the day stay the same, and
/// never serves a result older than the generation a reader asks with.
@Suite struct ReadCacheTests {
    /// Counts how often a result is computed.
    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func next() -> Int { lock.withLock { value += 1; return value } }
        var count: Int { lock.withLock { value } }
    }

    @Test func aResultIsComputedOnceWhileNothingChanges() async throws {
        let cache = ReadCache(capacity: 10)
        let computed = Counter()
        for _ in 0..<3 {
            let value = try await cache.value("k", generation: 4, today: testToday) { computed.next() }
            #expect(value == 1)
        }
        #expect(computed.count == 1)
    }

    @Test func anOptionalResultIsCachedAndAMissingOneComputed() async throws {
        let cache = ReadCache(capacity: 10)
        let computed = Counter()
        _ = try await cache.value("other", generation: 1, today: testToday) { 0 }
        let none = try await cache.value("none", generation: 1, today: testToday) { () -> Int? in _ = computed.next(); return nil }
        #expect(none == nil)
        let some = try await cache.value("some", generation: 1, today: testToday) { () -> Int? in computed.next() }
        #expect(some == 2, "a key never stored is computed, not read as a cached nil")
        let again = try await cache.value("none", generation: 1, today: testToday) { () -> Int? in computed.next() }
        #expect(again == nil)
        #expect(computed.count == 2)
    }

    @Test func aNewGenerationOrANewDayRecomputesAndDropsTheOldEntries() async throws {
        let cache = ReadCache(capacity: 10)
        let computed = Counter()
        _ = try await cache.value("a", generation: 1, today: testToday) { computed.next() }
        _ = try await cache.value("b", generation: 1, today: testToday) { computed.next() }
        #expect(try await cache.value("a", generation: 2, today: testToday) { computed.next() } == 3)
        #expect(cache.count == 1, "entries of generation 1 are gone")
        #expect(try await cache.value("a", generation: 2, today: testToday + 1) { computed.next() } == 4)
        #expect(try await cache.value("a", generation: 2, today: testToday + 1) { computed.next() } == 4)
    }

    @Test func aSlowReaderOfAnOlderGenerationDoesNotOverwriteNewerResults() async throws {
        let cache = ReadCache(capacity: 10)
        _ = try await cache.value("k", generation: 5, today: testToday) { "fresh" }
        // This reader read the counter before the last change and finishes afterwards.
        let old = try await cache.value("k", generation: 4, today: testToday) { "old" }
        #expect(old == "old")
        #expect(try await cache.value("k", generation: 5, today: testToday) { "recomputed" } == "fresh")
    }

    @Test func theCacheHoldsNoMoreThanItsCapacity() async throws {
        let cache = ReadCache(capacity: 3)
        for index in 0..<10 {
            _ = try await cache.value("k\(index)", generation: 1, today: testToday) { index }
        }
        #expect(cache.count == 3)
        let off = ReadCache(capacity: 0)
        let computed = Counter()
        _ = try await off.value("k", generation: 1, today: testToday) { computed.next() }
        _ = try await off.value("k", generation: 1, today: testToday) { computed.next() }
        #expect(computed.count == 2, "capacity 0 turns the cache off")
        #expect(off.count == 0)
    }

    @Test func aChangeCommittedElsewhereIsSeenOnceItIsCounted() async throws {
        try await withCutover { app, world in
            let call = Call(app: app)
            let id = try await world.createMigration(call)
            let path = "/api/v1/migrations/\(id)"
            let sql = app.db as! any SQLDatabase
            #expect(try await call.send(.GET, path, as: world.token(.practice)).json["registrationReference"] as? String == nil)

            // Another server instance sharing the database changes the migration: until its
            // transaction counts the change, this instance may serve its cached copy...
            try await sql.raw("UPDATE migrations SET registration_reference = 'REF-2' WHERE id = \(bind: UUID(uuidString: id)!)").run()
            #expect(try await call.send(.GET, path, as: world.token(.practice)).json["registrationReference"] as? String == nil)
            // ...and once it is counted, every read sees it.
            try await ChangeCounter.bump(on: app.db)
            #expect(try await call.send(.GET, path, as: world.token(.practice)).json["registrationReference"] as? String == "REF-2")
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

    @Test func aCachedPageCarriesEachSessionsOwnCSRFToken() async throws {
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

            // A form from the cached page works, and both sessions see its result at once.
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
            #expect(after.headers.first(name: .eTag) == "\"2\"")
            try await second.asyncShutdown()
            try await first.asyncShutdown()
        } catch {
            try? await second.asyncShutdown()
            try? await first.asyncShutdown()
            throw error
        }
    }
}
