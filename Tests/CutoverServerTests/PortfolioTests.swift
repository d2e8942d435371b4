import Foundation
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
