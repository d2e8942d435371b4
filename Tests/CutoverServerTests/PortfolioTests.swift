import Fluent
import Foundation
import MigrationKit
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import CutoverServer

/// The portfolio's go-lives per week and new-system supplier, within the reader's scope, with
/// clashes above the threshold (one a week in the tests).
@Suite struct PortfolioTests {
    @Test func goLivesAreCountedPerWeekAndSupplierWithinTheReadersScope() async throws {
        try await withCutover { app, world in
            let call = Call(app: app)
            // Monday 14 June 2027 for one practice, Wednesday 16 June for the other (another
            // ICB and CSU), both moving to the same new system.
            _ = try await world.createMigration(call)
            let other = World.newMigrationJSON.replacingOccurrences(of: "A81001", with: world.otherPracticeOds).replacingOccurrences(of: "2027-06-14", with: "2027-06-16")
            let created = try await call.send(.POST, "/api/v1/migrations", as: world.token(.otherPractice), json: other)
            #expect(created.status == .created, "\(created.body.string)")
            func weeks(_ role: World.Role) async throws -> [[String: Any]] {
                let response = try await call.send(.GET, "/api/v1/portfolio", as: world.token(role))
                #expect(response.status == .ok, "\(response.body.string)")
                return response.json["goLivesPerWeek"] as? [[String: Any]] ?? []
            }
            let national = try await weeks(.national)
            #expect(national.count == 1)
            #expect(national.first?["weekStarting"] as? String == "2027-06-14")
            #expect(national.first?["goLives"] as? Int == 2 && national.first?["clash"] as? Bool == true)
            let csu = try await weeks(.deliveryPartner)
            #expect(csu.count == 1 && csu.first?["goLives"] as? Int == 1 && csu.first?["clash"] as? Bool == false)
            #expect(try await weeks(.otherCommissioner).first?["goLives"] as? Int == 1)
        }
    }
}

/// The portfolio's counts are sums kept as migrations change (`PortfolioCounts`); these
/// hold them to what every migration's records say, worked out again for each reader.
@Suite struct PortfolioCountsTests {
    @Test func theSumsAgreeWithTheRecordsOnTheDemoRegion() async throws {
        try await withDemoRegion { app, _, actors in
            try await Self.expectAgreement(app, actors.map(\.1))
            // Counted again from nothing, as for a database kept before the sums.
            let sql = app.db as! any SQLDatabase
            try await sql.raw("DELETE FROM portfolio_counts").run()
            try await sql.raw("DELETE FROM portfolio_entries").run()
            try await PortfolioCounts(sql: sql).recount(today: app.cutover.today)
            try await Self.expectAgreement(app, actors.map(\.1))
        }
    }

