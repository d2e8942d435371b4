import Fluent
import Foundation
import MigrationKit
import SQLKit
import Testing
import Vapor
@testable import CutoverServer

/// A product's new lead time, set by a national administrator on the demo region: the
/// change queues every migration under way that uses the product (and tells the
/// administrator how many), the plans show the new lead time at once, and `PlanKeeper`
/// writes the kept deadline rows (and the portfolio's sums) again a batch at a time until
/// each matches its plan.
@Suite struct PlanKeeperTests {
    @Test func aLeadTimeChangeIsReplannedABatchAtATime() async throws {
        try await withDemoRegion { app, aggregates, actors in
            // The product most migrations under way use, whose data moves.
            let open = aggregates.filter { $0.record.status != .completed }
            func uses(_ a: MigrationAggregate, _ product: UUID) -> Bool { a.products[product] != nil }
            let product = try #require(open.map(\.sourceProduct).max { a, b in open.count { uses($0, a.id) } < open.count { uses($0, b.id) } })
            let using = open.filter { uses($0, product.id) }
            #expect(using.count > 10 && aggregates.contains { $0.record.status == .completed && uses($0, product.id) },
                    "the demo region has migrations under way and completed that use \(product.name)")
            #expect(try await unlike(app) == 0, "every kept plan matches its plan before the change")

            let admin = try await Browser.signIn(email: "admin@national.demo.test", app: app)
            let saved = try await admin.post("/admin/products/\(product.id)", [("extractLeadDays", "\((product.extractLeadDays ?? 0) + 9)")])
            #expect(saved.status == .seeOther, "\(saved.body.string)")
            let location = try #require(saved.headers.first(name: .location))
            #expect(location.contains("replanning=\(using.count)"), "\(location)")
            let page = try await admin.get(location)
            #expect(page.body.string.contains("Saved: \(product.name)&#39;s extract lead time is \((product.extractLeadDays ?? 0) + 9) days. \(using.count) migrations under way use it"),
                    "the administrator is told which product and how many plans move")

            // Queued, not yet written: the extract deadlines of those migrations still lag.
            #expect(try await ReplanQueue(app.db).count() == using.count)
            let lagging = try await unlike(app)
            #expect(lagging > 0 && lagging <= using.count, "\(lagging) kept plans lag")
            #expect(try await PlanKeeper(services: app.cutover, db: app.db, batch: 7).catchUp() == using.count)
            #expect(try await ReplanQueue(app.db).count() == 0)
            #expect(try await unlike(app) == 0, "every kept plan matches its plan after the keeper")
            try await PortfolioCountsTests.expectAgreement(app, actors.map(\.1))
        }
    }

    /// How many migrations' kept deadline rows differ from their plans.
    func unlike(_ app: Application) async throws -> Int {
        let rows = try await (app.db as! any SQLDatabase).raw("SELECT migration_id, kind, due FROM deadlines").all()
        var kept: [UUID: [String: String]] = [:]
        for row in rows {
            kept[try row.decode(column: "migration_id", as: UUID.self), default: [:]][try row.decode(column: "kind", as: String.self)] = try row.decode(column: "due", as: String.self)
        }
        let ids = try await MigrationRecord.query(on: app.db).all().compactMap(\.id)
        return try await MigrationStore(app.db).load(ids).count { a in
            guard let plan = a.state(today: app.cutover.today)?.plan else { return false }
            return kept[a.id] != Dictionary(uniqueKeysWithValues: plan.deadlines.map { ($0.key.rawValue, $0.due.description) })
        }
    }
}
