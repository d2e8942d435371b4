import Fluent
import Foundation
import MigrationKit
import Testing
import Vapor
import VaporTesting
@testable import CutoverServer

@Suite struct WebPageTests {
    typealias Role = World.Role

    /// Every page for every role: it renders, or it answers with the right error page.
    @Test func everyPageRendersForEveryRole() async throws {
        try await withCutover { app, world in
            let call = Call(app: app)
            let id = try await world.createMigration(call)
            try await Journey(call: call, world: world, id: id).procure()
            for role in Role.allCases {
                let browser = try await Browser.signIn(role, app: app)
                let insider = AccessMatrixTests.insiders.contains(role)
                let expectations: [(String, HTTPStatus)] = [
                    ("/", .ok),
                    ("/portfolio", [.commissioner, .otherCommissioner, .deliveryPartner, .otherDeliveryPartner, .national, .viewer].contains(role) ? .ok : .forbidden),
                    ("/portfolio?status=registered&sort=practice", [.commissioner, .otherCommissioner, .deliveryPartner, .otherDeliveryPartner, .national, .viewer].contains(role) ? .ok : .forbidden),
                    ("/migrations/new", [.practice, .otherPractice, .deliveryPartner, .otherDeliveryPartner].contains(role) ? .ok : .forbidden),
                    ("/admin", [.practice, .national].contains(role) ? .ok : .forbidden),
                    ("/migrations/\(id)", insider ? .ok : .notFound),
                    ("/migrations/\(id)/what-if?goLive=2027-07-05", insider ? .ok : .notFound),
                    ("/migrations/\(id)/print", insider ? .ok : .notFound),
                    ("/migrations/\(UUID())", .notFound),
                ]
                for (path, status) in expectations {
                    let response = try await browser.get(path)
                    #expect(response.status == status, "\(role) \(path): \(response.status)")
                    #expect(response.body.string.contains("<html lang=\"en-GB\">"), "\(role) \(path)")
                    #expect(response.body.string.contains("Skip to main content"), "\(role) \(path)")
                    #expect(!response.body.string.contains("Fatal") && !response.body.string.contains("LeafError"), "\(role) \(path)")
                }
            }
        }
    }

    /// The stylesheet is served to anyone; no other path is looked for on disk.
    @Test func theStylesheetIsServedAndNothingElseFromDisk() async throws {
        try await withCutover { app, _ in
            let call = Call(app: app)
            let css = try await call.send(.GET, "/cutover.css")
            #expect(css.status == .ok && css.headers.contentType == .css && css.body.string.contains("{"))
            for path in ["/cutover.css.bak", "/Public/cutover.css", "/../Views/home.leaf", "/api/v1/cutover.css"] {
                #expect(try await call.send(.GET, path).status != .ok, "\(path)")
            }
        }
    }

    @Test func signedOutVisitorsAreSentToSignIn() async throws {
        try await withCutover { app, _ in
            let response = try await app.testing().sendRequest(.GET, "/portfolio")
            #expect(response.status == .seeOther)
            #expect(response.headers.first(name: .location) == "/sign-in?next=/portfolio")
        }
    }

    @Test func signInSetsASafeNewSessionAndThrottles() async throws {
        try await withCutover { app, _ in
            let page = try await app.testing().sendRequest(.GET, "/sign-in")
            let csrfCookie = try #require(page.headers.setCookie?[WebAuth.preSessionCookie]?.string)
            #expect(page.body.string.contains("value=\"\(csrfCookie)\""))
            func attempt(_ password: String, csrf: String? = nil) async throws -> TestingHTTPResponse {
                var headers: HTTPHeaders = ["Cookie": "\(WebAuth.preSessionCookie)=\(csrfCookie)"]
                headers.contentType = .urlEncodedForm
                let body = "csrf=\(csrf ?? csrfCookie)&email=practice%40test.example&password=\(password)&next=%2Fportfolio"
                return try await app.testing().sendRequest(.POST, "/sign-in", headers: headers, body: ByteBuffer(string: body))
            }
            #expect(try await attempt("correct%20horse%20battery", csrf: "forged").status == .forbidden)
            let wrong = try await attempt("nope")
            #expect(wrong.status == .unauthorized)
            #expect(wrong.body.string.contains("The e-mail address or password is wrong."))
            #expect(wrong.body.string.contains("value=\"practice@test.example\""))
            let first = try await attempt("correct%20horse%20battery")
            #expect(first.status == .seeOther)
            #expect(first.headers.first(name: .location) == "/portfolio")
            let cookie = try #require(first.headers.setCookie?[WebAuth.cookie])
            #expect(cookie.isHTTPOnly)
            #expect(cookie.sameSite == .lax)
            let second = try await attempt("correct%20horse%20battery")
            #expect(second.headers.setCookie?[WebAuth.cookie]?.string != cookie.string)
            for _ in 0..<5 { _ = try await attempt("nope") }
            #expect(try await attempt("correct%20horse%20battery").status == .tooManyRequests)
        }
    }

