import Fluent
import MigrationKit
import Vapor

/// Starting a migration in the browser: practice, systems, modules, business case,
/// preferred go-live and blackouts, with a preview of the plan, its findings and the
/// earliest feasible go-live before anything is saved.
struct NewMigrationPage {
    struct Model: FramedPage {
        struct Option: Encodable { let value: String; let label: String; let selected: Bool }
        /// A practice that cannot start one now: its migration is under way.
        struct UnderWay: Encodable { let practice: String; let href: String }
        let layout: Layout
        /// The practices that may start a migration now (those with none under way).
        let practices: [Option]
        let underWay: [UnderWay]
        let sources: [Option]
        let targets: [Option]
        let submodules: [Option]
        let subsidiaries: [Option]
        let values: [String: String]
        /// The day, month and year boxes of each date field.
        let dates: [String: [DateInput.Part]]
        let errors: [String: String]
        let errorList: [MigrationPage.ErrorLink]
        let preview: Preview?
        let errorCount: Int
    }

    struct Preview: Encodable {
        let timeline: TimelineChart
        let table: PlanTable
        let findings: FindingList
        let earliest: String
        let feasible: String
        let goLive: Day
    }

    func register(_ routes: any RoutesBuilder) {
        routes.get("migrations", "new", use: show)
        routes.post("migrations", "new", use: submit)
    }

    @Sendable func show(req: Request) async throws -> Response {
        try await req.page("new-migration", try await model(req, values: [:], errors: [:], preview: nil))
    }

    func model(_ req: Request, values: [String: String], errors: [String: String], preview: Preview?) async throws -> Model {
        let actor = try req.currentUser().actor
        guard req.cutover.policy.startsMigrations(actor) else {
            throw WebError(status: .forbidden, title: "You cannot start a migration", message: "Only a practice or its delivery partner can start a migration.")
        }
        var practiceQuery = Practice.query(on: req.db)
        switch actor.kind {
        case .practice: practiceQuery = practiceQuery.filter(\.$organisation.$id == actor.organisationID)
        case .deliveryPartner: practiceQuery = practiceQuery.filter(\.$deliveryPartner.$id == actor.organisationID)
        default: throw WebError(status: .forbidden, title: "You cannot start a migration", message: "Only a practice or its delivery partner can start a migration.")
        }
        let all = try await practiceQuery.sort(\.$odsCode).range(0..<500).all()
        // One move at a time (as `MigrationCreation` insists): a practice with a migration
        // under way is pointed to it, not offered a form that would be refused.
        let open = try await MigrationStore(req.db).openMigrations(of: all.compactMap(\.id))
        let practices = all.filter { open[$0.id!] == nil }
        let underWay = all.compactMap { practice in open[practice.id!].map { Model.UnderWay(practice: "\(practice.name) (\(practice.odsCode))", href: "/migrations/\($0)") } }
        let products = try await Product.query(on: req.db).sort(\.$name).all()
        func options(_ kind: Product.Kind, _ key: String) -> [Model.Option] {
            products.filter { $0.kind == kind }.map { Model.Option(value: $0.code, label: "\($0.name) (\($0.code))", selected: values[key]?.split(separator: ",").map(String.init).contains($0.code) ?? false) }
        }
        let order = ["practiceOdsCode", "sourceProductCode", "targetProductCode", "businessCase.drivers", "businessCase.considerations", "businessCase.strategicFit", "provisionalGoLive", "blackoutStart", "blackoutEnd"]
        let errorList = errors.sorted { (order.firstIndex(of: $0.key) ?? 99) < (order.firstIndex(of: $1.key) ?? 99) }
            .map { MigrationPage.ErrorLink(anchor: "field-" + $0.key.replacingOccurrences(of: ".", with: "-"), message: $0.value) }
        return Model(
            layout: Layout(req, title: "Start a migration", section: "new"),
            practices: practices.map { Model.Option(value: $0.odsCode, label: "\($0.name) (\($0.odsCode))", selected: values["practiceOdsCode"] == $0.odsCode) },
            underWay: underWay,
            sources: options(.principal, "sourceProductCode"), targets: options(.principal, "targetProductCode"),
            submodules: options(.submodule, "submoduleCodes"), subsidiaries: options(.subsidiary, "subsidiaryCodes"),
            values: Dictionary(uniqueKeysWithValues: values.map { ($0.key.replacingOccurrences(of: "businessCase.", with: ""), $0.value) }),
            dates: Dictionary(uniqueKeysWithValues: ["provisionalGoLive", "blackoutStart", "blackoutEnd"].map { ($0, DateInput.parts(id: $0, name: $0, value: values[$0] ?? "", raw: values)) }),
            errors: Dictionary(uniqueKeysWithValues: errors.map { ($0.key.replacingOccurrences(of: "businessCase.", with: ""), $0.value) }),
            errorList: errorList, preview: preview, errorCount: errorList.count)
    }

