import Foundation
import MigrationKit
import Testing
import Vapor
import VaporTesting
@testable import CutoverServer

/// The deployment survey and the payment milestones through the API, across the roles:
/// who fills in, confirms, returns, and records M2 and the cease date, under the default
/// region (the CSU keeps the order records) and one where the commissioner does.
@Suite struct PaymentMilestoneAPITests {
    /// A migration that went live today, 25 November 2026.
    func live(_ call: Call, _ world: World) async throws -> Journey {
        let journey = Journey(call: call, world: world, id: try await world.createMigration(call))
        try await journey.procure()
        try await journey.readyToGoLiveToday()
        try await journey.step(.targetSupplier, "/go-live", #"{"day": "2026-11-25"}"#)
        return journey
    }

    @Test func onlyThePracticeFillsInTheSurveyAndOnlyAfterGoLive() async throws {
        try await withCutover { app, world in
            let call = Call(app: app)
            let journey = Journey(call: call, world: world, id: try await world.createMigration(call))
            try await journey.procure()
            try await journey.readyToGoLiveToday()
            try await journey.step(.practice, "/deployment-survey", #"{"goLive": "2026-11-25", "score": 4}"#, expect: .conflict)
            try await journey.step(.targetSupplier, "/go-live", #"{"day": "2026-11-25"}"#)
            let survey = #"{"goLive": "2026-11-25", "score": 4, "comments": "Fine"}"#
            for role in [World.Role.commissioner, .deliveryPartner, .targetSupplier, .viewer] {
                try await journey.step(role, "/deployment-survey", survey, expect: .forbidden)
            }
            for role in [World.Role.otherPractice, .unrelatedSupplier] {
                try await journey.step(role, "/deployment-survey", survey, expect: .notFound)
            }
            let refused = try await journey.step(.practice, "/deployment-survey", #"{"goLive": "2026-11-26", "score": 4}"#, expect: .unprocessableEntity)
            #expect(refused.error.field == "goLive")
            try await journey.step(.practice, "/deployment-survey", survey)
            try await journey.step(.practice, "/deployment-survey", survey, expect: .conflict)
            let migration = try await journey.migration(.practice)
            #expect((migration["deploymentSurvey"] as? [String: Any])?["status"] as? String == "submitted")
            // Those who see the survey: not the old system's supplier nor a subsidiary's.
            #expect(try await journey.migration(.targetSupplier)["deploymentSurvey"] != nil)
            #expect(try await journey.migration(.commissioner)["deploymentSurvey"] != nil)
            #expect(try await journey.migration(.sourceSupplier)["deploymentSurvey"] == nil)
            #expect(try await journey.migration(.subsidiarySupplier)["deploymentSurvey"] == nil)
        }
    }

    @Test func aReturnedSurveyComesBackCorrectedAndItsConfirmationSetsActualM1() async throws {
        try await withCutover { app, world in
            let call = Call(app: app)
            let journey = try await live(call, world)
            try await journey.step(.practice, "/deployment-survey", #"{"goLive": "2026-11-24", "score": 3}"#)
            for role in [World.Role.practice, .commissioner, .targetSupplier] {
                try await journey.step(role, "/deployment-survey/decision", #"{"decision": "confirm"}"#, expect: .forbidden)
            }
            let noReason = try await journey.step(.deliveryPartner, "/deployment-survey/decision", #"{"decision": "return"}"#, expect: .unprocessableEntity)
            #expect(noReason.error.field == "reason")
            try await journey.step(.deliveryPartner, "/deployment-survey/decision", #"{"decision": "return", "reason": "The go-live was the 25th"}"#)
            var survey = try #require(try await journey.migration(.practice)["deploymentSurvey"] as? [String: Any])
            #expect(survey["status"] as? String == "returned" && survey["returnReason"] as? String == "The go-live was the 25th")
            try await journey.step(.deliveryPartner, "/deployment-survey/decision", #"{"decision": "confirm"}"#, expect: .conflict)
            try await journey.step(.practice, "/deployment-survey", #"{"goLive": "2026-11-25", "score": 3}"#)
            try await journey.step(.deliveryPartner, "/deployment-survey/decision", #"{"decision": "confirm"}"#)
            let migration = try await journey.migration()
            survey = try #require(migration["deploymentSurvey"] as? [String: Any])
            #expect(survey["status"] as? String == "confirmed" && survey["goLive"] as? String == "2026-11-25")
            let lines = migration["orderLines"] as? [[String: Any]] ?? []
            #expect(lines.count == 1 && lines.first?["m1Actual"] as? String == "2026-11-25")
            let history = try await call.send(.GET, journey.base + "/history?per=100", as: world.token(.targetSupplier)).json
            let actions = (history["items"] as? [[String: Any]] ?? []).compactMap { $0["action"] as? String }
            #expect(actions.filter { $0.hasPrefix("deployment-survey.") } == ["deployment-survey.confirmed", "deployment-survey.sent", "deployment-survey.returned", "deployment-survey.sent"])
        }
    }

    @Test func whereTheCommissionerKeepsTheOrderRecordsItConfirmsAndRecordsTheCeaseDate() async throws {
        let region = RegionSettings(registersMigration: .deliveryPartner, callsOffScheduleAs: .deliveryPartner, requestsExtractForms: .deliveryPartner,
                                    administersOrderRecords: .commissioner)
        try await withCutover(region: region) { app, world in
            let call = Call(app: app)
            let journey = try await live(call, world)
            try await journey.step(.practice, "/deployment-survey", #"{"goLive": "2026-11-25", "score": 5}"#)
            try await journey.step(.deliveryPartner, "/deployment-survey/decision", #"{"decision": "confirm"}"#, expect: .forbidden)
            try await journey.step(.commissioner, "/deployment-survey/decision", #"{"decision": "confirm"}"#)
            let decommission = try await journey.item("scheduleAs") { $0["kind"] as? String == "decommission" }
            let target = try await journey.item("scheduleAs") { $0["kind"] as? String == "target" }
            #expect(try await findingIDs(journey).contains("cease-date:missing"))
            try await journey.step(.deliveryPartner, "/schedule-as/\(decommission)/cease-date", #"{"day": "2027-03-01"}"#, expect: .forbidden)
            try await journey.step(.sourceSupplier, "/schedule-as/\(decommission)/cease-date", #"{"day": "2027-03-01"}"#, expect: .forbidden)
            try await journey.step(.commissioner, "/schedule-as/\(target)/cease-date", #"{"day": "2027-03-01"}"#, expect: .conflict)
            try await journey.step(.commissioner, "/schedule-as/\(decommission)/cease-date", #"{"day": "2027-03-01"}"#)
            // Moved later: the same step.
            try await journey.step(.commissioner, "/schedule-as/\(decommission)/cease-date", #"{"day": "2027-03-31"}"#)
            let asSource = try await journey.migration(.sourceSupplier)
            #expect((asSource["orderLines"] as? [[String: Any]])?.first?["cease"] as? String == "2027-03-31")
            // Once M2 is in and the cease date set, no payment finding remains.
            try await journey.step(.commissioner, "/service-stability", #"{"day": "2026-11-25"}"#)
            try await journey.step(.commissioner, "/service-stability", #"{"day": "2026-11-25"}"#, expect: .conflict)
            let ids = try await findingIDs(journey)
            #expect(!ids.contains { $0.hasPrefix("cease-date") || $0 == "service-stability-not-recorded" }, "\(ids)")
        }
    }

    /// The findings the commissioner reads in the migration's plan.
    func findingIDs(_ journey: Journey) async throws -> [String] {
        let plan = try await journey.call.send(.GET, journey.base + "/plan", as: journey.world.token(.commissioner))
        guard plan.status == .ok else { throw TestFailure("GET plan: \(plan.status)") }
        return (plan.json["findings"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
    }
}
