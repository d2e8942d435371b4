import Foundation
import MigrationKit
import Testing
import Vapor
import SQLKit
import VaporTesting
@testable import CutoverServer

@Suite struct WorkflowAPITests {
    @Test func healthAndReadiness() async throws {
        try await withCutover { app, _ in
            let call = Call(app: app)
            #expect(try await call.send(.GET, "/healthz").status == .ok)
            let ready = try await call.send(.GET, "/readyz")
            #expect(ready.status == .ok)
            #expect(ready.json["status"] as? String == "ready")
            #expect(ready.headers.first(name: "X-Request-ID") != nil)
        }
    }

    @Test func aMigrationGoesFromBusinessCaseToEnd() async throws {
        try await withCutover { app, world in
            let call = Call(app: app)
            // Setup: the practice records its business case and preferred go-live.
            let id = try await world.createMigration(call)
            let journey = Journey(call: call, world: world, id: id)
            var migration = try await journey.migration()
            #expect(migration["status"] as? String == "proposed")
            #expect(migration["version"] as? Int == 1)
            #expect((migration["blackouts"] as? [[String: Any]])?.first?["reason"] as? String == "summer leave")

            // Act and check, step by step.
            try await journey.procure()
            migration = try await journey.migration()
            #expect(migration["status"] as? String == "registered")
            #expect(migration["confirmedGoLive"] as? String == "2027-06-14")
            #expect((migration["scheduleAs"] as? [[String: Any]])?.allSatisfy { $0["status"] as? String == "accepted" } == true)

            try await journey.extract()
            // Docman's data moves too.
            try await journey.step(.deliveryPartner, "/extract-requests", #"{"supplierId": "\#(world.organisations[.subsidiarySupplier]!)"}"#)
            let docman = try await journey.item("extractRequests") { $0["status"] as? String == "form-requested" }

            try await journey.step(.deliveryPartner, "/kick-off", #"{"day": "2027-04-29"}"#)
            try await journey.step(.practice, "/technical-survey", #"{"day": "2027-05-04"}"#)
            try await journey.step(.practice, "/sign-offs", #"{"kind": "technical-requirements", "signerName": "H. Carter"}"#)
            try await journey.step(.practice, "/notices", #"{"recipient": "EPS", "service": "eps"}"#)
            let notice = try await journey.item("notices") { $0["recipient"] as? String == "EPS" }
            try await journey.step(.practice, "/notices/\(notice)/sent", #"{"day": "2026-11-25"}"#)
            try await journey.step(.practice, "/deadlines/links-switch-off/met", #"{"day": "2026-11-25"}"#)
            try await journey.step(.deliveryPartner, "/milestones/decision-and-funding", #"{"actualStart": "2026-11-02", "actualEnd": "2026-11-20"}"#)
            try await journey.step(.practice, "/sign-offs", #"{"kind": "data-checking", "signerName": "Dr Khan"}"#)
            try await journey.step(.practice, "/sign-offs", #"{"kind": "go-live-data", "signerName": "Dr Khan"}"#)
            // Going live waits for every transfer, then for the confirmed day.
            var refused = try await journey.step(.targetSupplier, "/go-live", #"{"day": "2026-11-25"}"#, expect: .conflict)
            #expect(refused.error.message == "Advanced has not confirmed the data extract as transferred")
            try await journey.step(.subsidiarySupplier, "/extract-requests/\(docman)/form-sent")
            try await journey.step(.practice, "/extract-requests/\(docman)/form-returned", #"{"dataProductionDays": ["2027-05-19"]}"#)
            try await journey.step(.targetSupplier, "/extract-requests/\(docman)/transfer-confirmed")
            refused = try await journey.step(.targetSupplier, "/go-live", #"{"day": "2026-11-25"}"#, expect: .unprocessableEntity)
            #expect(refused.error.field == "day")
            #expect(refused.error.message == "the go-live was confirmed for Monday 14 June 2027; record it on that day or later")
            // The supplier brings the day forward to today (a test cannot wait until June).
            let target = try await journey.item("scheduleAs") { $0["kind"] as? String == "target" }
            try await journey.step(.targetSupplier, "/schedule-as/\(target)/confirmed-go-live", #"{"goLive": "2026-11-25"}"#)
            try await journey.step(.targetSupplier, "/go-live", #"{"day": "2026-11-25"}"#)
            migration = try await journey.migration()
            #expect(migration["status"] as? String == "live")
            #expect(migration["currentPhase"] as? String == "post-go-live")
            // The deployment survey: filled in by the practice, confirmed by the CSU (who keeps
            // the order records by default), which sets actual M1; only then can it end.
            try await journey.step(.practice, "/deployment-survey", #"{"goLive": "2026-11-25", "score": 6}"#, expect: .unprocessableEntity)
            try await journey.step(.practice, "/deployment-survey", #"{"goLive": "2026-11-25", "score": 5, "comments": "Went well"}"#)
            try await journey.step(.commissioner, "/end", #"{"day": "2026-11-25"}"#, expect: .conflict)
            try await journey.step(.commissioner, "/deployment-survey/decision", #"{"decision": "confirm"}"#, expect: .forbidden)
            try await journey.step(.deliveryPartner, "/deployment-survey/decision", #"{"decision": "confirm"}"#)
            // M2 by the commissioner; the old system's cease date no earlier than legacy support ends.
            try await journey.step(.deliveryPartner, "/service-stability", #"{"day": "2026-11-25"}"#, expect: .forbidden)
            try await journey.step(.commissioner, "/service-stability", #"{"day": "2026-11-25"}"#)
            let decommission = try await journey.item("scheduleAs") { $0["kind"] as? String == "decommission" }
            refused = try await journey.step(.deliveryPartner, "/schedule-as/\(decommission)/cease-date", #"{"day": "2026-12-01"}"#, expect: .unprocessableEntity)
            #expect(refused.error.field == "day")
            try await journey.step(.deliveryPartner, "/schedule-as/\(decommission)/cease-date", #"{"day": "2027-03-01"}"#)
            try await journey.step(.commissioner, "/end", #"{"day": "2026-11-25"}"#)

            migration = try await journey.migration()
            #expect(migration["status"] as? String == "completed")
            #expect(migration["currentPhase"] as? String == "end-of-migration")
            #expect((migration["signOffs"] as? [[String: Any]])?.count == 3)
            let survey = try #require(migration["deploymentSurvey"] as? [String: Any])
            #expect(survey["status"] as? String == "confirmed" && survey["score"] as? Int == 5 && survey["comments"] as? String == "Went well")
            let lines = try #require(migration["orderLines"] as? [[String: Any]])
            let newSystem = try #require(lines.first { ($0["product"] as? [String: Any])?["code"] as? String == "10052-002" })
            #expect(newSystem["m1Actual"] as? String == "2026-11-25" && newSystem["m2"] as? String == "2026-11-25")
            #expect(lines.contains { $0["cease"] as? String == "2027-03-01" })
            // The old system's supplier reads neither the survey nor the new system's line.
            let asSource = try await journey.migration(.sourceSupplier)
            #expect(asSource["deploymentSurvey"] == nil)
            #expect((asSource["orderLines"] as? [[String: Any]])?.map { ($0["product"] as? [String: Any])?["code"] as? String } == ["10000-001"])
            let asTarget = try await journey.migration(.targetSupplier)
            #expect((asTarget["deploymentSurvey"] as? [String: Any])?["score"] as? Int == 5)
            let history = try await call.send(.GET, "/api/v1/migrations/\(id)/history?per=100", as: world.token(.deliveryPartner)).json
            let actions = (history["items"] as? [[String: Any]] ?? []).compactMap { $0["action"] as? String }
            #expect(actions.contains("migration.created"))
            #expect(actions.contains("schedule-a.supplier-accept"))
            #expect(actions.contains("migration.ended"))
            #expect(history["total"] as? Int == actions.count)
            #expect(migration["version"] as? Int == actions.count)
            // Each event made by someone names them.
            let made = (history["items"] as? [[String: Any]] ?? []).filter { $0["userId"] is String }
            #expect(!made.isEmpty && made.allSatisfy { ($0["userName"] as? String)?.isEmpty == false })
        }
    }

    @Test func confirmingAnotherDateReplansAndKeepsTheOldPlan() async throws {
        try await withCutover { app, world in
            let call = Call(app: app)
            let id = try await world.createMigration(call)
            let journey = Journey(call: call, world: world, id: id)
            try await journey.step(.commissioner, "/approval", #"{"fundingAmount": 1, "fundingSource": "ICB"}"#)
            try await journey.step(.deliveryPartner, "/registration", #"{}"#)
            try await journey.step(.deliveryPartner, "/schedule-as", #"{"kind": "target"}"#)
            let sid = try await journey.item("scheduleAs") { $0["kind"] as? String == "target" }
            try await journey.step(.commissioner, "/schedule-as/\(sid)/commissioner-decision", #"{"decision": "accept"}"#)
            // The supplier cannot take 14 June and offers two other days.
            try await journey.step(.targetSupplier, "/schedule-as/\(sid)/supplier-decision", #"{"decision": "accept", "proposedGoLives": ["2027-07-05", "2027-06-21"]}"#)
            var plan = try await call.send(.GET, "/api/v1/migrations/\(id)/plan", as: world.token(.practice)).json
            let ids = (plan["findings"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            #expect(ids.contains("go-live-not-confirmed"))
            #expect(ids.contains("decommission-schedule-a-missing"))
            try await journey.step(.targetSupplier, "/schedule-as/\(sid)/confirmed-go-live", #"{"goLive": "2027-06-21"}"#)
            plan = try await call.send(.GET, "/api/v1/migrations/\(id)/plan", as: world.token(.practice)).json
            #expect(plan["goLive"] as? String == "2027-06-21")
            let versions = try await call.send(.GET, "/api/v1/migrations/\(id)/plans", as: world.token(.practice)).json["items"] as? [[String: Any]] ?? []
            #expect(versions.map { $0["goLive"] as? String } == ["2027-06-14", "2027-06-21"])
        }
    }

    @Test func stepsOutOfOrderAreRefusedWithAReason() async throws {
        try await withCutover { app, world in
            let call = Call(app: app)
            let id = try await world.createMigration(call)
            let journey = Journey(call: call, world: world, id: id)
            var response = try await journey.step(.deliveryPartner, "/registration", "{}", expect: .conflict)
            #expect(response.body.string.contains("approve the business case"))
            response = try await journey.step(.deliveryPartner, "/schedule-as", #"{"kind": "target"}"#, expect: .conflict)
            #expect(response.error.code == "conflict")
            try await journey.step(.commissioner, "/approval", #"{"fundingAmount": 1, "fundingSource": "ICB"}"#)
            try await journey.step(.commissioner, "/approval", #"{"fundingAmount": 1, "fundingSource": "ICB"}"#, expect: .conflict)
            try await journey.step(.deliveryPartner, "/registration", "{}")
            try await journey.step(.deliveryPartner, "/schedule-as", #"{"kind": "target"}"#)
            try await journey.step(.deliveryPartner, "/schedule-as", #"{"kind": "target"}"#, expect: .conflict)
            let sid = try await journey.item("scheduleAs") { $0["kind"] as? String == "target" }
            response = try await journey.step(.targetSupplier, "/schedule-as/\(sid)/supplier-decision", #"{"decision": "accept", "goLive": "2027-06-14"}"#, expect: .conflict)
            #expect(response.body.string.contains("commissioner must accept"))
            response = try await journey.step(.commissioner, "/schedule-as/\(sid)/commissioner-decision", #"{"decision": "reject"}"#, expect: .unprocessableEntity)
            #expect(response.error.field == "reason")
            try await journey.step(.practice, "/go-live", #"{"day": "2026-11-25"}"#, expect: .forbidden)
            response = try await journey.step(.deliveryPartner, "/go-live", #"{"day": "2026-11-25"}"#, expect: .conflict)
            #expect(response.body.string.contains("the new system's supplier must confirm the go-live date"))
            try await journey.step(.deliveryPartner, "/end", #"{"day": "2026-11-25"}"#, expect: .conflict)
        }
    }

    @Test func everyPartyAgreesToTheProvisionalGoLiveAndANewDateStartsAgain() async throws {
        try await withCutover { app, world in
            let call = Call(app: app)
            let journey = Journey(call: call, world: world, id: try await world.createMigration(call))
            func agreements() async throws -> (parties: [String], waiting: [String]) {
                let migration = try await journey.migration()
                let agreed = (migration["provisionalGoLiveAgreements"] as? [[String: Any]] ?? []).compactMap { $0["party"] as? String }
                return (agreed, migration["provisionalGoLiveWaitingFor"] as? [String] ?? [])
            }
            // The practice proposed 14 June when it started the migration.
            #expect(try await agreements().parties == ["practice"])
            #expect(try await agreements().waiting == ["commissioner", "delivery-partner", "target-supplier"])

            // Act: the commissioner agrees on its page; the others through the API.
            let commissioner = try await Browser.signIn(.commissioner, app: app)
            let page = try await commissioner.get("/migrations/\(journey.id)").body.string
            #expect(page.contains("Agree to the provisional go-live of Monday 14 June 2027"))
            #expect(page.contains("waiting for commissioner (ICB), delivery partner (CSU), new system supplier"))
            let agreed = try await commissioner.post("/migrations/\(journey.id)/steps", [("step", "provisional-go-live"), ("formKey", "provisional-go-live-2027-06-14"), ("version", "1"), ("goLive", "2027-06-14")])
            #expect(agreed.status == .seeOther, "\(agreed.body.string)")
            try await journey.step(.deliveryPartner, "/provisional-go-live", #"{"goLive": "2027-06-14"}"#)
            try await journey.step(.targetSupplier, "/provisional-go-live", #"{"goLive": "2027-06-14"}"#)

            // Check: the same day keeps its plan; agreeing twice, or to a day not proposed, is refused.
            #expect(try await agreements().parties == ["practice", "commissioner", "delivery-partner", "target-supplier"])
            #expect(try await agreements().waiting.isEmpty)
            #expect(try await journey.migration()["provisionalGoLive"] as? String == "2027-06-14")
            var refused = try await journey.step(.targetSupplier, "/provisional-go-live", #"{"goLive": "2027-06-14"}"#, expect: .conflict)
            #expect(refused.error.message == "the New system supplier has already agreed to Monday 14 June 2027")
            refused = try await journey.step(.targetSupplier, "/provisional-go-live", #"{"goLive": "2027-06-21"}"#, expect: .forbidden)
            #expect(refused.error.message == "only the Commissioner (ICB) or the Delivery partner (CSU) or the Practice may propose a provisional go-live date")

            // A new date from the delivery partner starts the agreement again.
            try await journey.step(.deliveryPartner, "/provisional-go-live", #"{"goLive": "2027-06-21"}"#)
            #expect(try await agreements().parties == ["delivery-partner"])
            let history = try await call.send(.GET, journey.base + "/history?per=100", as: world.token(.practice)).json["items"] as? [[String: Any]] ?? []
            #expect(history.compactMap { $0["action"] as? String }.prefix(4) == ["go-live.provisional", "go-live.provisional-agreed", "go-live.provisional-agreed", "go-live.provisional-agreed"])

            // Once the supplier confirms a day, a provisional one is refused.
            try await journey.procure()
            refused = try await journey.step(.practice, "/provisional-go-live", #"{"goLive": "2027-07-05"}"#, expect: .conflict)
            #expect(refused.error.message == "the new system's supplier confirmed the go-live for Monday 14 June 2027; a new date is agreed through its Schedule A")
            #expect(try await Browser.signIn(.practice, app: app).get("/migrations/\(journey.id)").body.string.contains("provisional-go-live") == false)
        }
    }

    @Test func addingAnItemAnswers201WithItsAddressAndStepsNeedNoBody() async throws {
        try await withCutover { app, world in
            let call = Call(app: app)
            let journey = Journey(call: call, world: world, id: try await world.createMigration(call))
            try await journey.step(.commissioner, "/approval", #"{"fundingAmount": 1, "fundingSource": "ICB"}"#)
            // Registration and an extract request have nothing required: no body at all.
            let registered = try await call.app.testing().sendRequest(.POST, journey.base + "/registration", headers: ["Authorization": "Bearer \(world.token(.deliveryPartner))"])
            #expect(registered.status == .ok, "\(registered.body.string)")

            for (path, json, list, role) in [("/schedule-as", #"{"kind": "target"}"#, "scheduleAs", World.Role.deliveryPartner),
                                             ("/extract-requests", nil, "extractRequests", .deliveryPartner),
                                             ("/notices", #"{"recipient": "EPS", "service": "eps"}"#, "notices", .practice),
                                             ("/action-items", #"{"title": "Chase Docman", "phase": "kick-off", "owner": "practice"}"#, "actionItems", .practice)] {
                let created = try await call.send(.POST, journey.base + path, as: world.token(role), json: json)
                #expect(created.status == .created, "\(path): \(created.body.string)")
                let id = try #require(created.json["id"] as? String, "\(path)")
                #expect(created.headers.first(name: .location) == journey.base + path + "/" + id.lowercased() || created.headers.first(name: .location) == journey.base + path + "/" + id)
                let migration = created.json["migration"] as? [String: Any]
                #expect((migration?[list] as? [[String: Any]])?.contains { $0["id"] as? String == id } == true, "\(path)")
                #expect(created.headers.first(name: .eTag) == "\"\(migration?["version"] as? Int ?? -1)-20261125\"")

                // The address answers with the item, as its reader may see it.
                let item = try await call.send(.GET, created.headers.first(name: .location) ?? "", as: world.token(.deliveryPartner))
                #expect(item.status == .ok, "\(path): \(item.body.string)")
                #expect(item.json["id"] as? String == id)
                #expect(try await call.send(.GET, journey.base + path + "/\(UUID())", as: world.token(.deliveryPartner)).status == .notFound)
            }
            // A supplier does not read a notice, even at its address.
            let notice = try await journey.item("notices") { _ in true }
            #expect(try await call.send(.GET, journey.base + "/notices/\(notice)", as: world.token(.targetSupplier)).status == .notFound)
            #expect(try await call.send(.GET, journey.base + "/notices/\(notice)", as: world.token(.otherPractice)).status == .notFound)
        }
    }

    @Test func thePlanSaysWhichDeadlinesAreMetAndWhen() async throws {
        try await withCutover { app, world in
            let call = Call(app: app)
            let journey = Journey(call: call, world: world, id: try await world.createMigration(call))
            try await journey.procure()
            try await journey.step(.practice, "/deadlines/links-switch-off/met", #"{"day": "2026-11-24"}"#)
            func deadlines(_ role: World.Role) async throws -> [String: [String: Any]] {
                let plan = try await call.send(.GET, journey.base + "/plan", as: world.token(role)).json
                return Dictionary(uniqueKeysWithValues: (plan["deadlines"] as? [[String: Any]] ?? []).map { ($0["id"] as! String, $0) })
            }
            let csu = try await deadlines(.deliveryPartner)
            #expect(csu["schedule-a-target"]?["done"] as? Bool == true)
            #expect(csu["schedule-a-target"]?["metOn"] as? String == "2026-11-25")
            #expect(csu["go-live-confirmed"]?["metOn"] as? String == "2026-11-25")
            #expect(csu["links-switch-off"]?["metOn"] as? String == "2026-11-24")
            #expect(csu["eps-notice"]?["done"] as? Bool == false)
            #expect(csu["eps-notice"]?["metOn"] == nil)
            // The old system's supplier is told only of its own deadlines.
            let emis = try await deadlines(.sourceSupplier)
            #expect(emis["schedule-a-target"]?["done"] as? Bool == false)
            #expect(emis["schedule-a-target"]?["metOn"] == nil)
            #expect(emis.values.allSatisfy { $0["metOn"] == nil })
            // The kept deadline rows, which reminders read, are told too.
            let kept = try await (app.db as! any SQLDatabase).raw("""
                SELECT kind, done FROM deadlines WHERE migration_id = \(bind: try #require(UUID(uuidString: journey.id)))
                """).all()
            let done = Dictionary(uniqueKeysWithValues: try kept.map { (try $0.decode(column: "kind", as: String.self), try $0.decode(column: "done", as: Bool.self)) })
            #expect(done["links-switch-off"] == true)
            #expect(done["eps-notice"] == false)
        }
    }

    /// An action item goes from open to done or cancelled, and back to open; nothing else.
    @Test func actionItemsMoveOnlyAlongTheirPath() async throws {
        try await withCutover { app, world in
            let call = Call(app: app)
            let journey = Journey(call: call, world: world, id: try await world.createMigration(call))
            try await journey.step(.practice, "/action-items", #"{"title": "Order scanners", "phase": "kick-off", "owner": "practice"}"#)
            let item = try await journey.item("actionItems") { _ in true }
            try await journey.step(.practice, "/action-items/\(item)", #"{"status": "open"}"#, expect: .conflict)
            try await journey.step(.practice, "/action-items/\(item)", #"{"status": "done"}"#)
            let skipped = try await call.send(.POST, journey.base + "/action-items/\(item)", as: world.token(.practice), json: #"{"status": "cancelled"}"#)
            #expect(skipped.status == .conflict)
            #expect(skipped.body.string.contains("open it again first"))
            try await journey.step(.practice, "/action-items/\(item)", #"{"status": "open"}"#)
            try await journey.step(.practice, "/action-items/\(item)", #"{"status": "cancelled"}"#)
        }
    }

    /// Docman's supplier (21 days' notice) has its own extract request deadline beside the
    /// old system's (35 days), met by its own request and markable by its own id.
    @Test func eachSupplierWhoseDataMovesHasItsOwnExtractDeadline() async throws {
        try await withCutover { app, world in
            let call = Call(app: app)
            let journey = Journey(call: call, world: world, id: try await world.createMigration(call))
            try await journey.procure()
            let docman = world.organisations[.subsidiarySupplier]!.uuidString.lowercased()
            func extractDeadlines() async throws -> [String: [String: Any]] {
                let plan = try await call.send(.GET, journey.base + "/plan", as: world.token(.deliveryPartner))
                #expect(plan.status == .ok, "\(plan.body.string)")
                let all = plan.json["deadlines"] as? [[String: Any]] ?? []
                return Dictionary(uniqueKeysWithValues: all.filter { ($0["id"] as! String).hasPrefix("data-extract-request") }.map { ($0["id"] as! String, $0) })
            }
            // Go-live 14 June 2027: initial data production 19 May; 35 days before is 14
            // April, 21 days before is 28 April.
            var deadlines = try await extractDeadlines()
            #expect(deadlines.keys.sorted() == ["data-extract-request", "data-extract-request-\(docman)"])
            #expect(deadlines["data-extract-request"]?["due"] as? String == "2027-04-14")
            #expect(deadlines["data-extract-request-\(docman)"]?["due"] as? String == "2027-04-28")
            #expect(deadlines["data-extract-request-\(docman)"]?["title"] as? String == "Send the data extract request to Advanced")

            try await journey.step(.deliveryPartner, "/extract-requests", #"{"supplierId": "\#(docman)"}"#)
            deadlines = try await extractDeadlines()
            #expect(deadlines["data-extract-request-\(docman)"]?["done"] as? Bool == true)
            #expect(deadlines["data-extract-request"]?["done"] as? Bool == false, "asking Docman's supplier does not ask EMIS")

            // Met by the request, never by hand; a supplier whose data does not move has none.
            try await journey.step(.deliveryPartner, "/deadlines/data-extract-request/met", #"{"day": "2026-11-24"}"#, expect: .conflict)
            try await journey.step(.deliveryPartner, "/deadlines/data-extract-request-\(UUID().uuidString.lowercased())/met",
                                   #"{"day": "2026-11-24"}"#, expect: .notFound)
        }
    }

    @Test func withoutAGoLiveThePlanIsForTheEarliestOne() async throws {
        try await withCutover { app, world in
            let call = Call(app: app)
            let json = World.newMigrationJSON.replacingOccurrences(of: #""provisionalGoLive": "2027-06-14", "#, with: "")
            let id = try await world.createMigration(call, json: json)
            let plan = try await call.send(.GET, "/api/v1/migrations/\(id)/plan", as: world.token(.practice))
            #expect(plan.status == .ok, "\(plan.body.string)")
            #expect(plan.json["goLive"] as? String != nil)
            #expect(plan.json["goLive"] as? String == plan.json["earliestFeasibleGoLive"] as? String)
            #expect(plan.json["feasible"] as? Bool == true)
        }
    }

    @Test func aPracticeHasOneMigrationUnderWayAtATime() async throws {
        try await withCutover { app, world in
            let call = Call(app: app)
            _ = try await world.createMigration(call)
            let second = try await call.send(.POST, "/api/v1/migrations", as: world.token(.practice), json: World.newMigrationJSON)
            #expect(second.status == .conflict)
            #expect(second.error.code == "conflict")
            #expect(try await call.send(.GET, "/api/v1/migrations", as: world.token(.practice)).json["total"] as? Int == 1)
        }
    }

    /// An item of another migration is not found, whatever state this migration is in: an
    /// ended migration answered "ended" (409) for another's item, which told the caller that
    /// it was looking in the right place.
    @Test func anotherMigrationsItemIsNotFoundEvenOnAnEndedMigration() async throws {
        try await withCutover { app, world in
            let call = Call(app: app)
            let mine = Journey(call: call, world: world, id: try await world.createMigration(call))
            let othersJSON = World.newMigrationJSON.replacingOccurrences(of: "A81001", with: "B82002")
            let created = try await call.send(.POST, "/api/v1/migrations", as: world.token(.otherPractice), json: othersJSON)
            #expect(created.status == .created, "\(created.body.string)")
            let other = Journey(call: call, world: world, id: try #require(created.json["id"] as? String))
            try await other.step(.otherPractice, "/notices", #"{"recipient": "EPS", "service": "eps"}"#)
            try await other.step(.otherPractice, "/action-items", #"{"title": "Order scanners", "phase": "kick-off", "owner": "practice"}"#)
            let othersNotice = try await other.item("notices", role: .otherPractice) { _ in true }
            let othersItem = try await other.item("actionItems", role: .otherPractice) { _ in true }
            try await mine.step(.practice, "/action-items", #"{"title": "Order scanners", "phase": "kick-off", "owner": "practice"}"#)
            let myItem = try await mine.item("actionItems") { _ in true }

            try await mine.procure()
            try await mine.readyToGoLiveToday()
            try await mine.step(.targetSupplier, "/go-live", #"{"day": "2026-11-25"}"#)
            try await mine.step(.practice, "/deployment-survey", #"{"goLive": "2026-11-25", "score": 4}"#)
            try await mine.step(.deliveryPartner, "/deployment-survey/decision", #"{"decision": "confirm"}"#)
            try await mine.step(.deliveryPartner, "/end", #"{"day": "2026-11-25"}"#)
            try await mine.step(.practice, "/action-items/\(othersItem)", #"{"status": "done"}"#, expect: .notFound)
            try await mine.step(.practice, "/notices/\(othersNotice)/sent", #"{"day": "2026-11-25"}"#, expect: .notFound)
            try await mine.step(.practice, "/action-items/\(myItem)", #"{"status": "done"}"#, expect: .conflict)
        }
    }

    /// The commissioner returns a business case with a reason instead of approving it; the
    /// practice revises it; then it can be approved. Suppliers never read the reason.
    @Test func aReturnedBusinessCaseIsRevisedBeforeItIsApproved() async throws {
        try await withCutover { app, world in
            let call = Call(app: app)
            let journey = Journey(call: call, world: world, id: try await world.createMigration(call))
            let approval = #"{"fundingAmount": 18500, "fundingSource": "ICB capital"}"#
            let revision = #"{"drivers": "Shared records", "considerations": "Retraining costs £6,000", "strategicFit": "One system per PCN"}"#
            try await journey.step(.practice, "/business-case", revision, expect: .conflict)
            var refused = try await journey.step(.commissioner, "/business-case/return", #"{"reason": "  "}"#, expect: .unprocessableEntity)
            #expect(refused.error.field == "reason")
            try await journey.step(.commissioner, "/business-case/return", #"{"reason": "Cost the retraining"}"#)
            var migration = try await journey.migration(.commissioner)
            let returned = migration["businessCaseReturned"] as? [String: Any]
            #expect(returned?["reason"] as? String == "Cost the retraining")
            #expect(returned?["returnedOn"] as? String == "2026-11-25")
            #expect(try await journey.migration(.targetSupplier)["businessCaseReturned"] == nil)

            try await journey.step(.commissioner, "/approval", approval, expect: .conflict)
            try await journey.step(.commissioner, "/business-case/return", #"{"reason": "Again"}"#, expect: .conflict)
            refused = try await journey.step(.practice, "/business-case", #"{"drivers": "", "considerations": "b", "strategicFit": "c"}"#, expect: .unprocessableEntity)
            #expect(refused.error.field == "drivers")
            try await journey.step(.practice, "/business-case", revision)
            migration = try await journey.migration(.commissioner)
            #expect(migration["businessCaseReturned"] == nil)
            #expect((migration["businessCase"] as? [String: Any])?["considerations"] as? String == "Retraining costs £6,000")
            try await journey.step(.commissioner, "/approval", approval)
            try await journey.step(.commissioner, "/business-case/return", #"{"reason": "Too late"}"#, expect: .conflict)
        }
    }
}