    @Test func theSumsFollowAMigrationThroughItsSteps() async throws {
        try await withCutover { app, world in
            let call = Call(app: app)
            let actors = World.Role.allCases.filter { $0 != .viewer }.map { Self.actor($0, in: world) }
            try await Self.expectAgreement(app, actors)
            let journey = Journey(call: call, world: world, id: try await world.createMigration(call))
            try await Self.expectAgreement(app, actors)
            try await journey.procure()
            try await Self.expectAgreement(app, actors)
            // A phase recorded as finished moves the migration on without moving its plan.
            try await journey.step(.deliveryPartner, "/milestones/procurement", #"{"actualStart": "2026-11-02", "actualEnd": "2026-11-20"}"#)
            try await Self.expectAgreement(app, actors)
            try await journey.readyToGoLiveToday()
            try await Self.expectAgreement(app, actors)
            try await journey.step(.targetSupplier, "/go-live", #"{"day": "2026-11-25"}"#)
            try await Self.expectAgreement(app, actors)
        }
    }

    static func actor(_ role: World.Role, in world: World) -> Actor {
        let kind: OrganisationKind = switch role {
        case .practice, .otherPractice: .practice
        case .commissioner, .otherCommissioner, .viewer: .commissioner
        case .deliveryPartner, .otherDeliveryPartner: .deliveryPartner
        case .targetSupplier, .sourceSupplier, .subsidiarySupplier, .unrelatedSupplier: .supplier
        case .national: .national
        }
        return Actor(userID: world.users[role]!, organisationID: world.organisations[role]!, kind: kind, role: .member)
    }

    /// Each actor's portfolio counts against the same counts worked out from the records of
    /// every migration the actor may see.
    static func expectAgreement(_ app: Application, _ actors: [Actor], sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let (policy, today) = (app.cutover.policy, app.cutover.today)
        let sql = app.db as! any SQLDatabase
        let ids = try await MigrationRecord.query(on: app.db).all().compactMap(\.id)
        let migrations = try await MigrationStore(sql: sql).load(ids)
        for actor in actors {
            let store = PortfolioStore(list: MigrationList(sql: sql, actor: actor, policy: policy, today: today))
            let summary = try await store.summary(goLivesPerWeek: try await store.weekLoads(threshold: 1), threshold: 1)
            let seen = migrations.filter { policy.canSee(actor, $0.parties) }
            let who = "\(actor.kind) \(actor.organisationID)"
            #expect(summary.total == seen.count, "\(who)", sourceLocation: sourceLocation)
            #expect(summary.byPhase == Dictionary(grouping: seen) { (Phase(rawValue: $0.record.currentPhase) ?? .decisionAndFunding).id }.mapValues(\.count),
                    "\(who)", sourceLocation: sourceLocation)
            #expect(summary.byStatus == Dictionary(grouping: seen) { $0.record.status.rawValue }.mapValues(\.count), "\(who)", sourceLocation: sourceLocation)
            let overdue = seen.map { migration -> Int in
                guard let state = migration.state(today: today) else { return 0 }
                let done = state.deadlinesDone
                return state.plan.deadlines.count { $0.due < today && !done.contains($0.key) }
            }
            #expect(summary.overdueDeadlines == overdue.reduce(0, +), "\(who)", sourceLocation: sourceLocation)
            #expect(summary.migrationsWithOverdueDeadlines == overdue.count { $0 > 0 }, "\(who)", sourceLocation: sourceLocation)
            // A list's total, for a phase, a status, both and neither, is such a sum too.
            let list = MigrationList(sql: sql, actor: actor, policy: policy, today: today)
            for (phase, status) in [(nil, nil), (Phase.procurement, nil), (nil, MigrationStatus.registered), (.procurement, .registered), (.postGoLive, .live)] {
                var filter = MigrationFilter(pagination: Pagination(page: 1, per: 1))
                (filter.phase, filter.status) = (phase, status)
                let expected = seen.count { migration in
                    phase.map { $0.rawValue == migration.record.currentPhase } ?? true && status.map { $0 == migration.record.status } ?? true
                }
                #expect(try await list.page(filter).total == expected, "\(who): \(String(describing: phase)) \(String(describing: status))", sourceLocation: sourceLocation)
            }
            var weeks: [String: Int] = [:]
            for migration in seen {
                guard let goLive = migration.record.planGoLive else { continue }
                let (monday, from) = (goLive - (goLive.weekday.rawValue - 1), today - 28)
                guard monday >= from - (from.weekday.rawValue - 1) else { continue }
                weeks["\(monday) \(migration.record.targetSupplierID)", default: 0] += 1
            }
            #expect(Dictionary(uniqueKeysWithValues: summary.goLivesPerWeek.map { ("\($0.weekStarting) \($0.supplierId)", $0.goLives) }) == weeks,
                    "\(who)", sourceLocation: sourceLocation)
            // Each week's supplier by its own name.
            let names = Dictionary(seen.map { ($0.record.targetSupplierID, $0.targetProduct.supplierName) }, uniquingKeysWith: { first, _ in first })
            #expect(summary.goLivesPerWeek.allSatisfy { names[$0.supplierId] == $0.supplierName }, "\(who)", sourceLocation: sourceLocation)
        }
    }
}

/// The portfolio page tells its reader when a part has nothing to show, and links each
/// migration it lists.
@Suite struct PortfolioPageTests {
    @Test func thePageSaysWhatIsEmptyAndLinksWhatIsListed() async throws {
        try await withCutover { app, world in
            let id = try await world.createMigration(Call(app: app))
            // Its go-live (14 June 2027) is beyond the chart's sixteen weeks.
            let ours = try await Browser.signIn(.commissioner, app: app).get("/portfolio")
            #expect(ours.status == .ok)
            let page = ours.body.string
            #expect(page.contains("<h2>Migrations (1)</h2>"))
            #expect(page.contains(#"<a href="/migrations/\#(id.uppercased())">Aire Valley Surgery (A81001)</a>"#), "\(page)")
            #expect(page.contains("<p>No go-lives in the next 16 weeks.</p>") && !page.contains("<svg"))
            #expect(!page.contains("No migration matches these filters."))
            let theirs = try await Browser.signIn(.otherCommissioner, app: app).get("/portfolio?status=registered")
            #expect(theirs.status == .ok)
            #expect(theirs.body.string.contains("<h2>Migrations (0)</h2>") && theirs.body.string.contains("<p>No migration matches these filters.</p>"))
            #expect(theirs.body.string.contains(#"<option value="registered" selected>"#))
        }
    }
}
