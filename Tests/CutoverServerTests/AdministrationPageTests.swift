import Fluent
import Foundation
import MigrationKit
import Testing
import Vapor
import VaporTesting
@testable import CutoverServer

/// Administration in the browser: organisations and people added, a locked account
/// unlocked, each audited, and only by those `Administration` lets do it.
@Suite struct AdministrationPageTests {
    func organisation(_ code: String, _ app: Application) async throws -> CutoverServer.Organisation {
        try #require(try await CutoverServer.Organisation.query(on: app.db).filter(\.$code == code).first())
    }

    func audited(_ action: String, _ app: Application) async throws -> Int {
        try await AuditEvent.query(on: app.db).filter(\.$action == action).count()
    }

    @Test func aNationalAdministratorAddsAnOrganisationAndItsFirstPerson() async throws {
        try await withCutover { app, world in
            let national = try await Browser.signIn(.national, app: app)
            let page = try await national.get("/admin").body.string
            #expect(!page.contains("cutover user add"), "nothing tells anyone to use a shell")
            let bad = try await national.post("/admin/organisations", [("orgKind", "commissioner"), ("orgName", "West ICB"), ("orgCode", "QAA")])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("href=\"#orgCode\""))
            let added = try await national.post("/admin/organisations", [("orgKind", "commissioner"), ("orgName", "West ICB"), ("orgCode", "qcc")])
            #expect(added.status == .ok)
            let west = try await organisation("QCC", app)
            #expect(west.kind == .commissioner && west.name == "West ICB")
            #expect(try await audited("organisation.added", app) == 1)

            let person = try await national.post("/admin/users", [("name", "Ama Boateng"), ("email", "Ama@West.example"), ("organisation", west.id!.uuidString), ("role", "admin")])
            #expect(person.status == .ok)
            let html = person.body.string
            let password = try #require(html.range(of: "Their first password is ").map { String(html[$0.upperBound...].prefix(23)) })
            #expect(try await audited("user.added", app) == 1)
            // The first password signs them in.
            let token = try await Call(app: app).send(.POST, "/api/v1/auth/token", json: #"{"email": "ama@west.example", "password": "\#(password)"}"#)
            #expect(token.status == .created, "\(password)")
            // The same e-mail again is refused, naming the box.
            let again = try await national.post("/admin/users", [("name", "Ama"), ("email", "ama@west.example"), ("organisation", west.id!.uuidString), ("role", "member")])
            #expect(again.status == .unprocessableEntity)
            #expect(again.body.string.contains("href=\"#email\""))
            // A line break in an address (bound for links and mail headers) is refused too.
            for address in ["eve@west.example\r\nSet-Cookie:x", "eve@west.example\ttab"] {
                let broken = try await national.post("/admin/users", [("name", "Eve"), ("email", address), ("organisation", west.id!.uuidString), ("role", "member")])
                #expect(broken.status == .unprocessableEntity, "\(address.debugDescription)")
            }
        }
    }