    @Test func formsWithoutTheCSRFTokenAreRefused() async throws {
        try await withCutover { app, world in
            let call = Call(app: app)
            let id = try await world.createMigration(call)
            let browser = try await Browser.signIn(.commissioner, app: app)
            let fields = [("step", "approval"), ("formKey", "approval"), ("version", "1"), ("fundingAmount", "100"), ("fundingSource", "ICB")]
            let forged = try await browser.post("/migrations/\(id)/steps", fields, withCSRF: false)
            #expect(forged.status == .forbidden)
            #expect(forged.body.string.contains("This form has expired"))
            let wrongToken = try await browser.post("/migrations/\(id)/steps", [("csrf", "guess")] + fields, withCSRF: false)
            #expect(wrongToken.status == .forbidden)
            #expect(try await MigrationRecord.find(UUID(uuidString: id), on: app.db)?.status == .proposed)
            let real = try await browser.post("/migrations/\(id)/steps", fields)
            #expect(real.status == .seeOther)
            #expect(try await MigrationRecord.find(UUID(uuidString: id), on: app.db)?.status == .approved)
        }
    }

    @Test func validationErrorsKeepTheValuesAndLinkToTheField() async throws {
        try await withCutover { app, world in
            let id = try await world.createMigration(Call(app: app))
            let browser = try await Browser.signIn(.commissioner, app: app)
            let response = try await browser.post("/migrations/\(id)/steps", [("step", "approval"), ("formKey", "approval"), ("version", "1"), ("fundingAmount", "-5"), ("fundingSource", "ICB capital")])
            #expect(response.status == .unprocessableEntity)
            let html = response.body.string
            #expect(html.contains("There is a problem"))
            #expect(html.contains("href=\"#approval-fundingAmount\""))
            #expect(html.contains("id=\"approval-fundingAmount-error\""))
            #expect(html.contains("value=\"ICB capital\""))
            #expect(html.contains("value=\"-5\""))
            // Not a number at all: the same, naming the field.
            let words = try await browser.post("/migrations/\(id)/steps", [("step", "approval"), ("formKey", "approval"), ("version", "1"), ("fundingAmount", "lots"), ("fundingSource", "ICB capital")])
            #expect(words.status == .unprocessableEntity)
            #expect(words.body.string.contains("href=\"#approval-fundingAmount\""))
            #expect(words.body.string.contains("value=\"lots\""))
        }
    }

    /// The migration page is written in Swift (`HTML`): what people type comes back escaped,
    /// in an attribute's value as in the text.
    @Test func whatPeopleTypeIsEscapedInTextAndAttributes() async throws {
        try await withCutover { app, world in
            let hostile = #""><script>alert('x')</script>&"#
            let escaped = "&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;"
            let id = try await world.createMigration(Call(app: app))
            let commissioner = try await Browser.signIn(.commissioner, app: app)
            // A refused form comes back with the value typed, inside value="…".
            let refused = try await commissioner.post("/migrations/\(id)/steps", [("step", "approval"), ("formKey", "approval"), ("version", "1"), ("fundingAmount", "-5"), ("fundingSource", hostile)])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("value=\"\(escaped)\""))
            // An action item's title, in a table cell.
            try await Journey(call: Call(app: app), world: world, id: id)
                .step(.practice, "/action-items", #"{"title": "\"><script>alert('x')</script>&", "phase": "kick-off", "owner": "practice"}"#)
            let page = try await commissioner.get("/migrations/\(id)").body.string
            #expect(page.contains("<td data-label=\"What\">\(escaped)</td>"))
            for html in [refused.body.string, page] {
                #expect(!html.contains("<script>") && !html.contains("alert('x')"))
            }
        }
    }

