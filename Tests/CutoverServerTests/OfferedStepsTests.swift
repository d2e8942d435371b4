import Fluent
import Foundation
import MigrationKit
import Testing
import Vapor
import VaporTesting
@testable import CutoverServer

/// The forms a migration page offers are the steps the service accepts: over the demo
/// region's migrations (every stage, on track and late) and every demo user, each form
/// offered, filled in as its user would, is accepted by the same decision a write takes
/// (`MigrationWriter.decide`); and each step the service would accept for an item is
/// offered as a form for it.
@Suite struct OfferedStepsTests {
    @Test func everyFormOfferedIsAccepted() async throws {
        try await withDemoRegion { app, aggregates, actors in
            var offeredCount = 0
            for a in aggregates {
                for (who, actor) in actors where app.cutover.policy.canSee(actor, a.parties) {
                    for form in offered(a, to: actor, app) {
                        offeredCount += 1
                        let entry = try #require(WorkflowStepEntry.byName[form.step], "\(form.step) is not a step")
                        let input = fill(form, on: a, as: actor, app)
                        do {
                            _ = try await decide(entry, input, on: a, as: actor, app)
                        } catch {
                            Issue.record("\(who) was offered \"\(form.title)\" on \(a.practice.name) (\(a.record.status.rawValue)) but it was refused: \(error)")
                        }
                    }
                }
            }
            #expect(offeredCount > 100, "the demo region offers forms to check (\(offeredCount))")
        }
    }

    @Test func everyStepAcceptedIsOffered() async throws {
        try await withDemoRegion { app, aggregates, actors in
            var acceptedCount = 0
            for a in aggregates {
                for (who, actor) in actors where app.cutover.policy.canSee(actor, a.parties) {
                    let forms = offered(a, to: actor, app)
                    for candidate in candidates(a, app) {
                        let entry = try #require(WorkflowStepEntry.byName[candidate.step])
                        let input = FormInput(fields: candidate.fields, lists: candidate.lists, today: app.cutover.today, policy: app.cutover.policy, actor: actor)
                        guard (try? await decide(entry, input, on: a, as: actor, app)) != nil else { continue }
                        acceptedCount += 1
                        let matching = forms.contains { form in
                            form.step == candidate.step && candidate.identity.allSatisfy { name, value in
                                form.hidden.contains { $0.name == name && $0.value == value } || form.fields.contains { $0.name == name && ($0.options?.contains { $0.value == value } ?? false) }
                            }
                        }
                        if !matching {
                            Issue.record("\(who) may take \(candidate.step) \(candidate.identity) on \(a.practice.name) (\(a.record.status.rawValue)) but no form offers it")
                        }
                    }
                }
            }
            #expect(acceptedCount > 100, "the demo region has steps to take (\(acceptedCount))")
        }
    }

