import Fluent
import MigrationKit
import SQLKit
import Vapor

/// Migrations: list, create, read, update, plan, history.
struct MigrationController {
    func register(_ api: any RoutesBuilder) {
        let migrations = api.grouped("migrations")
        migrations.get(use: list)
        migrations.post(use: create)
        migrations.get(":migrationID", use: show)
        migrations.patch(":migrationID", use: update)
        migrations.get(":migrationID", "plan", use: plan)
        migrations.get(":migrationID", "plans", use: planVersions)
        migrations.get(":migrationID", "history", use: history)
    }

    @Sendable func list(req: Request) async throws -> Response {
        let list = MigrationList(sql: req.reads, actor: try req.currentUser().actor, policy: req.cutover.policy, today: req.cutover.today)
        return try jsonResponse(try await list.page(try MigrationFilter(req, today: list.today)))
    }

    @Sendable func show(req: Request) async throws -> Response {
        let id = try req.uuid("migrationID")
        return try req.migrationResponse(try await req.visibleMigration(id))
    }

    @Sendable func create(req: Request) async throws -> Response {
        let body = try req.body(CreateMigrationBody.self)
        let id = try await MigrationCreation.create(body, actor: try req.currentUser().actor, services: req.cutover, db: req.db)
        let response = try req.migrationResponse(try await req.visibleMigration(id), status: .created)
        response.headers.replaceOrAdd(name: .location, value: "/api/v1/migrations/\(id)")
        return response
    }

    @Sendable func update(req: Request) async throws -> Response {
        guard req.headers.first(name: .ifMatch) != nil else {
            throw APIError(.preconditionRequired, "if-match-required", "send If-Match with the ETag you read, so no one else's change is lost", field: "If-Match")
        }
        let body = try req.body(UpdateMigrationBody.self)
        guard body.businessCase != nil || body.blackouts != nil || body.overrides != nil || body.submoduleCodes != nil || body.subsidiaryCodes != nil else {
            // Nothing to change: no new version, no audit event.
            throw APIError(.unprocessableEntity, "invalid", "send at least one of businessCase, blackouts, overrides, submoduleCodes or subsidiaryCodes")
        }
        try body.businessCase?.validate()
        let blackouts = try body.blackouts.map { try Validate.blackouts($0, today: req.cutover.today) }
        if let overrides = body.overrides { _ = try ProcessTemplate.standard.applying(overrides) }
        return try await req.run(WorkflowStep(authorize: { _ in .editMigration }) { aggregate, db in
            let before = MigrationSnapshot(aggregate.record)
            var submodules: [ProductRow]?, subsidiaries: [ProductRow]?
            if let codes = body.submoduleCodes { submodules = try await Validate.products(codes, kind: .submodule, field: "submoduleCodes", on: db) }
            if let codes = body.subsidiaryCodes { subsidiaries = try await Validate.products(codes, kind: .subsidiary, field: "subsidiaryCodes", on: db) }
            try aggregate.editDetails(businessCase: body.businessCase, blackouts: blackouts, overrides: body.overrides, submodules: submodules, subsidiaries: subsidiaries)
            return AuditEntry(action: "migration.updated", entity: "migration", entityID: aggregate.id, before: before, after: MigrationSnapshot(aggregate.record))
        })
    }

    /// The current plan and findings, or with `?goLive=DAY` a preview of another go-live
    /// (what-if) without saving anything.
    @Sendable func plan(req: Request) async throws -> Response {
        let id = try req.uuid("migrationID")
        let whatIf = req.queryText("goLive")
        return try await plan(req: req, id: id, whatIf: whatIf)
    }

    private func plan(req: Request, id: UUID, whatIf: String?) async throws -> Response {
        let actor = try req.currentUser().actor
        let aggregate = try await req.visibleMigration(id)
        let today = req.cutover.today
        var goLive = aggregate.record.planGoLive
        if let text = whatIf {
            do {
                goLive = try Validate.future(try Day(parsing: text), field: "goLive", today: today)
            } catch let error as DayError {
                throw APIError.invalid("goLive", error.description)
            }
        }
        // Without an agreed go-live, the plan for the earliest one that can still be met.
        let current = aggregate.state(today: today)
        let earliest = aggregate.earliestGoLive(today: today, current: current)
        guard let goLive = goLive ?? earliest else {
            throw APIError(.conflict, "no-go-live", "no go-live can be met within three years with these blackouts: agree one, or pass ?goLive=YYYY-MM-DD to preview one")
        }
        let state = goLive == aggregate.record.planGoLive ? current! : aggregate.state(today: today, goLive: goLive)!
        let planner = state.planner
        let done = state.deadlinesDone
        let policy = req.cutover.policy
        let parties = aggregate.parties
        let shown = { (deadline: DeadlineID) in policy.seesDeadlineProgress(actor, parties, deadline.kind) }
        let report = PlanReport(
            plan: state.plan, today: today,
            feasible: planner.isFeasible(state.plan, today: today, done: done),
            earliestFeasibleGoLive: earliest,
            findings: aggregate.findings(of: state, for: actor, policy: policy),
            done: done.filter(shown), metOn: aggregate.deadlinesMetOn.filter { shown($0.key) })
        return req.tagged(try jsonResponse(report), version: aggregate.record.version, today: today)
    }

    struct PlanVersionJSON: Content {
        let number: Int, goLive: String, reason: String, createdAt: Date
    }

    @Sendable func planVersions(req: Request) async throws -> Response {
        let aggregate = try await req.visibleMigration(try req.uuid("migrationID"))
        let versions = try await HistoryStore(sql: req.reads).planVersions(of: aggregate.id)
        return try jsonResponse(["items": versions.map { PlanVersionJSON(number: $0.number, goLive: $0.goLive, reason: $0.reason, createdAt: $0.createdAt) }])
    }

    struct AuditJSON: Content {
        let id: UUID, at: Date, action: String, entity: String, version: Int?, entityId: UUID?, userId: UUID?, userName: String?, before: JSONValue?, after: JSONValue?
    }

    /// The audit history, newest first, paginated, as `MigrationHistory` lets this user see it.
    @Sendable func history(req: Request) async throws -> Response {
        let actor = try req.currentUser().actor
        let aggregate = try await req.visibleMigration(try req.uuid("migrationID"))
        let page = try Pagination(req)
        let entries = try await MigrationHistory.visible(aggregate, to: actor, policy: req.cutover.policy, on: req.reads)
        let shown = entries.dropFirst(page.offset).prefix(page.per)
        let names = try await HistoryStore(sql: req.reads).names(of: shown.compactMap(\.event.user_id))
        let items = shown.map { entry in
            let e = entry.event
            return AuditJSON(id: e.id, at: e.at, action: e.action, entity: e.entity, version: e.migration_version, entityId: e.entity_id, userId: e.user_id,
                             userName: e.user_id.flatMap { names[$0] }, before: entry.before, after: entry.after)
        }
        return try jsonResponse(Page(items: Array(items), page: page.page, per: page.per, total: entries.count))
    }
}