    @Test func regionalAndPracticeAdministratorsAddPeopleOnlyWhereTheyLookAfter() async throws {
        try await withCutover { app, world in
            let icb = try await organisation("QAA", app)
            let ours = try await organisation("A81001", app)
            let theirs = try await organisation("B82002", app)
            // A regional administrator: an administrator of the ICB.
            _ = try await People.addUser(name: "ICB admin", email: "admin@icb.example", organisation: icb, role: .admin, passwordHash: "x",
                                         actor: { _ in Actor(userID: UUID(), organisationID: icb.id!, kind: .commissioner, role: .admin) }, services: app.cutover, on: app.db)
            let regional = try await Browser.signIn(email: "admin@icb.example", app: app)
            var page = try await regional.get("/admin").body.string
            #expect(page.contains("value=\"\(ours.id!.uuidString)\""), "its practice is offered")
            #expect(!page.contains("value=\"\(theirs.id!.uuidString)\""), "another ICB's practice is not")
            #expect(!page.contains("Add an organisation"))
            #expect(try await regional.post("/admin/users", [("name", "New GP"), ("email", "gp@a81001.example"), ("organisation", ours.id!.uuidString), ("role", "member")]).status == .ok)
            let refused = try await regional.post("/admin/users", [("name", "Stranger"), ("email", "x@b82002.example"), ("organisation", theirs.id!.uuidString), ("role", "member")])
            #expect(refused.status == .unprocessableEntity)
            #expect(try await User.query(on: app.db).filter(\.$email == "x@b82002.example").count() == 0)
            #expect(try await regional.post("/admin/organisations", [("orgKind", "practice"), ("orgName", "X"), ("orgCode", "X1")]).status == .forbidden)

            // A practice's administrator: their own practice only, and nothing to search.
            let practice = try await Browser.signIn(.practice, app: app)
            page = try await practice.get("/admin").body.string
            #expect(!page.contains("role=\"search\""))
            #expect(page.contains("value=\"\(ours.id!.uuidString)\"") && !page.contains("value=\"\(icb.id!.uuidString)\""))
            #expect(try await practice.post("/admin/users", [("name", "Y"), ("email", "y@icb.example"), ("organisation", icb.id!.uuidString), ("role", "member")]).status == .unprocessableEntity)
            // Members manage no one.
            #expect(try await Browser.signIn(.commissioner, app: app).get("/admin").status == .forbidden)
        }
    }

    @Test func aLockedAccountIsShownAndUnlockedByItsAdministrator() async throws {
        try await withCutover { app, world in
            let call = Call(app: app)
            for _ in 0..<5 {
                #expect(try await call.send(.POST, "/api/v1/auth/token", json: #"{"email": "practice@test.example", "password": "wrong"}"#).status == .unauthorized)
            }
            let right = #"{"email": "practice@test.example", "password": "correct horse battery"}"#
            #expect(try await call.send(.POST, "/api/v1/auth/token", json: right).status == .tooManyRequests)
            let user = try #require(try await User.query(on: app.db).filter(\.$email == "practice@test.example").first())

            // Not someone another organisation's administrator looks after.
            let stranger = try await organisation("B82002", app)
            _ = try await People.addUser(name: "Other admin", email: "admin@b82002.example", organisation: stranger, role: .admin, passwordHash: "x",
                                         actor: { _ in Actor(userID: UUID(), organisationID: stranger.id!, kind: .practice, role: .admin) }, services: app.cutover, on: app.db)
            let other = try await Browser.signIn(email: "admin@b82002.example", app: app)
            #expect(try await other.post("/admin/users/\(user.id!.uuidString)/unlock", []).status == .notFound)
            #expect(try await call.send(.POST, "/api/v1/auth/token", json: right).status == .tooManyRequests)

            let national = try await Browser.signIn(.national, app: app)
            let page = try await national.get("/admin").body.string
            #expect(page.contains("Unlock<span class=\"visually-hidden\"> practice@test.example</span>"))
            let unlocked = try await national.post("/admin/users/\(user.id!.uuidString)/unlock", [])
            #expect(unlocked.status == .seeOther)
            #expect(try await call.send(.POST, "/api/v1/auth/token", json: right).status == .created)
            #expect(try await audited("user.unlocked", app) == 1)
        }
    }