    @Test func aStaleFormSaysSoAndShowsTheCurrentValues() async throws {
        try await withCutover { app, world in
            let call = Call(app: app)
            let id = try await world.createMigration(call)
            // Someone else moves the go-live through the API.
            _ = try await call.send(.POST, "/api/v1/migrations/\(id)/provisional-go-live", as: world.token(.deliveryPartner), json: #"{"goLive": "2027-07-05"}"#)
            let browser = try await Browser.signIn(.practice, app: app)
            let response = try await browser.post("/migrations/\(id)/steps", [("step", "provisional-go-live"), ("formKey", "provisional-go-live"), ("version", "1"), ("goLive", "2027-06-21")])
            #expect(response.status == .conflict)
            #expect(response.body.string.contains("Someone else changed this migration"))
            #expect(response.body.string.contains("Monday 5 July 2027"))
        }
    }

    @Test func foreignMigrationsAreNotFoundForPagesAndForms() async throws {
        try await withCutover { app, world in
            let id = try await world.createMigration(Call(app: app))
            let browser = try await Browser.signIn(.otherPractice, app: app)
            #expect(try await browser.get("/migrations/\(id)").status == .notFound)
            let post = try await browser.post("/migrations/\(id)/steps", [("step", "provisional-go-live"), ("version", "1"), ("goLive", "2027-06-21")])
            #expect(post.status == .notFound)
            #expect(post.body.string.contains("Page not found"))
        }
    }

    @Test func startingAMigrationPreviewsBeforeSaving() async throws {
        try await withCutover { app, _ in
            let browser = try await Browser.signIn(.practice, app: app)
            var fields = [("practiceOdsCode", "A81001"), ("sourceProductCode", "10000-001"), ("targetProductCode", "10052-002"), ("submoduleCodes[]", "10052-101"),
                          ("businessCase.drivers", "Shared records"), ("businessCase.considerations", "Training"), ("businessCase.strategicFit", "ICB plan"),
                          ("provisionalGoLive", ""), ("blackoutStart", "2027-03-01"), ("blackoutEnd", "2027-03-05"), ("blackoutReason", "Flu clinics")]
            let preview = try await browser.post("/migrations/new", fields + [("intent", "preview")])
            #expect(preview.status == .ok)
            #expect(preview.body.string.contains("The earliest go-live that can still be met is"))
            #expect(preview.body.string.contains("<svg"))
            #expect(try await MigrationRecord.query(on: app.db).count() == 0)
            // With Docman, the preview has the plan the migration will have: Advanced asked on its own notice.
            let withDocman = try await browser.post("/migrations/new", fields + [("subsidiaryCodes[]", "10046-001"), ("intent", "preview")])
            #expect(withDocman.body.string.contains("Send the data extract request to Advanced"))
            #expect(withDocman.body.string.contains("Send the data extract request to EMIS Health"))
            #expect(!preview.body.string.contains("Send the data extract request to Advanced"))
            fields[4] = ("businessCase.drivers", "")
            let invalid = try await browser.post("/migrations/new", fields + [("intent", "save")])
            #expect(invalid.status == .unprocessableEntity)
            #expect(invalid.body.string.contains("href=\"#field-businessCase-drivers\""))
            #expect(invalid.body.string.contains("Flu clinics"))
            fields[4] = ("businessCase.drivers", "Shared records")
            let saved = try await browser.post("/migrations/new", fields + [("intent", "save")])
            #expect(saved.status == .seeOther)
            #expect(try await MigrationRecord.query(on: app.db).count() == 1)
            // One migration at a time: the practice is now pointed to it, with no form to refuse.
            let id = try #require(try await MigrationRecord.query(on: app.db).first()?.id)
            let again = try await browser.get("/migrations/new")
            #expect(again.status == .ok)
            #expect(!again.body.string.contains("<form method=\"post\" action=\"/migrations/new\""))
            #expect(again.body.string.contains("href=\"/migrations/\(id)\">go to its migration</a>"))
            // The delivery partner is offered only practices with no migration under way.
            let partner = try await Browser.signIn(.deliveryPartner, app: app)
            let offered = try await partner.get("/migrations/new").body.string
            #expect(!offered.contains("<option value=\"A81001\""))
            #expect(offered.contains("href=\"/migrations/\(id)\">go to its migration</a>"))
        }
    }

    @Test func checklistTicksAreSavedForTheirParty() async throws {
        try await withCutover { app, world in
            let id = try await world.createMigration(Call(app: app))
            let practice = try await Browser.signIn(.practice, app: app)
            let item = "practice.decision-and-funding.write-business-case"
            let real = Checklists.items(for: .practice, in: .decisionAndFunding).first!.id
            #expect(try await practice.post("/migrations/\(id)/checklist", [("item", real), ("ticked", "true")]).status == .seeOther)
            #expect(try await ChecklistTick.query(on: app.db).count() == 1)
            #expect(try await practice.post("/migrations/\(id)/checklist", [("item", item + "-unknown"), ("ticked", "true")]).status == .badRequest)
            let commissioner = try await Browser.signIn(.commissioner, app: app)
            #expect(try await commissioner.post("/migrations/\(id)/checklist", [("item", real), ("ticked", "false")]).status == .forbidden)
            #expect(try await practice.post("/migrations/\(id)/checklist", [("item", real), ("ticked", "false")]).status == .seeOther)
            #expect(try await ChecklistTick.query(on: app.db).count() == 0)
        }
    }

    @Test func portfolioDownloadsAsCSV() async throws {
        try await withCutover { app, world in
            _ = try await world.createMigration(Call(app: app))
            let browser = try await Browser.signIn(.deliveryPartner, app: app)
            let response = try await browser.get("/portfolio.csv?status=proposed")
            #expect(response.status == .ok)
            #expect(response.headers.contentType?.subType == "csv")
            let lines = response.body.string.split(separator: "\r\n")
            #expect(lines.count == 2)
            #expect(lines[1].hasPrefix("A81001,Aire Valley Surgery,EMIS Web,SystmOne,Proposed"))
            #expect(PortfolioPage.csvField("=cmd()") == "'=cmd()")
            #expect(PortfolioPage.csvField("\tcmd") == "'\tcmd")
            #expect(PortfolioPage.csvField("\r\n=cmd()") == "\"'\r\n=cmd()\"")
            #expect(PortfolioPage.csvField("a, b") == "\"a, b\"")
        }
    }

    @Test func theHomePageAsksWhoeverTheRegionMakesRegister() async throws {
        let practiceRegisters = RegionSettings(registersMigration: .practice, callsOffScheduleAs: .deliveryPartner, requestsExtractForms: .deliveryPartner)
        try await withCutover(region: practiceRegisters) { app, world in
            let call = Call(app: app)
            let journey = Journey(call: call, world: world, id: try await world.createMigration(call))
            try await journey.step(.commissioner, "/approval", #"{"fundingAmount": 1, "fundingSource": "ICB"}"#)
            let practice = try await Browser.signIn(.practice, app: app).get("/").body.string
            #expect(practice.contains("Register the migration"))
            // By when: before the first Schedule A is due (go-live 14 June 2027: 22 February 2027).
            let aggregate = try #require(try await MigrationStore(app.db).load(UUID(uuidString: journey.id)!))
            let due = try #require(aggregate.state(today: app.cutover.today)?.plan.deadline(.scheduleATarget).due)
            #expect(practice.contains("Waiting for you: due \(due.page)"), "\(due.page)")
            let csu = try await Browser.signIn(.deliveryPartner, app: app).get("/").body.string
            #expect(!csu.contains("Register the migration"))
        }
    }

    /// Work waiting for a supplier names whose it is: the new system's supplier transfers
    /// every extract, so it is told which supplier's data it is moving.
    @Test func theHomePageSaysWhoseExtractIsWaiting() async throws {
        try await withCutover { app, world in
            let call = Call(app: app)
            let journey = Journey(call: call, world: world, id: try await world.createMigration(call))
            try await journey.procure()
            try await journey.step(.deliveryPartner, "/extract-requests", "{}")
            let eid = try await journey.item("extractRequests") { _ in true }
            try await journey.step(.sourceSupplier, "/extract-requests/\(eid)/form-sent")
            let practice = try await Browser.signIn(.practice, app: app).get("/").body.string
            #expect(practice.contains("Return EMIS Health&#39;s extract form with the data production dates") || practice.contains("Return EMIS Health's extract form with the data production dates"))
            try await journey.step(.practice, "/extract-requests/\(eid)/form-returned", #"{"dataProductionDays": ["2027-05-19", "2027-06-09"]}"#)
            let tpp = try await Browser.signIn(.targetSupplier, app: app).get("/").body.string
            #expect(tpp.contains("Transfer EMIS Health&#39;s extract and confirm it") || tpp.contains("Transfer EMIS Health's extract and confirm it"))
            #expect(!tpp.contains("extract form with the data production dates"))
        }
    }

    /// The page reads top to bottom as a user needs it: the summary, the warnings, the
    /// business case the commissioner is asked to decide on, the next steps, then the plan.
    /// The commissioner returns the case with a reason; the practice sees the reason beside
    /// the form to revise it; the revised case comes back to the commissioner.
    @Test func theCommissionerReadsTheBusinessCaseAndReturnsIt() async throws {
        try await withCutover { app, world in
            let id = try await world.createMigration(Call(app: app))
            let commissioner = try await Browser.signIn(.commissioner, app: app)
            var page = try await commissioner.get("/migrations/\(id)").body.string
            let order = ["<h1>", "Status</strong>", "id=\"business-case\"", "Shared records with community services",
                         "id=\"next-steps\"", "Approve the business case", "Return the business case", "id=\"plan\""]
            let positions = order.map { page.range(of: $0)?.lowerBound }
            #expect(!positions.contains(nil), "\(zip(order, positions).filter { $0.1 == nil }.map(\.0))")
            #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted(), "the page is in reading order")

            let blank = try await commissioner.post("/migrations/\(id)/steps", [("step", "business-case-return"), ("formKey", "business-case-return"), ("version", "1"), ("reason", " ")])
            #expect(blank.status == .unprocessableEntity)
            #expect(blank.body.string.contains("href=\"#business-case-return-reason\""))
            let returned = try await commissioner.post("/migrations/\(id)/steps", [("step", "business-case-return"), ("formKey", "business-case-return"), ("version", "1"), ("reason", "Cost the retraining of 20 staff")])
            #expect(returned.status == .seeOther, "\(returned.body.string)")
            page = try await commissioner.get("/migrations/\(id)").body.string
            #expect(page.contains("Returned to the practice on"))
            #expect(!page.contains("Approve the business case"), "nothing to approve until the practice revises it")

            let practice = try await Browser.signIn(.practice, app: app)
            page = try await practice.get("/migrations/\(id)").body.string
            #expect(page.contains("Revise the business case"))
            #expect(page.contains("The commissioner returned the case: Cost the retraining of 20 staff"))
            let revised = try await practice.post("/migrations/\(id)/steps", [("step", "business-case"), ("formKey", "business-case"), ("version", "2"),
                                                                               ("drivers", "Shared records"), ("considerations", "Retraining 20 staff costs £6,000"), ("strategicFit", "One system per PCN")])
            #expect(revised.status == .seeOther, "\(revised.body.string)")
            page = try await commissioner.get("/migrations/\(id)").body.string
            #expect(page.contains("Retraining 20 staff costs £6,000"))
            #expect(page.contains("Approve the business case"))
            #expect(page.contains("Revised the business case"), "the history says so")
        }
    }

    /// The print view: the plan, open deadlines with their owners, my checklist and who is
    /// who, with no navigation and no forms.
    @Test func thePrintViewHasThePlanAndNoForms() async throws {
        try await withCutover { app, world in
            let call = Call(app: app)
            let id = try await world.createMigration(call)
            try await Journey(call: call, world: world, id: id).procure()
            let page = try await Browser.signIn(.practice, app: app).get("/migrations/\(id)/print").body.string
            #expect(!page.contains("<form"))
            #expect(!page.contains("<nav"))
            for text in ["Aire Valley Surgery (A81001): migration plan", "Monday 14 June 2027", "1. Decision to migrate and funding",
                         "Deadlines still open", "Practice: Aire Valley Surgery", "Checklist for this phase: Practice", "North ICB (QAA)", "TPP"] {
                #expect(page.contains(text), "\(text)")
            }
        }
    }

    /// The timeline can be read without hovering: months named with their year, a key, the
    /// go-live and today labelled, done phases marked as done.
    @Test func theTimelineIsLabelled() async throws {
        try await withCutover { app, world in
            let call = Call(app: app)
            let id = try await world.createMigration(call)
            let journey = Journey(call: call, world: world, id: id)
            try await journey.procure()
            try await journey.step(.practice, "/milestones/procurement", #"{"actualStart": "2026-11-02", "actualEnd": "2026-11-20"}"#)
            let page = try await Browser.signIn(.practice, app: app).get("/migrations/\(id)").body.string
            for text in [">Jan 2027</text>", ">Jun 2027</text>", ">Go-live Mon 14 Jun 2027</text>", ">Today</text>", "aria-label=\"Key to the chart\"",
                         "1. Decision to migrate and funding (done)", "2. Procurement (done)", "class=\"bar done\""] {
                #expect(page.contains(text), "\(text)")
            }
            #expect(!page.contains("3. Kick-off meeting (done)"))
            #expect(!page.contains(">Oct 26<"), "no month reads as a day")
        }
    }

    /// What-if compares in one table; phases done and deadlines met stay put; the earliest
    /// go-live counts met deadlines as behind the migration, so it is never after a current
    /// date that can still be met; a confirmed go-live is not overwritten from here.
    @Test func whatIfShowsWhatMovesAndWarnsAboutAConfirmedGoLive() async throws {
        try await withCutover { app, world in
            let call = Call(app: app)
            let id = try await world.createMigration(call)
            try await Journey(call: call, world: world, id: id).procure()
            let page = try await Browser.signIn(.practice, app: app).get("/migrations/\(id)/what-if?goLive=2027-06-21").body.string
            #expect(page.contains("The new system&#39;s supplier confirmed the go-live for Monday 14 June 2027") || page.contains("The new system's supplier confirmed the go-live for Monday 14 June 2027"))
            #expect(!page.contains("name=\"step\" value=\"provisional-go-live\""), "a confirmed go-live is not proposed over")
            #expect(page.contains("<th scope=\"row\">13. Go-live</th><td data-label=\"Now\">Mon 14 Jun 2027</td><td data-label=\"With the new go-live\">Mon 21 Jun 2027</td><td data-label=\"Change\">7 days later</td>"))
            #expect(page.contains("<th scope=\"row\">1. Decision to migrate and funding</th>") && page.contains(">Already done<"))
            #expect(page.contains("<th scope=\"row\">Call off the Schedule A for the new system (and its submodules)</th>"))
            #expect(page.contains(">Already met<"))
            #expect(page.contains("Every open deadline can still be met."))

            let aggregate = try #require(try await MigrationStore(app.db).load(UUID(uuidString: id)!))
            let earliest = try #require(aggregate.earliestGoLive(today: app.cutover.today))
            #expect(earliest <= (try Day(year: 2027, month: 6, day: 14)), "the current date can be met, so the earliest is not after it")
            #expect(page.contains("no bank holiday or blackout in the critical days is \(earliest.longDescription)"))
        }
    }

    /// Dates are typed as day, month and year boxes: joined into the day the step takes,
    /// three empty boxes are "not given", list fields keep their order, and a wrong box is
    /// the one the error names.
    @Test func dateBoxesAreJoinedAndAWrongBoxIsNamed() throws {
        let joined = DateInput.join([("goLive-day", "7"), ("goLive-month", "1"), ("goLive-year", "2027"), ("step", "x"),
                                     ("d-day[]", "19"), ("d-month[]", "5"), ("d-year[]", "2027"), ("d-day[]", "9"), ("d-month[]", "6"), ("d-year[]", "2027"),
                                     ("end-day", ""), ("end-month", ""), ("end-year", "")])
        #expect(joined.problems.isEmpty)
        #expect(joined.pairs.map { "\($0.0)=\($0.1)" } == ["goLive=2027-01-07", "step=x", "d[]=2027-05-19", "d[]=2027-06-09", "end="])
        for (boxes, field) in [(["32", "1", "2027"], "goLive-day"), (["1", "13", "2027"], "goLive-month"), (["1", "1", "27"], "goLive-year"),
                               (["31", "2", "2027"], "goLive-day"), (["", "2", "2027"], "goLive-day"), (["1", "March", "2027"], "goLive-month"),
                               (["1", "1", "0000"], "goLive-year"), (["99999999999999999999", "1", "2027"], "goLive-day")] {
            let problems = DateInput.join(zip(DateInput.boxes, boxes).map { ("goLive-\($0)", $1) }).problems
            #expect(problems.map(\.field) == [field], "\(boxes)")
        }
    }

    @Test func aStepTakesItsDateFromTheBoxesAndPointsAtAWrongOne() async throws {
        try await withCutover { app, world in
            let call = Call(app: app)
            let id = try await world.createMigration(call)
            try await Journey(call: call, world: world, id: id).procure()
            let practice = try await Browser.signIn(.practice, app: app)
            let page = try await practice.get("/migrations/\(id)").body.string
            #expect(page.contains("name=\"day-day\"") && page.contains("name=\"day-month\"") && page.contains("name=\"day-year\""))
            #expect(!page.contains("type=\"date\""), "no browser date picker")
            let version = try await Journey(call: call, world: world, id: id).migration()["version"] as! Int
            let wrong = try await practice.post("/migrations/\(id)/steps", [("step", "kick-off"), ("formKey", "kick-off"), ("version", "\(version)"),
                                                                          ("day-day", "29"), ("day-month", "14"), ("day-year", "2027")])
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.body.string.contains("href=\"#kick-off-day-month\""))
            #expect(wrong.body.string.contains("Enter the month as a number from 1 to 12"))
            #expect(wrong.body.string.contains("id=\"kick-off-day-month\" name=\"day-month\" type=\"text\" inputmode=\"numeric\" value=\"14\""), "the box keeps what was typed")
            let booked = try await practice.post("/migrations/\(id)/steps", [("step", "kick-off"), ("formKey", "kick-off"), ("version", "\(version)"),
                                                                           ("day-day", "29"), ("day-month", "4"), ("day-year", "2027")])
            #expect(booked.status == .seeOther, "\(booked.body.string)")
            #expect(try await Journey(call: call, world: world, id: id).migration()["kickOff"] as? String == "2027-04-29")

            // A list of dates (the extract form's data production days) through its boxes.
            let journey = Journey(call: call, world: world, id: id)
            try await journey.step(.deliveryPartner, "/extract-requests", "{}")
            let extract = try await journey.item("extractRequests") { _ in true }
            try await journey.step(.sourceSupplier, "/extract-requests/\(extract)/form-sent")
            let now = try await journey.migration()["version"] as! Int
            let returned = try await practice.post("/migrations/\(id)/steps", [("step", "form-returned"), ("formKey", "form-returned-\(extract)"), ("itemID", extract), ("version", "\(now)"),
                ("dataProductionDays-day[]", "19"), ("dataProductionDays-month[]", "5"), ("dataProductionDays-year[]", "2027"),
                ("dataProductionDays-day[]", "9"), ("dataProductionDays-month[]", "6"), ("dataProductionDays-year[]", "2027")])
            #expect(returned.status == .seeOther, "\(returned.status) \(returned.body.string.prefix(300))")
            let days = (try await journey.migration()["extractRequests"] as? [[String: Any]])?.first?["dataProductionDays"] as? [String]
            #expect(days == ["2027-05-19", "2027-06-09"])
        }
    }

    /// The practice's blackouts are drawn (and keyed) for those who see the whole migration,
    /// never for a supplier, not even as an entry of the chart's key.
    @Test func suppliersSeeNoBlackoutOnTheChart() async throws {
        try await withCutover { app, world in
            let call = Call(app: app)
            let id = try await world.createMigration(call)
            try await Journey(call: call, world: world, id: id).procure()
            let practice = try await Browser.signIn(.practice, app: app).get("/migrations/\(id)").body.string
            #expect(practice.contains("class=\"blackout\"") && practice.contains("swatch blackout"))
            for role in [World.Role.targetSupplier, .sourceSupplier, .subsidiarySupplier] {
                let page = try await Browser.signIn(role, app: app).get("/migrations/\(id)").body.string
                #expect(!page.contains("class=\"blackout\"") && !page.contains("swatch blackout") && !page.contains("summer leave"), "\(role)")
            }
        }
    }

    /// The menu offers "New migration" to exactly those the access policy lets start one.
    /// Every page's frame is written in Swift once: who is signed in is escaped there as
    /// everywhere, the menu marks the page it is on, and a visitor signed out has no menu.
    @Test func theFrameEscapesWhoIsSignedInAndMarksWhereTheyAre() async throws {
        try await withCutover { app, _ in
            let csu = try #require(try await CutoverServer.Organisation.query(on: app.db).filter(\.$code == "0AA").first())
            try await People.addUser(name: #"Ann "<b>" O'Neill & Co"#, email: "ann@csu.example", organisation: csu, role: .member, passwordHash: "x",
                                     actor: { Actor(userID: $0.id!, organisationID: csu.id!, kind: .deliveryPartner, role: .member) }, services: app.cutover, on: app.db)
            let ann = try await Browser.signIn(email: "ann@csu.example", app: app)
            let home = try await ann.get("/").body.string
            #expect(home.contains("Signed in as Ann &quot;&lt;b&gt;&quot; O&#39;Neill &amp; Co, \(HTML("\(csu.name)").markup)"))
            #expect(!home.contains("<b>"))
            #expect(home.contains(#"<li><a href="/" aria-current="page">What needs me</a></li>"#))
            #expect(home.contains(#"<li><a href="/portfolio">Portfolio</a></li>"#))
            let portfolio = try await ann.get("/portfolio").body.string
            #expect(portfolio.contains(#"<li><a href="/portfolio" aria-current="page">Portfolio</a></li>"#))
            #expect(portfolio.contains("<title>Portfolio - Cutover</title>"))
            let csrf = try #require(portfolio.firstMatch(of: /name="csrf" value="([^"]+)"/)?.1)
            #expect(portfolio.contains(#"<form method="post" action="/sign-out"><input type="hidden" name="csrf" value="\#(csrf)">"#))

            let signedOut = try await Call(app: app).send(.GET, "/sign-in").body.string
            #expect(signedOut.contains("<title>Sign in - Cutover</title>") && signedOut.contains("<main id=\"main-content\" tabindex=\"-1\">"))
            #expect(!signedOut.contains("<nav") && !signedOut.contains("Signed in as"))
        }
    }

    @Test func theMenuOffersNewMigrationToThoseWhoMayStartOne() async throws {
        try await withCutover { app, world in
            for role in World.Role.allCases {
                let home = try await Browser.signIn(role, app: app).get("/").body.string
                let offered = home.contains("href=\"/migrations/new\">New migration</a>")
                let may = [.practice, .otherPractice, .deliveryPartner, .otherDeliveryPartner].contains(role)
                #expect(offered == may, "\(role)")
            }
            // A viewer at the CSU reads only, so is not offered it.
            let csu = try #require(try await CutoverServer.Organisation.query(on: app.db).filter(\.$code == "0AA").first())
            try await People.addUser(name: "CSU viewer", email: "viewer@csu.example", organisation: csu, role: .viewer, passwordHash: "x",
                                     actor: { Actor(userID: $0.id!, organisationID: csu.id!, kind: .deliveryPartner, role: .viewer) }, services: app.cutover, on: app.db)
            let viewer = try await Browser.signIn(email: "viewer@csu.example", app: app).get("/").body.string
            #expect(!viewer.contains("href=\"/migrations/new\""))
        }
    }
}
