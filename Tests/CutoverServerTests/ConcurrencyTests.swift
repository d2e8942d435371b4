import Foundation
import MigrationKit
import Testing
import Vapor
import VaporTesting
@testable import CutoverServer

/// Optimistic locking: of two clients updating the same version, one wins and the other
/// gets 412; no update is lost.
@Suite struct ConcurrencyTests {
    /// Two writers that both read version 1 and save with no gate between them, as two
    /// instances on one database would: the conditional UPDATE lets exactly one through.
    @Test func writersPastAnyGateCannotBothSaveOneVersion() async throws {
        try await withCutover(sqliteFile: true) { app, world in
            let id = try #require(UUID(uuidString: try await world.createMigration(Call(app: app))))
            let read = try #require(try await MigrationStore(app.db).load(id))
            let outcomes = try await withThrowingTaskGroup(of: String.self) { group in
                for writer in ["A", "B", "C", "D"] {
                    group.addTask {
                        var copy = read
                        copy.record.registrationReference = writer
                        copy.actionItems.append(ActionItemRow(id: UUID(), migrationID: id, title: "from \(writer)", phase: 3, owner: .practice, status: .open))
                        let changed = copy
                        do {
                            _ = try await app.db.transaction { db in try await MigrationStore(db).save(changed, over: read, at: testNow) }
                            return writer
                        } catch let error as APIError where error.code == APIError.stale.code {
                            return "stale"
                        }
                    }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            let winners = outcomes.filter { $0 != "stale" }
            #expect(winners.count == 1, "\(outcomes)")
            let stored = try #require(try await MigrationStore(app.db).load(id))
            #expect(stored.record.version == 2)
            #expect(stored.record.registrationReference == winners.first)
            #expect(stored.actionItems.map(\.title) == winners.map { "from \($0)" }, "a losing writer's records roll back with it")
        }
    }

    /// Steps sent without If-Match are decided before they take their turn to write, so
    /// concurrent ones on one migration lose races; each that loses is tried again, and
    /// then decided in its turn, so none is refused and none is lost.
    @Test func concurrentStepsWithoutIfMatchAllLand() async throws {
        try await withCutover(sqliteFile: true) { app, world in
            let call = Call(app: app)
            let id = try await world.createMigration(call)
            let path = "/api/v1/migrations/\(id)"
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for index in 0..<12 {
                    let json = #"{"title": "item \#(index)", "phase": "kick-off", "owner": "practice"}"#
                    group.addTask { try await call.send(.POST, path + "/action-items", as: world.token(.practice), json: json).status }
                }
                return try await group.reduce(into: [HTTPStatus]()) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == .created }, "\(statuses)")
            let uuid = try #require(UUID(uuidString: id))
            let stored = try #require(try await MigrationStore(app.db).load(uuid))
            #expect(stored.record.version == 13)
            #expect(Set(stored.actionItems.map(\.title)) == Set((0..<12).map { "item \($0)" }))
            let history = try await call.send(.GET, path + "/history?per=100", as: world.token(.practice)).json
            #expect((history["items"] as? [[String: Any]])?.filter { $0["action"] as? String == "action-item.added" }.count == 12)
        }
    }

    @Test func theSecondOfTwoConcurrentUpdatesGets412() async throws {
        try await withCutover { app, world in
            let call = Call(app: app)
            let id = try await world.createMigration(call)
            let path = "/api/v1/migrations/\(id)"
            let etag = try await call.send(.GET, path, as: world.token(.practice)).headers.first(name: .eTag)!

            // Act: ten clients send a change based on the same version at once.
            let statuses = try await withThrowingTaskGroup(of: (Int, HTTPStatus).self) { group in
                for index in 0..<10 {
                    let role: World.Role = index.isMultiple(of: 2) ? .practice : .deliveryPartner
                    let json = #"{"blackouts": [{"start": "2027-0\#(index % 9 + 1)-01", "end": "2027-0\#(index % 9 + 1)-02", "reason": "client \#(index)"}]}"#
                    group.addTask {
                        (index, try await call.send(.PATCH, path, as: world.token(role), json: json, headers: [("If-Match", etag)]).status)
                    }
                }
                return try await group.reduce(into: [Int: HTTPStatus]()) { $0[$1.0] = $1.1 }
            }

            // Check: exactly one won, every other was told its copy was stale.
            let winners = statuses.filter { $0.value == .ok }
            #expect(winners.count == 1, "\(statuses)")
            #expect(statuses.values.filter { $0 == .preconditionFailed }.count == 9, "\(statuses)")
            let migration = try await call.send(.GET, path, as: world.token(.practice)).json
            #expect(migration["version"] as? Int == 2)
            let reason = (migration["blackouts"] as? [[String: Any]])?.first?["reason"] as? String
            #expect(reason == "client \(winners.first!.key)")
        }
    }

    @Test func staleAndMissingIfMatchAreRefused() async throws {
        try await withCutover { app, world in
            let call = Call(app: app)
            let id = try await world.createMigration(call)
            let path = "/api/v1/migrations/\(id)"
            let body = #"{"blackouts": []}"#
            #expect(try await call.send(.PATCH, path, as: world.token(.practice), json: body).status == .preconditionRequired)
            #expect(try await call.send(.PATCH, path, as: world.token(.practice), json: body, headers: [("If-Match", "\"1\"")]).status == .ok)
            let stale = try await call.send(.PATCH, path, as: world.token(.practice), json: body, headers: [("If-Match", "\"1\"")])
            #expect(stale.status == .preconditionFailed)
            #expect(stale.error.code == "stale")
            let action = try await call.send(.POST, path + "/provisional-go-live", as: world.token(.practice), json: #"{"goLive": "2027-06-21"}"#, headers: [("If-Match", "\"1\"")])
            #expect(action.status == .preconditionFailed)
            #expect(try await call.send(.PATCH, path, as: world.token(.practice), json: body, headers: [("If-Match", "W/\"2\"")]).headers.first(name: .eTag) == "\"3-20261125\"")
        }
    }
}
