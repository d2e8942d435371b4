import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CutoverServer

/// The defects found from outside ("Prove it holds"), each reproduced through the server's
/// real interface, and the hardening around them.
@Suite struct HardeningTests {
    @Test func aHugePageNumberIsRefusedNotATrap() async throws {
        try await withCutover { app, world in
            let call = Call(app: app)
            let id = try await world.createMigration(call)
            for path in ["/api/v1/practices", "/api/v1/organisations", "/api/v1/users", "/api/v1/migrations", "/api/v1/migrations/\(id)/history"] {
                let response = try await call.send(.GET, path + "?page=9223372036854775807", as: world.token(.national))
                #expect(response.status == .unprocessableEntity, "\(path): \(response.body.string)")
                #expect(response.error.field == "page", "\(path)")
            }
            #expect(try await call.send(.GET, "/api/v1/migrations?page=100000", as: world.token(.national)).status == .ok)
        }
    }

    /// Organisations come a page at a time (a region's practices are each one), every one once.
    @Test func organisationsArePaged() async throws {
        try await withCutover { app, world in
            let call = Call(app: app)
            let total = try await Organisation.query(on: app.db).count()
            var seen: [String] = []
            for page in 1...((total + 1) / 2) {
                let json = try await call.send(.GET, "/api/v1/organisations?per=2&page=\(page)", as: world.token(.national)).json
                #expect(json["total"] as? Int == total)
                seen += (json["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            }
            #expect(total > 4 && seen.count == total && Set(seen).count == total, "\(seen.count) of \(total)")
        }
    }

    @Test func kickOffAndSurveyOnTheSameDayArePlanned() async throws {
        try await withCutover { app, world in
            let call = Call(app: app)
            let journey = Journey(call: call, world: world, id: try await world.createMigration(call))
            try await journey.procure()
            try await journey.step(.deliveryPartner, "/kick-off", #"{"day": "2027-04-29"}"#)
            try await journey.step(.deliveryPartner, "/technical-survey", #"{"day": "2027-04-29"}"#)
            #expect(try await call.send(.GET, journey.base, as: world.token(.practice)).status == .ok)
            #expect(try await call.send(.GET, journey.base + "/plan", as: world.token(.practice)).status == .ok)
            // A process with no days between them, asked for when the migration is edited.
            let etag = try await call.send(.GET, journey.base, as: world.token(.practice)).headers.first(name: .eTag)!
            let edited = try await call.send(.PATCH, journey.base, as: world.token(.practice), json: #"{"overrides": {"kickOffToSurveyDays": 0}}"#, headers: [("If-Match", etag)])
            #expect(edited.status == .ok, "\(edited.body.string)")
            #expect(try await call.send(.GET, journey.base + "/plan", as: world.token(.practice)).status == .ok)
        }
    }

    @Test func signInSendsPeopleOnlyToPathsOnThisSite() async throws {
        try await withCutover { app, _ in
            let cases: [(String, String)] = [
                ("/%0D%0ASet-Cookie:%20stolen=1", "/"),
                ("/%09/evil.example", "/"),
                ("//evil.example", "/"),
                ("/%5Cevil.example", "/"),
                ("https://evil.example/", "/"),
                ("/portfolio?status=live", "/portfolio?status=live"),
            ]
            for (next, expected) in cases {
                let response = try await WebSignIn(app: app).attempt(email: "practice@test.example", password: "correct horse battery", next: next)
                #expect(response.status == .seeOther, "\(next)")
                #expect(response.headers.first(name: .location) == expected, "\(next)")
                #expect(!response.headers.contains(name: "stolen"), "\(next)")
                #expect(response.headers.setCookie?["stolen"] == nil, "\(next)")
            }
        }
    }

    @Test func suppliersNeverReadTheBusinessCaseInTheHistory() async throws {
        try await withCutover { app, world in
            let call = Call(app: app)
            let journey = Journey(call: call, world: world, id: try await world.createMigration(call))
            try await journey.procure()
            let etag = try await call.send(.GET, journey.base, as: world.token(.practice)).headers.first(name: .eTag)!
            let edited = try await call.send(.PATCH, journey.base, as: world.token(.practice), json: #"{"blackouts": [{"start": "2027-03-01", "end": "2027-03-05", "reason": "secret refit"}]}"#, headers: [("If-Match", etag)])
            #expect(edited.status == .ok)
            try await journey.readyToGoLiveToday()
            try await journey.step(.targetSupplier, "/go-live", #"{"day": "2026-11-25"}"#)
            for role: World.Role in [.targetSupplier, .sourceSupplier, .subsidiarySupplier] {
                let history = try await call.send(.GET, journey.base + "/history?per=100", as: world.token(role))
                #expect(history.status == .ok)
                let text = history.body.string
                for secret in ["Shared records", "Retraining", "neighbourhood", "secret refit", "businessCase", "blackouts", "ICB capital"] {
                    #expect(!text.contains(secret), "\(role) reads \(secret) in \(text)")
                }
                let page = try await Browser.signIn(role, app: app).get("/migrations/\(journey.id)")
                #expect(!page.body.string.contains("secret refit"), "\(role)")
            }
            // The supplier still sees its own step, with the dates.
            let own = try await call.send(.GET, journey.base + "/history", as: world.token(.targetSupplier)).json["items"] as? [[String: Any]] ?? []
            let goLive = own.first { $0["action"] as? String == "go-live.recorded" }
            #expect((goLive?["after"] as? [String: Any])?["actualGoLive"] as? String == "2026-11-25")
            // Those who see the whole migration read every event, in version order.
            let whole = try await call.send(.GET, journey.base + "/history?per=100", as: world.token(.commissioner)).json["items"] as? [[String: Any]] ?? []
            #expect(whole.count > 20)
            #expect(whole.compactMap { $0["version"] as? Int } == Array((1...whole.count).reversed()))
        }
    }

    @Test func fiveWrongPasswordsLockEveryDoor() async throws {
        try await withCutover { (app: Application, _: World) async throws in
            let call = Call(app: app)
            let web = WebSignIn(app: app)
            // Five wrong through the API lock the sign-in page, even with the right password.
            for _ in 0..<5 {
                #expect(try await call.send(.POST, "/api/v1/auth/token", json: #"{"email": "practice@test.example", "password": "wrong"}"#).status == .unauthorized)
            }
            #expect(try await web.attempt(email: "practice@test.example", password: "correct horse battery").status == .tooManyRequests)
            // And the other way round, for another account.
            for _ in 0..<5 {
                #expect(try await web.attempt(email: "commissioner@test.example", password: "wrong").status == .unauthorized)
            }
            #expect(try await call.send(.POST, "/api/v1/auth/token", json: #"{"email": "commissioner@test.example", "password": "correct horse battery"}"#).status == .tooManyRequests)
            // Other accounts are not locked by them.
            #expect(try await call.send(.POST, "/api/v1/auth/token", json: #"{"email": "national@test.example", "password": "correct horse battery"}"#).status == .created)
            // Failures are counted in the database, where every instance sees them.
            #expect(try await SignInFailure.query(on: app.db).count() == 10)
        }
    }

    @Test func oneAddressTryingManyAccountsIsSlowedToo() async throws {
        try await withCutover { (app: Application, _: World) async throws in
            let call = Call(app: app)
            for index in 0..<SignIn.addressLimit {
                #expect(try await call.send(.POST, "/api/v1/auth/token", json: #"{"email": "guess\#(index)@test.example", "password": "x"}"#).status == .unauthorized)
            }
            #expect(try await call.send(.POST, "/api/v1/auth/token", json: #"{"email": "practice@test.example", "password": "correct horse battery"}"#).status == .tooManyRequests)
        }
    }

    @Test func signInsTokensAndStepsTogetherNeverFindTheDatabaseLocked() async throws {
        try await withCutover(sqliteFile: true) { app, world in
            let call = Call(app: app)
            let id = try await world.createMigration(call)
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for index in 0..<24 {
                    group.addTask {
                        switch index % 3 {
                        case 0: try await call.send(.POST, "/api/v1/auth/token", json: #"{"email": "deliverypartner@test.example", "password": "correct horse battery"}"#).status
                        case 1: try await WebSignIn(app: app).attempt(email: "practice@test.example", password: "correct horse battery").status
                        default: try await call.send(.POST, "/api/v1/migrations/\(id)/action-items", as: world.token(.practice), json: #"{"title": "Item \#(index)", "phase": "kick-off", "owner": "practice"}"#).status
                        }
                    }
                }
                return try await group.reduce(into: [HTTPStatus]()) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { [.ok, .created, .seeOther].contains($0) }, "\(statuses)")
            let items = try await call.send(.GET, "/api/v1/migrations/\(id)", as: world.token(.practice)).json["actionItems"] as? [[String: Any]] ?? []
            #expect(items.count == 8)
        }
    }

    @Test func stepsWithoutIfMatchAreRetriedNotRefused() async throws {
        try await withCutover { app, world in
            let call = Call(app: app)
            let id = try await world.createMigration(call)
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for index in 0..<12 {
                    group.addTask {
                        try await call.send(.POST, "/api/v1/migrations/\(id)/action-items", as: world.token(index.isMultiple(of: 2) ? .practice : .deliveryPartner),
                                            json: #"{"title": "Race \#(index)", "phase": "kick-off", "owner": "practice"}"#).status
                    }
                }
                return try await group.reduce(into: [HTTPStatus]()) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == .created }, "\(statuses)")
            let migration = try await call.send(.GET, "/api/v1/migrations/\(id)", as: world.token(.practice)).json
            #expect((migration["actionItems"] as? [[String: Any]])?.count == 12)
            #expect(migration["version"] as? Int == 13)
        }
    }

    @Test func datesOutsideTheirBoundsAreRefusedByName() async throws {
        try await withCutover { app, world in
            let call = Call(app: app)
            let journey = Journey(call: call, world: world, id: try await world.createMigration(call))
            try await journey.step(.commissioner, "/approval", #"{"fundingAmount": 1, "fundingSource": "ICB"}"#)
            try await journey.step(.deliveryPartner, "/registration", "{}")
            try await journey.step(.deliveryPartner, "/schedule-as", #"{"kind": "target"}"#)
            let sa = try await journey.item("scheduleAs") { _ in true }
            try await journey.step(.commissioner, "/schedule-as/\(sa)/commissioner-decision", #"{"decision": "accept"}"#)
            let far = try await journey.step(.targetSupplier, "/schedule-as/\(sa)/supplier-decision", #"{"decision": "accept", "goLive": "9999-12-31"}"#, expect: .unprocessableEntity)
            #expect(far.error.field == "goLive")
            try await journey.step(.targetSupplier, "/schedule-as/\(sa)/supplier-decision", #"{"decision": "accept", "proposedGoLives": ["2027-06-14", "9999-01-04"]}"#, expect: .unprocessableEntity)
            let old = try await journey.step(.practice, "/deadlines/links-switch-off/met", #"{"day": "0415-02-10"}"#, expect: .unprocessableEntity)
            #expect(old.error.field == "day")
            try await journey.step(.practice, "/provisional-go-live", #"{"goLive": "2099-06-15"}"#, expect: .unprocessableEntity)
            try await journey.step(.practice, "/action-items", #"{"title": "x", "phase": "kick-off", "owner": "practice", "due": "0001-01-01"}"#, expect: .unprocessableEntity)
            let etag = try await call.send(.GET, journey.base, as: world.token(.practice)).headers.first(name: .eTag)!
            let blackout = try await call.send(.PATCH, journey.base, as: world.token(.practice), json: #"{"blackouts": [{"start": "9999-01-01", "end": "9999-01-02"}]}"#, headers: [("If-Match", etag)])
            #expect(blackout.status == .unprocessableEntity)
            #expect(blackout.error.field == "blackouts[0].start")
        }
    }

    @Test func thePreviewKeepsTheSameLimitsAsTheAPI() async throws {
        try await withCutover { app, _ in
            let browser = try await Browser.signIn(.practice, app: app)
            let started = Date()
            let response = try await browser.post("/migrations/new", [
                ("intent", "preview"), ("practiceOdsCode", "A81001"), ("sourceProductCode", "10000-001"), ("targetProductCode", "10052-002"),
                ("businessCase.drivers", "d"), ("businessCase.considerations", "c"), ("businessCase.strategicFit", "s"),
                ("blackoutStart", "0001-01-01"), ("blackoutEnd", "9999-12-31"),
            ])
            #expect(response.status == .unprocessableEntity)
            #expect(response.body.string.contains("out of range"))
            #expect(Date().timeIntervalSince(started) < 5)
        }
    }

    @Test func answersCarryTheSecurityHeaders() async throws {
        try await withCutover { app, world in
            let call = Call(app: app)
            let page = try await Browser.signIn(.practice, app: app).get("/")
            let policy = try #require(page.headers.first(name: "Content-Security-Policy"))
            #expect(policy.contains("frame-ancestors 'none'"))
            #expect(!policy.contains("unsafe-inline"))
            #expect(page.headers.first(name: "X-Content-Type-Options") == "nosniff")
            #expect(page.headers.first(name: "Referrer-Policy") == "same-origin")
            let token = try await call.send(.POST, "/api/v1/auth/token", json: #"{"email": "practice@test.example", "password": "correct horse battery"}"#)
            #expect(token.headers.first(name: .cacheControl) == "no-store")
            #expect(try await call.send(.GET, "/api/v1/migrations", as: world.token(.practice)).headers.first(name: .cacheControl) == "no-store")
            let long = try await call.send(.GET, "/api/v1/migrations?status=" + String(repeating: "x", count: 9_000), as: world.token(.practice))
            #expect(long.status == .uriTooLong)
            #expect(long.error.code == "uri-too-long")
            #expect(try await call.send(.GET, "/" + String(repeating: "y", count: 9_000)).status == .uriTooLong, "a long path, with no query")
            #expect(try await call.send(.GET, "/api/v1/migrations?status=" + String(repeating: "x", count: 8_000), as: world.token(.practice)).status != .uriTooLong)
        }
    }

    @Test func aNewPasswordEndsEverySessionAndToken() async throws {
        try await withCutover { app, world in
            let call = Call(app: app)
            let other = try await Browser.signIn(.practice, app: app, csrf: "other-session")
            let browser = try await Browser.signIn(.practice, app: app)
            let wrong = try await browser.post("/account/password", [("current", "nope"), ("new", "a much longer password"), ("confirm", "a much longer password")])
            #expect(wrong.status == .unprocessableEntity)
            let changed = try await browser.post("/account/password", [("current", "correct horse battery"), ("new", "a much longer password"), ("confirm", "a much longer password")])
            #expect(changed.status == .seeOther)
            #expect(changed.headers.setCookie?[WebAuth.cookie] != nil)
            #expect(try await other.get("/").status == .seeOther)
            #expect(try await call.send(.GET, "/api/v1/migrations", as: world.token(.practice)).status == .unauthorized)
            #expect(try await call.send(.POST, "/api/v1/auth/token", json: #"{"email": "practice@test.example", "password": "a much longer password"}"#).status == .created)
        }
    }

    @Test func signingInCanEndEveryOtherSession() async throws {
        try await withCutover { app, _ in
            let earlier = try await Browser.signIn(.practice, app: app)
            #expect(try await earlier.get("/").status == .ok)
            let response = try await WebSignIn(app: app).attempt(email: "practice@test.example", password: "correct horse battery", everywhere: true)
            #expect(response.status == .seeOther)
            #expect(try await earlier.get("/").status == .seeOther)
            #expect(try await WebSession.query(on: app.db).count() == 1)
        }
    }

    @Test func suppliersDoNotLearnTheBlackoutsOrAnotherSuppliersOffer() async throws {
        try await withCutover { app, world in
            let call = Call(app: app)
            // Go-live on 2027-08-16, with the summer blackout in the critical window.
            let json = World.newMigrationJSON.replacingOccurrences(of: "2027-06-14", with: "2027-08-16")
            let journey = Journey(call: call, world: world, id: try await world.createMigration(call, json: json))
            try await journey.step(.commissioner, "/approval", #"{"fundingAmount": 1, "fundingSource": "ICB"}"#)
            try await journey.step(.deliveryPartner, "/registration", "{}")
            try await journey.step(.deliveryPartner, "/schedule-as", #"{"kind": "target"}"#)
            let sa = try await journey.item("scheduleAs") { _ in true }
            try await journey.step(.commissioner, "/schedule-as/\(sa)/commissioner-decision", #"{"decision": "accept"}"#)
            try await journey.step(.targetSupplier, "/schedule-as/\(sa)/supplier-decision", #"{"decision": "accept", "proposedGoLives": ["2027-09-13"]}"#)
            let csu = try await call.send(.GET, journey.base + "/plan", as: world.token(.deliveryPartner)).body.string
            #expect(csu.contains("summer leave") && csu.contains("13 Sep 2027"))
            for role: World.Role in [.sourceSupplier, .subsidiarySupplier] {
                let plan = try await call.send(.GET, journey.base + "/plan", as: world.token(role)).body.string
                #expect(!plan.contains("summer leave") && !plan.contains("13 Sep 2027"), "\(role): \(plan)")
                let page = try await Browser.signIn(role, app: app).get("/migrations/\(journey.id)").body.string
                #expect(!page.contains("summer leave") && !page.contains("13 Sep 2027"), "\(role)")
            }
            let own = try await call.send(.GET, journey.base + "/plan", as: world.token(.targetSupplier)).body.string
            #expect(own.contains("13 Sep 2027") && !own.contains("summer leave"))
        }
    }

    @Test func listsCarryEachMigrationsOwnStatusAsItsReaderSeesIt() async throws {
        try await withCutover { app, world in
            let call = Call(app: app)
            // The summer blackout falls in the critical window of a go-live on 16 August: a
            // critical finding only those who see the whole migration may read.
            let json = World.newMigrationJSON.replacingOccurrences(of: "2027-06-14", with: "2027-08-16")
            let id = try await world.createMigration(call, json: json)
            var seen: [World.Role: String] = [:]
            for role: World.Role in [.practice, .commissioner, .deliveryPartner, .targetSupplier, .sourceSupplier, .national] {
                let migration = try await call.send(.GET, "/api/v1/migrations/\(id)", as: world.token(role)).json
                let items = try await call.send(.GET, "/api/v1/migrations?per=100", as: world.token(role)).json["items"] as? [[String: Any]] ?? []
                let item = try #require(items.first { $0["id"] as? String == id }, "\(role)")
                #expect(item["rag"] as? String == migration["rag"] as? String, "\(role)")
                #expect(item["ragReason"] as? String == migration["ragReason"] as? String, "\(role)")
                seen[role] = "\(migration["rag"] ?? "") \(migration["ragReason"] ?? "")"
            }
            #expect(seen[.practice]?.hasPrefix("red ") == true, "\(seen)")
            #expect(seen[.practice]?.contains("summer leave") == true, "\(seen)")
            for role: World.Role in [.targetSupplier, .sourceSupplier] {
                #expect(seen[role]?.contains("summer leave") == false, "\(role) learns of the blackout from the status: \(seen)")
            }
            // The home page shows the same words.
            let home = try await Browser.signIn(.practice, app: app).get("/").body.string
            let reason = String(seen[.practice]!.dropFirst(4)).replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "'", with: "&#39;").replacingOccurrences(of: "\"", with: "&quot;")
            #expect(home.contains(reason), "\(seen)")
        }
    }

    @Test func formsAndBodiesThatCannotBeReadChangeNothing() async throws {
        try await withCutover { app, world in
            let call = Call(app: app)
            let id = try await world.createMigration(call)
            let browser = try await Browser.signIn(.practice, app: app)
            let big = try await browser.post("/migrations/\(id)/steps", [("step", "action-items"), ("title", String(repeating: "x", count: 70_000))])
            #expect(big.status == .payloadTooLarge)
            var headers: HTTPHeaders = ["Cookie": browser.cookie]
            headers.contentType = .urlEncodedForm
            var form = ByteBuffer(string: "csrf=\(browser.csrf)&step=action-items&formKey=action-items&phase=kick-off&owner=practice&title=")
            form.writeBytes([0xC3, 0x28, 0xFF])
            let invalid = try await app.testing().sendRequest(.POST, "/migrations/\(id)/steps", headers: headers, body: form)
            #expect(invalid.status == .badRequest)
            let escaped = ByteBuffer(string: "csrf=\(browser.csrf)&step=action-items&formKey=action-items&phase=kick-off&owner=practice&title=%C3%28%FF")
            #expect(try await app.testing().sendRequest(.POST, "/migrations/\(id)/steps", headers: headers, body: escaped).status == .badRequest)
            var json = HTTPHeaders()
            json.bearerAuthorization = BearerAuthorization(token: world.token(.practice))
            json.contentType = .json
            json.replaceOrAdd(name: .ifMatch, value: "\"1\"")
            var body = ByteBuffer(string: #"{"ignored": ""#)
            body.writeBytes([0xFF, 0xFE])
            body.writeString("\"}")
            #expect(try await app.testing().sendRequest(.PATCH, "/api/v1/migrations/\(id)", headers: json, body: body).status == .badRequest)
            let empty = try await call.send(.PATCH, "/api/v1/migrations/\(id)", as: world.token(.practice), json: "{}", headers: [("If-Match", "\"1\"")])
            #expect(empty.status == .unprocessableEntity)
            let migration = try await call.send(.GET, "/api/v1/migrations/\(id)", as: world.token(.practice)).json
            #expect(migration["version"] as? Int == 1)
            #expect((migration["actionItems"] as? [[String: Any]])?.isEmpty == true)
        }
    }
}

/// Signing in through the sign-in page, as a browser does: the form's token comes from
/// the page's cookie.
struct WebSignIn {
    let app: Application

    func attempt(email: String, password: String, next: String = "%2F", everywhere: Bool = false) async throws -> TestingHTTPResponse {
        let page = try await app.testing().sendRequest(.GET, "/sign-in")
        guard let csrf = page.headers.setCookie?[WebAuth.preSessionCookie]?.string else { throw TestFailure("no CSRF cookie") }
        var headers: HTTPHeaders = ["Cookie": "\(WebAuth.preSessionCookie)=\(csrf)"]
        headers.contentType = .urlEncodedForm
        let body = "csrf=\(csrf)&email=\(Browser.encode(email))&password=\(Browser.encode(password))&next=\(next)" + (everywhere ? "&everywhere=yes" : "")
        return try await app.testing().sendRequest(.POST, "/sign-in", headers: headers, body: ByteBuffer(string: body))
    }
}