    /// The same two properties over migrations generated from the demo region's: each walk
    /// takes, again and again, a form that some user is offered (chosen at random with a
    /// fixed seed), fills it in, decides it and keeps the result in an in-memory store; at
    /// every state reached, for a few users who can see it, every form offered is accepted
    /// and every step accepted is offered.
    @Test func offeredAndAcceptedAgreeOnGeneratedMigrations() async throws {
        try await withDemoRegion { app, aggregates, actors in
            var random = SplitMix64(seed: 20_261_127)
            let store = InMemoryMigrationStore(aggregates)
            var states = 0, taken = 0
            for start in aggregates {
                var id = start.id
                for _ in 0..<6 {
                    let a = try #require(try await store.load(id))
                    let seeing = actors.filter { app.cutover.policy.canSee($0.1, a.parties) }
                    for (who, actor) in seeing.shuffled(using: &random).prefix(3) {
                        let forms = offered(a, to: actor, app)
                        for form in forms {
                            let entry = try #require(WorkflowStepEntry.byName[form.step])
                            if (try? await decide(entry, fill(form, on: a, as: actor, app), on: a, as: actor, app)) == nil {
                                Issue.record("\(who) was offered \"\(form.title)\" on a generated state of \(a.practice.name) (\(a.record.status.rawValue), version \(a.record.version)) but it was refused")
                            }
                        }
                        for candidate in candidates(a, app) {
                            let entry = try #require(WorkflowStepEntry.byName[candidate.step])
                            let input = FormInput(fields: candidate.fields, lists: candidate.lists, today: app.cutover.today, policy: app.cutover.policy, actor: actor)
                            guard (try? await decide(entry, input, on: a, as: actor, app)) != nil else { continue }
                            let matching = forms.contains { form in
                                form.step == candidate.step && candidate.identity.allSatisfy { name, value in
                                    form.hidden.contains { $0.name == name && $0.value == value } || form.fields.contains { $0.name == name && ($0.options?.contains { $0.value == value } ?? false) }
                                }
                            }
                            if !matching { Issue.record("\(who) may take \(candidate.step) \(candidate.identity) on a generated state of \(a.practice.name) (\(a.record.status.rawValue)) but no form offers it") }
                        }
                    }
                    states += 1
                    // The next state: a step some user who can see the migration is offered.
                    let choices = seeing.flatMap { (_, actor) in offered(a, to: actor, app).map { (actor, $0) } }
                    guard let (actor, form) = choices.randomElement(using: &random), let entry = WorkflowStepEntry.byName[form.step],
                          let next = try? await decide(entry, fill(form, on: a, as: actor, app), on: a, as: actor, app) else { break }
                    id = try await store.save(next, over: a, at: testNow).id
                    taken += 1
                }
            }
            #expect(states > 50 && taken > 40, "the walks reach new states (\(states) states, \(taken) steps)")
        }
    }

    /// A step asked for with input a user might give: `identity` is what tells its forms
    /// apart (the item, the kind of Schedule A, the deadline, …).
    struct Candidate {
        let step: String
        var fields: [String: String] = [:]
        var lists: [String: [String]] = [:]
        var identity: [String: String] = [:]
    }