    /// A region of many practices: the page lists a short page of them and finds the rest,
    /// for the national administrator and, within its own practices, a regional one.
    @Test func manyPracticesAreFoundBySearchNotListedWhole() async throws {
        try await withCutover { app, world in
            let icb = try await organisation("QAA", app)
            let ours = try #require(try await Practice.query(on: app.db).filter(\.$odsCode == "A81001").first())
            var added: [CutoverServer.Organisation] = []
            for number in 0..<150 {
                let code = String(format: "Y%05d", number)
                let org = CutoverServer.Organisation(kind: .practice, name: "Moorside Surgery \(number)", code: code)
                try await org.create(on: app.db)
                try await Practice(odsCode: code, name: org.name, organisationID: org.id!, commissionerID: icb.id!, deliveryPartnerID: ours.$deliveryPartner.id, listSize: 4_000).create(on: app.db)
                added.append(org)
            }
            let wanted = added[137]
            let national = try await Browser.signIn(.national, app: app)
            var page = try await national.get("/admin").body.string
            #expect(page.contains("role=\"search\""))
            #expect(page.components(separatedBy: "data-label=\"ODS code\"").count - 1 == AdminPage.shortList)
            #expect(page.contains("Showing the first 100 of 15"), "the page says the list is cut short")
            #expect(!page.contains("value=\"\(wanted.id!.uuidString)\""), "not every practice is offered")
            #expect(page.contains("own organisations are not listed") && page.contains("data-label=\"Name\">EMIS Health<"))

            page = try await national.get("/admin?find=y00137").body.string
            #expect(page.components(separatedBy: "data-label=\"ODS code\"").count - 1 == 1)
            #expect(page.contains("<option value=\"\(wanted.id!.uuidString)\" selected>"), "the one practice found is offered, chosen")
            #expect(!page.contains("Moorside Surgery 42<") && !page.contains("data-label=\"Name\">EMIS Health<"), "the organisation list is the search's")
            #expect(try await national.get("/admin?find=%25").body.string.contains("No practices match your search."), "a % typed matches only a %")
            // Control characters are dropped: a NUL once made the search match everything.
            page = try await national.get("/admin?find=%00y00%0D%0A137%00").body.string
            #expect(page.components(separatedBy: "data-label=\"ODS code\"").count - 1 == 1, "a search with control characters finds what it names")

            // A practice not listed is still one the national administrator may add people to.
            #expect(try await national.post("/admin/users", [("name", "Ana"), ("email", "ana@y00042.example"), ("organisation", added[42].id!.uuidString), ("role", "member")]).status == .ok)

            // The ICB's administrator finds its own practices, and never another ICB's.
            _ = try await People.addUser(name: "ICB admin", email: "admin@icb.example", organisation: icb, role: .admin, passwordHash: "x",
                                         actor: { _ in Actor(userID: UUID(), organisationID: icb.id!, kind: .commissioner, role: .admin) }, services: app.cutover, on: app.db)
            let regional = try await Browser.signIn(email: "admin@icb.example", app: app)
            page = try await regional.get("/admin").body.string
            #expect(page.contains("value=\"\(icb.id!.uuidString)\"") && page.contains("Practices are listed when they match your search"))
            page = try await regional.get("/admin?find=y00137").body.string
            #expect(page.contains("value=\"\(wanted.id!.uuidString)\""))
            let theirs = try await organisation("B82002", app)
            page = try await regional.get("/admin?find=b82002").body.string
            #expect(!page.contains("value=\"\(theirs.id!.uuidString)\"") && page.contains("No practices match your search."))
        }
    }

    /// The page's practices are the API's (`PracticeScope`): a supplier's administrator sees
    /// every practice, as its API token does; a practice's its own.
    @Test func thePageListsThePracticesTheAPIDoes() async throws {
        try await withCutover { app, world in
            let supplier = try await organisation("10000", app)
            _ = try await People.addUser(name: "EMIS admin", email: "admin@emis.example", organisation: supplier, role: .admin, passwordHash: "x",
                                         actor: { _ in Actor(userID: UUID(), organisationID: supplier.id!, kind: .supplier, role: .admin) }, services: app.cutover, on: app.db)
            let all = try await Practice.query(on: app.db).count()
            let api = try await Call(app: app).send(.GET, "/api/v1/practices", as: world.token(.targetSupplier)).json["total"] as? Int
            #expect(api == all)
            let page = try await Browser.signIn(email: "admin@emis.example", app: app).get("/admin").body.string
            #expect(page.contains("Practices (\(all))"), "a supplier's administrator sees every practice")
            #expect(try await Browser.signIn(.practice, app: app).get("/admin").body.string.contains("Practices (1)"))
        }
    }
}
