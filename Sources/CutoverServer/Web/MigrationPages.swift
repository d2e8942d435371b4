import Fluent
import MigrationKit
import Vapor

/// The migration page, its forms (each a workflow step), the checklist ticks and the
/// what-if page.
struct MigrationPages {
    func register(_ routes: any RoutesBuilder) {
        routes.get("migrations", ":migrationID", use: show)
        routes.post("migrations", ":migrationID", "steps", use: step)
        routes.post("migrations", ":migrationID", "checklist", use: tick)
        routes.get("migrations", ":migrationID", "what-if", use: whatIf)
        routes.get("migrations", ":migrationID", "print", use: printPlan)
    }

    @Sendable func printPlan(req: Request) async throws -> Response {
        try await req.unframedPage("print-plan", try await PrintPlanPage.build(req, aggregate: try await req.visibleMigration(try req.uuid("migrationID"))))
    }

    @Sendable func show(req: Request) async throws -> Response {
        let id = try req.uuid("migrationID")
        let saved = req.queryText("saved")
        let notice = saved.map { _ in "Saved. The plan and the next steps below are up to date." }
        return req.migrationPage(try await MigrationPage.build(req, aggregate: try await req.visibleMigration(id), notice: notice))
    }

    /// Takes one step from a form: success goes back to the page; a refusal comes back
    /// with the form as it was sent and the reason beside the field.
    @Sendable func step(req: Request) async throws -> Response {
        let id = try req.uuid("migrationID")
        let input = try FormInput(req)
        let formKey = input.fields["formKey"] ?? ""
        guard let name = input.fields["step"], let entry = WorkflowStepEntry.byName[name] else { throw WebError(status: .badRequest, title: "Unknown step", message: "This form does not take a step we know. Go back and reload the page.") }
        do {
            let step = try entry.make(input)
            let writer = MigrationWriter(services: req.cutover, actor: try req.currentUser().actor)
            _ = try await writer.change(id, expectedVersion: input.version, on: req.db, authorize: step.authorize, step.change)
            return req.redirect(to: "/migrations/\(id)?saved=\(name)")
        } catch let error as APIError where error.code == "stale" {
            let aggregate = try await req.visibleMigration(id)
            return req.migrationPage(try await MigrationPage.build(req, aggregate: aggregate, stale: true), status: .conflict)
        } catch {
            guard let api = APIError(domain: error), api.status != .notFound, api.status != .forbidden else { throw error }
            let aggregate = try await req.visibleMigration(id)
            var values = input.fields
            for (list, entries) in input.lists { values[list + "[]"] = entries.first ?? "" }
            let failure = FormFailure(formKey: formKey, field: api.field, message: Self.sentence(api.message), values: values)
            return req.migrationPage(try await MigrationPage.build(req, aggregate: aggregate, failure: failure), status: api.status)
        }
    }

    static func sentence(_ message: String) -> String {
        let text = message.capitalizingFirst
        return text.hasSuffix(".") ? text : text + "."
    }

    struct TickForm: Content {
        let item: String
        let ticked: String?
    }

    /// Ticks or unticks an item of my role's checklist.
    @Sendable func tick(req: Request) async throws -> Response {
        let id = try req.uuid("migrationID")
        let form = try req.content.decode(TickForm.self)
        guard let item = Checklists.item(id: form.item) else { throw WebError(status: .badRequest, title: "Unknown checklist item", message: "Reload the page and try again.") }
        let ticked = form.ticked == "true"
        let writer = MigrationWriter(services: req.cutover, actor: try req.currentUser().actor)
        let now = req.cutover.now
        let actor = try req.currentUser().actor
        _ = try await writer.change(id, expectedVersion: nil, on: req.db, authorize: { _ in .tickChecklist(party: item.party) }, alsoWrite: { a, db in
            try await ChecklistStore(db).set(item.id, ticked: ticked, on: a.id, by: actor.userID, at: now)
        }) { a, _ in
            return AuditEntry(action: ticked ? "checklist.ticked" : "checklist.unticked", entity: "checklist:\(item.id)", entityID: a.id, after: ["item": item.text])
        }
        return req.redirect(to: "/migrations/\(id)#checklist")
    }

    /// Move the go-live and see, in one table, what moves with it before saving.
    @Sendable func whatIf(req: Request) async throws -> Response {
        let aggregate = try await req.visibleMigration(try req.uuid("migrationID"))
        // The day, month and year boxes, or a link's goLive=YYYY-MM-DD.
        let boxes = DateInput.boxes.map { box in ("goLive-\(box)", req.queryText("goLive-\(box)") ?? "") }
        let joined = DateInput.join(boxes)
        let typed = joined.pairs.first?.1 ?? ""
        let text = typed.isEmpty ? req.queryText("goLive") ?? "" : typed
        let model = try WhatIfPage(req, aggregate: aggregate, goLive: text, boxes: Dictionary(uniqueKeysWithValues: boxes), problem: joined.problems.first)
        return try await req.page("what-if", model, status: model.error == nil ? .ok : .unprocessableEntity)
    }
}
