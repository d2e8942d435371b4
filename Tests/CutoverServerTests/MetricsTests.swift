import Foundation
import MigrationKit
import Testing
import Vapor
import VaporTesting
@testable import CutoverServer

/// The metrics each demo user gets are those of exactly the migrations they may see, worked
/// out here from the loaded migrations rather than from the metrics' own select.
@Suite struct MetricsTests {
    @Test func eachUserGetsTheMetricsOfWhatTheyMaySee() async throws {
        try await withDemoRegion { app, aggregates, actors in
            let policy = app.cutover.policy
            var comparedCutovers = 0
            for (email, actor) in actors {
                let visible = aggregates.filter { policy.canSee(actor, $0.parties) }
                let expected = MigrationMetrics(visible.map { a in
                    MigrationOutcome(
                        oldSupplier: a.sourceProduct.supplierName, newSupplier: a.targetProduct.supplierName,
                        phases: a.milestones.filter { $0.actualStart != nil || $0.actualEnd != nil }.map {
                            .init(phase: Phase(rawValue: $0.phase)!, plannedEnd: $0.plannedEnd, actualStart: $0.actualStart, actualEnd: $0.actualEnd)
                        },
                        actualGoLive: a.record.actualGoLive)
                })
                let token = try await Call(app: app).send(.POST, "/api/v1/auth/token", json: #"{"email": "\#(email)", "password": "demo-password"}"#).json["token"] as! String
                let answer = try await Call(app: app).send(.GET, "/api/v1/metrics", as: token)
                #expect(answer.status == .ok, "\(email)")
                let json = answer.json
                #expect(json["migrations"] as? Int == visible.count, "\(email)")
                let phases = json["phases"] as! [[String: Any]]
                #expect(phases.map { $0["finished"] as! Int } == expected.phases.map(\.finished), "\(email)")
                #expect(phases.map { $0["onTime"] as! Int } == expected.phases.map(\.onTime), "\(email)")
                let cutovers = json["cutovers"] as! [[String: Any]]
                #expect(cutovers.map { "\($0["oldSupplier"]!) to \($0["newSupplier"]!)" } == expected.cutovers.map { "\($0.oldSupplier) to \($0.newSupplier)" }, "\(email)")
                #expect(cutovers.map { ($0["calendarDays"] as! [String: Any])["count"] as! Int } == expected.cutovers.map(\.calendarDays.count), "\(email)")
                comparedCutovers += expected.cutovers.count
                let csv = try await Call(app: app).send(.GET, "/api/v1/metrics.csv?table=cutovers", as: token)
                #expect(csv.status == .ok && csv.body.string.components(separatedBy: "\r\n").count == expected.cutovers.count + 2, "\(email)")
                let browser = try await Browser.signIn(email: email, app: app)
                // The menu offers it to everyone but a practice (`AccessPolicy.offersMetrics`).
                let menu = try await browser.get("/").body.string
                #expect(menu.contains("href=\"/metrics\"") == (actor.kind != .practice), "\(email)")
                let page = try await browser.get("/metrics")
                #expect(page.status == .ok, "\(email)")
                #expect(page.body.string.contains("the \(visible.count) migrations you can see"), "\(email)")
            }
            #expect(comparedCutovers > 0, "the demo region has finished cut-overs to compare")
        }
    }

    @Test func anUnknownTableIsRefusedByName() async throws {
        try await withCutover { app, world in
            let answer = try await Call(app: app).send(.GET, "/api/v1/metrics.csv?table=everything", as: world.token(.commissioner))
            #expect(answer.status == .unprocessableEntity)
            #expect(answer.error.field == "table")
            #expect(try await Call(app: app).send(.GET, "/api/v1/metrics").status == .unauthorized)
        }
    }
}
