import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CutoverServer

/// Every role against every endpoint, on the first practice's migration: those outside it
/// get 404, those in it but not entitled get 403, those entitled get past the access check.
@Suite struct AccessMatrixTests {
    typealias Role = World.Role
    static let insiders: Set<Role> = [.practice, .commissioner, .deliveryPartner, .targetSupplier, .sourceSupplier, .subsidiarySupplier, .national, .viewer]

    struct Endpoint {
        let method: HTTPMethod
        let path: String
        let json: String?
        let allowed: Set<Role>
        var headers: [(String, String)] = []
    }

    @Test func everyRoleEveryEndpoint() async throws {
        try await withCutover { app, world in
            // Setup: a procured migration with a requested extract.
            let call = Call(app: app)
            let id = try await world.createMigration(call)
            let journey = Journey(call: call, world: world, id: id)
            try await journey.procure()
            try await journey.step(.deliveryPartner, "/extract-requests", "{}")
            let sa = try await journey.item("scheduleAs") { $0["kind"] as? String == "target" }
            let extract = try await journey.item("extractRequests") { _ in true }

            let reads: Set<Role> = Self.insiders
            let endpoints: [Endpoint] = [
                .init(method: .GET, path: "", json: nil, allowed: reads),
                .init(method: .GET, path: "/plan", json: nil, allowed: reads),
                .init(method: .GET, path: "/plans", json: nil, allowed: reads),
                .init(method: .GET, path: "/history", json: nil, allowed: reads),
                .init(method: .PATCH, path: "", json: #"{"blackouts": []}"#, allowed: [.practice, .commissioner, .deliveryPartner], headers: [("If-Match", "\"1\"")]),
                .init(method: .POST, path: "/approval", json: #"{"fundingAmount": 1, "fundingSource": "ICB"}"#, allowed: [.commissioner]),
                .init(method: .POST, path: "/business-case/return", json: #"{"reason": "Cost the retraining"}"#, allowed: [.commissioner]),
                .init(method: .POST, path: "/business-case", json: #"{"drivers": "a", "considerations": "b", "strategicFit": "c"}"#, allowed: [.practice]),
                // The day already proposed: an agreement, which the new system's supplier gives too.
                .init(method: .POST, path: "/provisional-go-live", json: #"{"goLive": "2027-06-14"}"#, allowed: [.practice, .commissioner, .deliveryPartner, .targetSupplier]),
                // Another day: a new proposal.
                .init(method: .POST, path: "/provisional-go-live", json: #"{"goLive": "2027-06-21"}"#, allowed: [.practice, .commissioner, .deliveryPartner]),
                .init(method: .POST, path: "/registration", json: "{}", allowed: [.deliveryPartner]),
                .init(method: .POST, path: "/schedule-as", json: #"{"kind": "target"}"#, allowed: [.deliveryPartner]),
                .init(method: .POST, path: "/schedule-as/\(sa)/commissioner-decision", json: #"{"decision": "accept"}"#, allowed: [.commissioner]),
                .init(method: .POST, path: "/schedule-as/\(sa)/supplier-decision", json: #"{"decision": "accept", "goLive": "2027-06-14"}"#, allowed: [.targetSupplier]),
                .init(method: .POST, path: "/schedule-as/\(sa)/confirmed-go-live", json: #"{"goLive": "2027-06-14"}"#, allowed: [.targetSupplier]),
                .init(method: .POST, path: "/extract-requests", json: "{}", allowed: [.deliveryPartner]),
                .init(method: .POST, path: "/extract-requests/\(extract)/form-sent", json: "{}", allowed: [.sourceSupplier]),
                .init(method: .POST, path: "/extract-requests/\(extract)/form-returned", json: #"{"dataProductionDays": ["2027-05-19"]}"#, allowed: [.practice]),
                .init(method: .POST, path: "/extract-requests/\(extract)/transfer-confirmed", json: "{}", allowed: [.sourceSupplier, .targetSupplier, .deliveryPartner]),
                .init(method: .POST, path: "/kick-off", json: #"{"day": "2027-04-29"}"#, allowed: [.practice, .deliveryPartner]),
                .init(method: .POST, path: "/technical-survey", json: #"{"day": "2027-05-04"}"#, allowed: [.practice, .deliveryPartner]),
                .init(method: .POST, path: "/milestones/kick-off", json: #"{"actualStart": "2026-11-20"}"#, allowed: [.practice, .deliveryPartner, .targetSupplier]),
                .init(method: .POST, path: "/sign-offs", json: #"{"kind": "technical-requirements", "signerName": "H. Carter"}"#, allowed: [.practice]),
                .init(method: .POST, path: "/go-live", json: #"{"day": "2026-11-25"}"#, allowed: [.deliveryPartner, .targetSupplier]),
                .init(method: .POST, path: "/end", json: #"{"day": "2026-11-25"}"#, allowed: [.deliveryPartner, .commissioner]),
                .init(method: .POST, path: "/notices", json: #"{"recipient": "EPS", "service": "eps"}"#, allowed: [.practice, .deliveryPartner]),
                .init(method: .POST, path: "/action-items", json: #"{"title": "Chase Docman", "phase": "kick-off", "owner": "practice"}"#, allowed: [.practice, .commissioner, .deliveryPartner, .targetSupplier, .sourceSupplier]),
                .init(method: .POST, path: "/deadlines/links-switch-off/met", json: #"{"day": "2026-11-25"}"#, allowed: [.practice, .deliveryPartner]),
            ]

            // Act and check.
            for endpoint in endpoints {
                for role in Role.allCases {
                    let response = try await call.send(endpoint.method, journey.base + endpoint.path, as: world.token(role), json: endpoint.json, headers: endpoint.headers)
                    let label = "\(role) \(endpoint.method) \(endpoint.path): \(response.status) \(response.body.string.prefix(200))"
                    #expect(response.status.code < 500, "\(label)")
                    if !Self.insiders.contains(role) {
                        #expect(response.status == .notFound, "\(label)")
                    } else if endpoint.allowed.contains(role) {
                        #expect(response.status != .forbidden && response.status != .notFound, "\(label)")
                    } else {
                        #expect(response.status == .forbidden, "\(label)")
                        #expect(response.error.code == "forbidden", "\(label)")
                    }
                }
            }
        }
    }

    /// The same matrix through the web forms: every step the migration page can post, as
    /// every role. Outsiders get the not-found page, insiders without the right get 403,
    /// and those with it get past the access check.
    @Test func everyRoleEveryWebFormStep() async throws {
        try await withCutover { app, world in
            let call = Call(app: app)
            let id = try await world.createMigration(call)
            let journey = Journey(call: call, world: world, id: id)
            try await journey.procure()
            try await journey.step(.deliveryPartner, "/extract-requests", "{}")
            let sa = try await journey.item("scheduleAs") { $0["kind"] as? String == "target" }
            let extract = try await journey.item("extractRequests") { _ in true }
            let parties: Set<Role> = [.practice, .commissioner, .deliveryPartner, .targetSupplier, .sourceSupplier]
            let steps: [(fields: [(String, String)], allowed: Set<Role>)] = [
                ([("step", "approval"), ("fundingAmount", "1"), ("fundingSource", "ICB")], [.commissioner]),
                ([("step", "business-case-return"), ("reason", "Cost the retraining")], [.commissioner]),
                ([("step", "business-case"), ("drivers", "a"), ("considerations", "b"), ("strategicFit", "c")], [.practice]),
                ([("step", "provisional-go-live"), ("goLive", "2027-06-14")], [.practice, .commissioner, .deliveryPartner, .targetSupplier]),
                ([("step", "provisional-go-live"), ("goLive", "2027-06-21")], [.practice, .commissioner, .deliveryPartner]),
                ([("step", "registration")], [.deliveryPartner]),
                ([("step", "schedule-as"), ("kind", "target")], [.deliveryPartner]),
                ([("step", "commissioner-decision"), ("itemID", sa), ("decision", "accept")], [.commissioner]),
                ([("step", "supplier-decision"), ("itemID", sa), ("decision", "accept"), ("goLive", "2027-06-14")], [.targetSupplier]),
                ([("step", "confirmed-go-live"), ("itemID", sa), ("goLive", "2027-06-14")], [.targetSupplier]),
                ([("step", "extract-requests")], [.deliveryPartner]),
                ([("step", "form-sent"), ("itemID", extract)], [.sourceSupplier]),
                ([("step", "form-returned"), ("itemID", extract), ("dataProductionDays[]", "2027-05-19")], [.practice]),
                ([("step", "transfer-confirmed"), ("itemID", extract)], [.sourceSupplier, .targetSupplier, .deliveryPartner]),
                ([("step", "kick-off"), ("day", "2027-04-29")], [.practice, .deliveryPartner]),
                ([("step", "technical-survey"), ("day", "2027-05-04")], [.practice, .deliveryPartner]),
                ([("step", "milestone"), ("phase", "kick-off"), ("actualStart", "2026-11-20")], [.practice, .deliveryPartner, .targetSupplier]),
                ([("step", "sign-offs"), ("kind", "technical-requirements"), ("signerName", "H. Carter")], [.practice]),
                ([("step", "go-live"), ("day", "2026-11-25")], [.deliveryPartner, .targetSupplier]),
                ([("step", "end"), ("day", "2026-11-25")], [.deliveryPartner, .commissioner]),
                ([("step", "notices"), ("recipient", "EPS"), ("service", "eps")], [.practice, .deliveryPartner]),
                ([("step", "action-items"), ("title", "Chase Docman"), ("phase", "kick-off"), ("owner", "practice")], parties),
                ([("step", "deadline-met"), ("deadline", "links-switch-off"), ("day", "2026-11-25")], [.practice, .deliveryPartner]),
            ]
            var browsers: [Role: Browser] = [:]
            for role in Role.allCases { browsers[role] = try await Browser.signIn(role, app: app) }
            for (fields, allowed) in steps {
                for role in Role.allCases {
                    let response = try await browsers[role]!.post("/migrations/\(id)/steps", fields + [("formKey", "matrix")])
                    let label = "\(role) \(fields.map { "\($0.0)=\($0.1)" }.joined(separator: "&")): \(response.status)"
                    #expect(response.status.code < 500, "\(label)")
                    if !Self.insiders.contains(role) {
                        #expect(response.status == .notFound, "\(label)")
                    } else if allowed.contains(role) {
                        #expect(response.status != .forbidden && response.status != .notFound, "\(label)")
                    } else {
                        #expect(response.status == .forbidden, "\(label)")
                    }
                }
            }
        }
    }

    @Test func listsShowOnlyWhatEachRoleMaySee() async throws {
        try await withCutover { app, world in
            let call = Call(app: app)
            let ours = try await world.createMigration(call)
            let other = try await call.send(.POST, "/api/v1/migrations", as: world.token(.otherPractice), json: World.newMigrationJSON.replacingOccurrences(of: "A81001", with: "B82002").replacingOccurrences(of: #""submoduleCodes": ["10052-101"], "subsidiaryCodes": ["10046-001"],"#, with: ""))
            #expect(other.status == .created, "\(other.body.string)")
            let theirs = other.json["id"] as? String
            for role in Role.allCases {
                let items = try await call.send(.GET, "/api/v1/migrations", as: world.token(role)).json["items"] as? [[String: Any]] ?? []
                let ids = Set(items.compactMap { $0["id"] as? String })
                #expect(ids.contains(ours) == Self.insiders.contains(role), "\(role)")
                let seesTheirs = [.otherPractice, .otherCommissioner, .otherDeliveryPartner, .targetSupplier, .sourceSupplier, .national].contains(role)
                #expect(ids.contains(theirs ?? "") == seesTheirs, "\(role)")
                let portfolio = try await call.send(.GET, "/api/v1/portfolio", as: world.token(role)).json
                #expect(portfolio["total"] as? Int == ids.count, "\(role)")
            }
        }
    }

    @Test func suppliersSeeOnlyTheirPart() async throws {
        try await withCutover { app, world in
            let call = Call(app: app)
            let id = try await world.createMigration(call)
            let journey = Journey(call: call, world: world, id: id)
            try await journey.procure()
            let asSource = try await journey.migration(.sourceSupplier)
            #expect(asSource["businessCase"] == nil)
            #expect(asSource["notices"] == nil)
            let kinds = (asSource["scheduleAs"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String }
            #expect(kinds == ["decommission"])
            let asSubsidiary = try await journey.migration(.subsidiarySupplier)
            #expect((asSubsidiary["scheduleAs"] as? [Any])?.isEmpty == true)
            let asPractice = try await journey.migration(.practice)
            #expect((asPractice["scheduleAs"] as? [Any])?.count == 3)
            #expect(asPractice["businessCase"] != nil)
            let history = try await call.send(.GET, journey.base + "/history?per=100", as: world.token(.sourceSupplier)).json["items"] as? [[String: Any]] ?? []
            #expect(!history.isEmpty)
            #expect(history.allSatisfy { ($0["action"] as? String ?? "").hasPrefix("schedule-a") })
        }
    }

    @Test func usersListIsForAdministrators() async throws {
        try await withCutover { app, world in
            let call = Call(app: app)
            #expect(try await call.send(.GET, "/api/v1/users", as: world.token(.commissioner)).status == .forbidden)
            let national = try await call.send(.GET, "/api/v1/users", as: world.token(.national)).json
            #expect(national["total"] as? Int == Role.allCases.count)
            let practiceAdmin = try await call.send(.GET, "/api/v1/users", as: world.token(.practice)).json
            #expect(practiceAdmin["total"] as? Int == 1)
        }
    }
}
