import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CutoverServer

/// Bad input gets a 4xx in the error shape naming the field, never a 500, and leaves
/// nothing half-written.
@Suite struct BadInputTests {
    static let create = "/api/v1/migrations"

    func replacing(_ old: String, _ new: String) -> String {
        World.newMigrationJSON.replacingOccurrences(of: old, with: new)
    }

    @Test func createRefusesBadBodiesNamingTheField() async throws {
        try await withCutover { app, world in
            let call = Call(app: app)
            let cases: [(String, HTTPStatus, String?)] = [
                ("{not json", .badRequest, nil),
                (replacing(#""A81001""#, "42"), .unprocessableEntity, "practiceOdsCode"),
                (replacing(#""A81001""#, #""81001A""#), .unprocessableEntity, "practiceOdsCode"),
                (replacing(#""A81001""#, #""Z99999""#), .unprocessableEntity, "practiceOdsCode"),
                (replacing(#""2027-06-14""#, #""2027-02-30""#), .unprocessableEntity, "provisionalGoLive"),
                (replacing(#""2027-06-14""#, #""2025-01-06""#), .unprocessableEntity, "provisionalGoLive"),
                (replacing(#""10052-002""#, #""10000-001""#), .unprocessableEntity, "targetProductCode"),
                (replacing(#""10052-002""#, #""10052-101""#), .unprocessableEntity, "targetProductCode"),
                (replacing(#"["10046-001"]"#, #"["10046-001", "nope"]"#), .unprocessableEntity, "subsidiaryCodes[1]"),
                (replacing(#""drivers": "Shared records with community services""#, #""drivers": "  ""#), .unprocessableEntity, "businessCase.drivers"),
                (replacing(#""strategicFit": "One system per neighbourhood""#, ""), .unprocessableEntity, "businessCase.strategicFit"),
                (replacing(#""end": "2027-08-13""#, #""end": "2027-07-13""#), .unprocessableEntity, "blackouts[0].end"),
                (replacing(#""provisionalGoLive""#, #""overrides": {"runOffDays": -1}, "provisionalGoLive""#), .unprocessableEntity, "overrides.runOffDays"),
                (replacing(#""provisionalGoLive""#, #""overrides": {"lunchDays": 2}, "provisionalGoLive""#), .unprocessableEntity, "overrides.lunchDays"),
            ]
            for (json, status, field) in cases {
                let response = try await call.send(.POST, Self.create, as: world.token(.practice), json: json)
                #expect(response.status == status, "\(field ?? "body"): \(response.body.string)")
                #expect(response.error.field == field, "\(field ?? "body"): \(response.body.string)")
                #expect(response.error.code != nil)
            }
            // Nothing was written by any of them.
            #expect(try await MigrationRecord.query(on: app.db).count() == 0)
            #expect(try await AuditEvent.query(on: app.db).count() == 0)
        }
    }

    @Test func actionsRefuseBadBodiesAndUnknownIds() async throws {
        try await withCutover { app, world in
            let call = Call(app: app)
            let id = try await world.createMigration(call)
            let base = "/api/v1/migrations/\(id)"
            let token = world.token(.commissioner)
            let cases: [(HTTPMethod, String, String?, HTTPStatus, String?)] = [
                (.POST, "/approval", #"{"fundingAmount": "lots", "fundingSource": "ICB"}"#, .unprocessableEntity, "fundingAmount"),
                (.POST, "/approval", #"{"fundingSource": "ICB"}"#, .unprocessableEntity, "fundingAmount"),
                (.POST, "/approval", #"{"fundingAmount": -5, "fundingSource": "ICB"}"#, .unprocessableEntity, "fundingAmount"),
                (.POST, "/provisional-go-live", #"{"goLive": "next tuesday"}"#, .unprocessableEntity, "goLive"),
                (.POST, "/schedule-as/\(UUID())/commissioner-decision", #"{"decision": "maybe"}"#, .unprocessableEntity, "decision"),
                (.POST, "/schedule-as/\(UUID())/commissioner-decision", #"{"decision": "accept"}"#, .notFound, nil),
                (.POST, "/schedule-as/not-an-id/commissioner-decision", #"{"decision": "accept"}"#, .notFound, nil),
                (.POST, "/milestones/lunch", #"{"actualStart": "2026-11-20"}"#, .notFound, nil),
                // The go-live and the end are recorded by their own steps (`Phase.hasItsOwnStep`).
                (.POST, "/milestones/go-live", #"{"actualStart": "2026-11-20"}"#, .unprocessableEntity, "phase"),
                (.POST, "/milestones/end-of-migration", #"{"actualStart": "2026-11-20"}"#, .unprocessableEntity, "phase"),
                (.POST, "/deadlines/lunch/met", #"{"day": "2026-11-20"}"#, .notFound, nil),
                // No body reads as {}: the first required field is named.
                (.POST, "/provisional-go-live", nil, .unprocessableEntity, "goLive"),
            ]
            for (method, path, json, status, field) in cases {
                let response = try await call.send(method, base + path, as: token, json: json)
                #expect(response.status == status, "\(path) \(json ?? ""): \(response.body.string)")
                #expect(response.error.field == field, "\(path) \(json ?? ""): \(response.body.string)")
            }
            #expect(try await call.send(.GET, "/api/v1/migrations/\(UUID())", as: token).status == .notFound)
            #expect(try await call.send(.GET, "/api/v1/migrations/12", as: token).status == .notFound)
            let unknownRoute = try await call.send(.GET, "/api/v1/nothing-here", as: token)
            #expect(unknownRoute.status == .notFound)
            #expect(unknownRoute.error.code == "not-found")
            let migration = try await call.send(.GET, base, as: token).json
            #expect(migration["version"] as? Int == 1)
        }
    }

    @Test func listFiltersAreChecked() async throws {
        try await withCutover { app, world in
            let call = Call(app: app)
            for (query, field) in [("phase=lunch", "phase"), ("status=asleep", "status"), ("goLiveFrom=2027-13-01", "goLiveFrom"),
                                   ("goLiveFrom=2027-06-01&goLiveTo=2027-05-01", "goLiveTo"), ("supplier=tpp", "supplier"),
                                   ("per=1000", "per"), ("page=0", "page"), ("overdue=perhaps", "overdue")] {
                let response = try await call.send(.GET, "/api/v1/migrations?\(query)", as: world.token(.national))
                #expect(response.status == .unprocessableEntity, "\(query)")
                #expect(response.error.field == field, "\(query)")
            }
        }
    }

    @Test func bodiesOverTheLimitAreRefused() async throws {
        try await withCutover(maxBodyBytes: 2048) { app, world in
            let call = Call(app: app)
            let huge = World.newMigrationJSON.replacingOccurrences(of: "Retraining 20 staff", with: String(repeating: "x", count: 5000))
            let response = try await call.send(.POST, "/api/v1/migrations", as: world.token(.practice), json: huge)
            #expect(response.status == .payloadTooLarge)
            #expect(response.error.code == "too-large")
            #expect(try await MigrationRecord.query(on: app.db).count() == 0)
        }
    }

    @Test func aFailedStepChangesNothing() async throws {
        try await withCutover { app, world in
            let call = Call(app: app)
            let id = try await world.createMigration(call)
            let journey = Journey(call: call, world: world, id: id)
            try await journey.procure()
            let before = try await journey.migration()
            let events = try await AuditEvent.query(on: app.db).count()
            // A submodule order for a product the migration does not have fails part-way.
            try await journey.step(.deliveryPartner, "/schedule-as", #"{"kind": "submodule", "productCode": "10046-001"}"#, expect: .unprocessableEntity)
            try await journey.step(.targetSupplier, "/go-live", #"{"day": "2026-11-25"}"#, expect: .conflict)
            let after = try await journey.migration()
            #expect(after["version"] as? Int == before["version"] as? Int)
            #expect((after["scheduleAs"] as? [Any])?.count == (before["scheduleAs"] as? [Any])?.count)
            #expect(after["status"] as? String == "registered")
            #expect(try await AuditEvent.query(on: app.db).count() == events)
        }
    }
}