    @Sendable func submit(req: Request) async throws -> Response {
        let input = try FormInput(req)
        var values = input.fields
        values["submoduleCodes"] = (input.lists["submoduleCodes"] ?? []).joined(separator: ",")
        values["subsidiaryCodes"] = (input.lists["subsidiaryCodes"] ?? []).joined(separator: ",")
        do {
            var body = try Self.body(input)
            if input.fields["intent"] == "save" {
                // Without a preferred date, the plan is for the earliest go-live, as previewed.
                if body.provisionalGoLive == nil {
                    let preview = try await preview(req, body)
                    body = body.with(provisionalGoLive: preview.goLive)
                }
                let id = try await MigrationCreation.create(body, actor: try req.currentUser().actor, services: req.cutover, db: req.db)
                return req.redirect(to: "/migrations/\(id)?saved=created")
            }
            return try await req.page("new-migration", try await model(req, values: values, errors: [:], preview: try await preview(req, body)))
        } catch {
            guard let api = APIError(domain: error), api.status != .forbidden else { throw error }
            // A date box's error is shown on its date ("provisionalGoLive-month").
            let field = DateInput.boxes.reduce(api.field ?? "form") { name, box in name.hasSuffix("-\(box)") ? String(name.dropLast(box.count + 1)) : name }
            let key = field.hasPrefix("blackouts") ? (field.hasSuffix("end") ? "blackoutEnd" : "blackoutStart") : field
            return try await req.page("new-migration", try await model(req, values: values, errors: [key: MigrationPages.sentence(api.message)], preview: nil), status: .unprocessableEntity)
        }
    }

    /// The API's body, from the form: one blackout at most here (more through the API).
    static func body(_ input: FormInput) throws -> CreateMigrationBody {
        try input.checkDates()
        func required(_ name: String, _ label: String) throws -> String {
            guard let value = input.fields[name], !value.isEmpty else { throw APIError.invalid(name, "Choose or enter the \(label)") }
            return value
        }
        func day(_ name: String, _ label: String) throws -> Day? {
            guard let text = input.fields[name], !text.isEmpty else { return nil }
            do { return try Day(parsing: text) } catch { throw APIError.invalid(name, "\(label): \(error.description)") }
        }
        var blackouts: [Blackout] = []
        if let start = try day("blackoutStart", "Blackout start") {
            guard let end = try day("blackoutEnd", "Blackout end") else { throw APIError.invalid("blackoutEnd", "Enter when the blackout ends") }
            guard start <= end else { throw APIError.invalid("blackoutEnd", "The blackout must end on or after its start") }
            blackouts.append(Blackout(range: DayRange(uncheckedStart: start, end: end), reason: input.fields["blackoutReason"] ?? ""))
        }
        return CreateMigrationBody(
            practiceOdsCode: try required("practiceOdsCode", "practice"),
            sourceProductCode: try required("sourceProductCode", "current system"),
            targetProductCode: try required("targetProductCode", "new system"),
            submoduleCodes: input.lists["submoduleCodes"], subsidiaryCodes: input.lists["subsidiaryCodes"],
            businessCase: BusinessCase(drivers: input.fields["businessCase.drivers"] ?? "", considerations: input.fields["businessCase.considerations"] ?? "",
                                       strategicFit: input.fields["businessCase.strategicFit"] ?? ""),
            provisionalGoLive: try day("provisionalGoLive", "Preferred go-live"), blackouts: blackouts, overrides: nil)
    }

    /// The plan for the preferred go-live (or the earliest feasible one), checked as the
    /// API would check it, without saving.
    func preview(_ req: Request, _ body: CreateMigrationBody) async throws -> Preview {
        let today = req.cutover.today
        let input = try MigrationCreation.check(body, today: today)
        let source = try await Validate.product(body.sourceProductCode, kind: .principal, field: "sourceProductCode", on: req.db)
        _ = try await Validate.product(body.targetProductCode, kind: .principal, field: "targetProductCode", on: req.db)
        let subsidiaries = try await Validate.products(body.subsidiaryCodes ?? [], kind: .subsidiary, field: "subsidiaryCodes", on: req.db)
        // The plan the migration will have once saved: every supplier whose data moves, each with its own notice.
        let extractSuppliers = ExtractSupplier.whoseDataMoves(
            oldSystem: source.extractSource, subsidiaries: subsidiaries.map(\.extractSource),
            notice: input.overrides["dataExtractNoticeDays"], standardNotice: input.template.dataExtractNoticeDays)
        let planner = Planner(template: input.template, calendar: WorkingCalendar(blackouts: input.blackouts), extractSuppliers: extractSuppliers)
        let earliest = planner.earliestFeasibleGoLive(from: today)
        guard let goLive = body.provisionalGoLive ?? earliest else {
            throw APIError.invalid("provisionalGoLive", "No go-live can be met in the next three years with these blackouts")
        }
        let report = planner.report(goLive: goLive, today: today)
        return Preview(
            timeline: TimelineChart(plan: report.plan, today: today, blackouts: input.blackouts),
            table: PlanTable(plan: report.plan, today: today, done: []), findings: FindingList(report.findings),
            earliest: earliest?.longDescription ?? "none in the next three years",
            feasible: report.feasible ? "Go-live on \(goLive.longDescription) can be met." : "Go-live on \(goLive.longDescription) can no longer be met as planned.",
            goLive: goLive)
    }
}