    /// For every step, each item it could apply to, with a valid answer.
    func candidates(_ a: MigrationAggregate, _ app: Application) -> [Candidate] {
        let today = app.cutover.today
        let calendar = WorkingCalendar()
        let r = a.record
        let later = calendar.workingDay(onOrAfter: (r.planGoLive ?? today + 120) + 7).description
        let soon = calendar.workingDay(onOrAfter: today + 1).description
        func item(_ step: String, _ id: UUID, _ fields: [String: String] = [:], lists: [String: [String]] = [:]) -> Candidate {
            Candidate(step: step, fields: fields.merging(["itemID": id.uuidString]) { $1 }, lists: lists, identity: ["itemID": id.uuidString])
        }
        var all: [Candidate] = [
            Candidate(step: "approval", fields: ["fundingAmount": "1000", "fundingSource": "ICB capital"]),
            Candidate(step: "business-case-return", fields: ["reason": "Cost the retraining"]),
            Candidate(step: "business-case", fields: ["drivers": "Shared records", "considerations": "Retraining", "strategicFit": "One system per PCN"]),
            Candidate(step: "provisional-go-live", fields: ["goLive": later]),
            Candidate(step: "registration"),
            Candidate(step: "schedule-as", fields: ["kind": "target"], identity: ["kind": "target"]),
            Candidate(step: "schedule-as", fields: ["kind": "decommission"], identity: ["kind": "decommission"]),
            Candidate(step: "kick-off", fields: ["day": soon]),
            Candidate(step: "technical-survey", fields: ["day": soon]),
            Candidate(step: "go-live", fields: ["day": (r.confirmedGoLive ?? today).description]),
            Candidate(step: "end", fields: ["day": today.description]),
            Candidate(step: "notices", fields: ["recipient": "Local pharmacy", "service": "other"]),
            Candidate(step: "action-items", fields: ["title": "Order scanners", "phase": "kick-off", "owner": "practice"]),
        ]
        if let provisional = r.provisionalGoLive { all.append(Candidate(step: "provisional-go-live", fields: ["goLive": provisional.description])) }
        for module in a.submodules {
            all.append(Candidate(step: "schedule-as", fields: ["kind": "submodule", "productCode": module.code], identity: ["productCode": module.code]))
        }
        for s in a.scheduleAs {
            all.append(item("commissioner-decision", s.id, ["decision": "accept"]))
            all.append(item("supplier-decision", s.id, ["decision": "accept", "goLive": (r.provisionalGoLive ?? today + 120).description]))
            all.append(item("confirmed-go-live", s.id, ["goLive": later]))
        }
        for supplier in a.extractSuppliers {
            all.append(Candidate(step: "extract-requests", fields: ["supplierId": supplier.supplier.uuidString], identity: ["supplierId": supplier.supplier.uuidString]))
        }
        let plan = a.state(today: today)?.plan
        for e in a.extractRequests {
            all.append(item("form-sent", e.id))
            all.append(item("form-returned", e.id, lists: ["dataProductionDays": [plan?.initialDataProduction, plan?.finalDataProduction].compactMap { $0?.description }]))
            all.append(item("transfer-confirmed", e.id))
        }
        for phase in Phase.allCases {
            all.append(Candidate(step: "milestone", fields: ["phase": phase.id, "actualStart": today.description], identity: ["phase": phase.id]))
        }
        for kind in SignOffKind.allCases {
            all.append(Candidate(step: "sign-offs", fields: ["kind": kind.rawValue, "signerName": "Dr Shah"], identity: ["kind": kind.rawValue]))
        }
        all.append(Candidate(step: "deployment-survey", fields: ["goLive": (r.actualGoLive ?? today).description, "score": "4", "comments": "Went well"]))
        all.append(Candidate(step: "deployment-survey-decision", fields: ["decision": "confirm"], identity: ["decision": "confirm"]))
        all.append(Candidate(step: "deployment-survey-decision", fields: ["decision": "return", "reason": "Wrong go-live date"], identity: ["decision": "return"]))
        all.append(Candidate(step: "service-stability", fields: ["day": today.description]))
        if let supportEnds = a.state(today: today)?.legacySupportEnds {
            for s in a.scheduleAs { all.append(item("cease-date", s.id, ["day": supportEnds.description])) }
        }
        for notice in a.notices { all.append(item("notice-sent", notice.id, ["sentOn": today.description])) }
        for action in a.actionItems {
            for status in ActionItemStatus.allCases {
                var candidate = item("action-item-status", action.id, ["status": status.rawValue])
                candidate.identity["status"] = status.rawValue
                all.append(candidate)
            }
        }
        for deadline in plan?.deadlines ?? [] {
            all.append(Candidate(step: "deadline-met", fields: ["deadline": deadline.id, "day": today.description], identity: ["deadline": deadline.id]))
        }
        return all
    }

    // MARK: Helpers

    /// The forms the migration page offers `actor` today.
    func offered(_ a: MigrationAggregate, to actor: Actor, _ app: Application) -> [StepForm] {
        let policy = app.cutover.policy, today = app.cutover.today
        let json = MigrationJSON(a, for: actor, policy: policy, today: today)
        return MigrationPage.forms(a, facts: a.facts(today: today), json: json, for: actor, policy: policy, today: today)
    }

