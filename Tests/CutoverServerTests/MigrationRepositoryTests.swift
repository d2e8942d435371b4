import Foundation
import MigrationKit
import Testing
@testable import CutoverServer

/// The database's store and the in-memory one keep migrations alike: loaded whole in the
/// order asked for, saved one version at a time, and a save over a version already
/// superseded refused with nothing of it kept.
@Suite struct MigrationRepositoryTests {
    enum Kind: String, CaseIterable { case database, memory }

    @Test(arguments: Kind.allCases) func bothStoresKeepTheSameContract(_ kind: Kind) async throws {
        try await withCutover { app, world in
            let call = Call(app: app)
            let first = try #require(UUID(uuidString: try await world.createMigration(call)))
            let created = try await call.send(.POST, "/api/v1/migrations", as: world.token(.deliveryPartner),
                                              json: World.newMigrationJSON.replacingOccurrences(of: "A81001", with: "A81003"))
            #expect(created.status == .created, "\(created.body.string)")
            let second = try #require(UUID(uuidString: created.json["id"] as? String ?? ""))
            let seeded = try await MigrationStore(app.db).load([first, second])
            let store: any MigrationRepository
            switch kind {
            case .database: store = MigrationStore(app.db)
            case .memory:
                let memory = InMemoryMigrationStore()
                for migration in seeded { try await memory.insert(migration) }
                store = memory
            }

            // Loaded in the order asked for; one that does not exist is left out.
            #expect(try await store.load([second, UUID(), first]).map(\.id) == [second, first])
            let read = try #require(try await store.load(first))
            #expect(read == seeded[0])

            // A save is the next version, and is what the next load reads.
            var winner = read
            winner.record.registrationReference = "REF-1"
            winner.actionItems.append(ActionItemRow(id: UUID(), migrationID: first, title: "winner", phase: 3, owner: .practice, status: .open))
            let saved = try await store.save(winner, over: read, at: testNow)
            #expect(saved.record.version == read.record.version + 1)
            #expect(try await store.load(first) == saved)

            // A second save over the version already superseded is refused, and nothing of
            // it is kept: not its field, not its new record.
            var loser = read
            loser.record.registrationReference = "REF-2"
            loser.actionItems.append(ActionItemRow(id: UUID(), migrationID: first, title: "loser", phase: 3, owner: .practice, status: .open))
            let stale = loser
            let refusal = await #expect(throws: APIError.self) { _ = try await store.save(stale, over: read, at: testNow) }
            #expect(refusal?.code == APIError.stale.code)
            #expect(try await store.load(first) == saved)

            // Over the version now kept, it goes through.
            var next = saved
            next.record.registrationReference = "REF-3"
            let again = try await store.save(next, over: saved, at: testNow)
            #expect(again.record.version == read.record.version + 2)
            #expect(try await store.load(first)?.record.registrationReference == "REF-3")
            #expect(try await store.load(second) == seeded[1], "the other migration is untouched")

            // A migration is added once.
            await #expect(throws: (any Error).self) { try await store.insert(seeded[1]) }
        }
    }
}