    /// The form filled in as its user would: hidden and prefilled values kept, every
    /// required empty box given a sensible answer.
    func fill(_ form: StepForm, on a: MigrationAggregate, as actor: Actor, _ app: Application) -> FormInput {
        let today = app.cutover.today
        let calendar = WorkingCalendar()
        var fields = Dictionary(form.hidden.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        var lists: [String: [String]] = [:]
        let plan = a.state(today: today)?.plan
        for field in form.fields {
            var value = field.value
            if value.isEmpty && field.required {
                switch field.type {
                case "date" where field.name == "goLive":
                    // Another day than any agreed: a week after the plan's go-live.
                    value = calendar.workingDay(onOrAfter: (a.record.planGoLive ?? today + 120) + 7).description
                case "date": value = today.description
                case "number": value = field.name == "score" ? "8" : "1000"
                case "select": value = field.options?.first { !$0.value.isEmpty }?.value ?? ""
                default: value = "Agreed at the meeting"
                }
            }
            if field.name.hasSuffix("[]") {
                let days = field.name == "dataProductionDays[]" ? [plan?.initialDataProduction, plan?.finalDataProduction].compactMap { $0?.description } : [value]
                lists[String(field.name.dropLast(2))] = days.filter { !$0.isEmpty }
            } else {
                fields[field.name] = value
            }
        }
        return FormInput(fields: fields, lists: lists, today: today, policy: app.cutover.policy, actor: actor)
    }

    func decide(_ entry: WorkflowStepEntry, _ input: FormInput, on a: MigrationAggregate, as actor: Actor, _ app: Application) async throws -> MigrationAggregate {
        let step = try entry.make(input)
        return try await MigrationWriter(services: app.cutover, actor: actor).decide(a, authorize: step.authorize, step.change, on: app.db).0
    }
}

/// An app with the demo region seeded, its migrations loaded, and an actor for every demo
/// user (named by e-mail).
func withDemoRegion(_ body: (Application, [MigrationAggregate], [(String, Actor)]) async throws -> Void) async throws {
    try await withPostgresDatabaseIfConfigured { storage in
        let app = try await Application.make(.testing)
        app.logger.logLevel = .warning
        do {
            try await configure(app, ServerConfiguration(storage: storage, clock: { testNow }, bcryptCost: 4))
            _ = try await DemoRegion.seed(app)
            let ids = try await MigrationRecord.query(on: app.db).all().compactMap(\.id)
            let aggregates = try await MigrationStore(app.db).load(ids)
            let users = try await User.query(on: app.db).with(\.$organisation).all()
            let actors = users.map { user in
                (user.email, Actor(userID: user.id!, organisationID: user.organisation.id!, kind: user.organisation.kind, role: user.role))
            }.sorted { $0.0 < $1.0 }
            try await body(app, aggregates, actors)
            try await app.asyncShutdown()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }
}

/// Each demo user's home page lists exactly the tasks the model gives them: the steps their
/// own commands say each migration waits on them for, and the deadlines their party owns
/// that are not met and are overdue or due in the next six weeks (once: a step that meets a
/// deadline itself carries its day); each linked to its migration.
@Suite struct HomeTaskListTests {
    @Test func theTaskListIsWhatTheModelSays() async throws {
        try await withDemoRegion { app, aggregates, actors in
            let policy = app.cutover.policy, today = app.cutover.today
            var listed = 0
            for (email, actor) in actors {
                var expected: [String] = []
                var overdue = 0, waiting = 0
                for a in aggregates where policy.canSee(actor, a.parties) {
                    let facts = a.facts(today: today)
                    let turns = facts.commands(for: actor, policy: policy, today: today).filter(\.isTurn)
                    expected += turns.map { "\(a.id) \(WaitingStep.title($0, a))" }
                    waiting += turns.count
                    guard let state = facts.state, policy.takesSteps(actor) else { continue }
                    // A step that meets a deadline itself stands for it.
                    let stoodFor = Set(turns.compactMap(\.meets))
                    for deadline in state.plan.deadlines where deadline.kind.isTask && !state.deadlinesDone.contains(deadline.key) && deadline.due <= today + DueSoon.taskListDays
                        && owns(actor, deadline.kind.owner, a.parties) {
                        if deadline.due < today { overdue += 1 }
                        if !stoodFor.contains(deadline.key) { expected.append("\(a.id) \(deadline.title)") }
                    }
                }
                let page = try await Browser.signIn(email: email, app: app).get("/").body.string
                let shown = tasks(in: page)
                #expect(shown.sorted() == expected.sorted(), "\(email)")
                // Every task is listed, so none is said to come after.
                #expect(!page.contains("more come after"), "\(email)")
                // The cards count the same, however many the list shows.
                if !page.contains("Start a migration") {
                    #expect(page.contains("<span class=\"stat\">\(overdue)</span> overdue") && page.contains("<span class=\"stat\">\(waiting)</span> waiting for your step"), "\(email)")
                }
                listed += shown.count
            }
            #expect(listed > 20, "the demo region gives its users tasks (\(listed))")
        }
    }

    /// Whether `actor` acts for `party` on a migration with these parties.
    func owns(_ actor: Actor, _ party: Party, _ parties: MigrationParties) -> Bool {
        switch party {
        case .practice: actor.organisationID == parties.practice
        case .commissioner: actor.organisationID == parties.commissioner
        case .deliveryPartner: actor.organisationID == parties.deliveryPartner
        case .targetSupplier: actor.organisationID == parties.targetSupplier
        case .sourceSupplier: actor.organisationID == parties.sourceSupplier
        }
    }

    /// "migration-id title" for each task on the page.
    func tasks(in page: String) -> [String] {
        let items = page.components(separatedBy: "<li class=\"task-list-item\">").dropFirst()
        return items.compactMap { item in
            guard let hrefStart = item.range(of: "href=\"/migrations/"), let hrefEnd = item[hrefStart.upperBound...].firstIndex(where: { $0 == "#" || $0 == "\"" }),
                  let titleStart = item.range(of: "\">"), let titleEnd = item.range(of: "</a>") else { return nil }
            let id = item[hrefStart.upperBound..<hrefEnd]
            let title = String(item[titleStart.upperBound..<titleEnd.lowerBound])
                .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
            return "\(id) \(title)"
        }
    }
}

/// One status everywhere: for every demo migration, the portfolio, the home page and the
/// migration page give the same colour and the same words to each reader.
@Suite struct OneStatusTests {
    @Test func everyPageSaysTheSameStatus() async throws {
        try await withDemoRegion { app, aggregates, _ in
            var compared = 0
            for email in ["pm@csu.demo.test", "commissioning@icb.demo.test"] {
                let browser = try await Browser.signIn(email: email, app: app)
                let portfolio = statuses(try await browser.get("/portfolio").body.string)
                let home = statuses(try await browser.get("/").body.string)
                #expect(portfolio.count == aggregates.count, "\(email) sees every demo migration in the portfolio")
                for (id, status) in portfolio {
                    let page = try await browser.get("/migrations/\(id)").body.string
                    let own = page.range(of: "<strong>Status</strong><br><span class=\"tag ").map { start -> String in
                        let rest = page[start.upperBound...]
                        let tagEnd = rest.range(of: "</span>")!
                        return String(rest[..<tagEnd.lowerBound]).replacingOccurrences(of: "\">", with: " ", options: [], range: nil)
                    }
                    #expect(own == status, "\(email), migration \(id)")
                    if let onHome = home[id] { #expect(onHome == status, "\(email), migration \(id) on home") }
                    compared += 1
                }
            }
            #expect(compared >= 2 * aggregates.count)
        }
    }

    /// Migration id to "colour words" for each row of a migrations table.
    func statuses(_ page: String) -> [String: String] {
        var found: [String: String] = [:]
        for row in page.components(separatedBy: "<tr><td data-label=\"Practice\"><a href=\"/migrations/").dropFirst() {
            guard let idEnd = row.firstIndex(of: "\""), let tag = row.range(of: "<span class=\"tag "), let end = row[tag.upperBound...].range(of: "</span>") else { continue }
            found[String(row[..<idEnd])] = String(row[tag.upperBound..<end.lowerBound]).replacingOccurrences(of: "\">", with: " ")
        }
        return found
    }
}
