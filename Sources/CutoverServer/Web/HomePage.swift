import Fluent
import MigrationKit
import SQLKit
import Vapor

/// "What needs me now": my overdue and upcoming deadlines, Schedule As waiting for me,
/// extract forms to send or return, sign-offs to give, and my migrations.
struct HomePage: Encodable {
    struct Task: Encodable {
        let migrationID: String
        let practice: String
        let what: String
        let due: String?
        let status: String
        let statusText: String
    }

    let layout: Layout
    let greeting: String
    let overdue: [Task]
    let upcoming: [Task]
    let waiting: [Task]
    let migrations: [MigrationRow]
    let totalMigrations: Int
    /// Leaf treats every list as true, so emptiness is passed as counts.
    let counts: [String: Int]

    struct MigrationRow: Encodable {
        let id: String
        let practice: String
        let route: String
        let phase: String
        let goLive: String
        let status: String
        let statusText: String
    }

    static func rows(_ items: [MigrationList.Item]) -> [MigrationRow] {
        items.map { item in
            MigrationRow(
                id: item.id.uuidString, practice: "\(item.practiceName) (\(item.practiceOdsCode))", route: "\(item.sourceProduct) to \(item.targetProduct)",
                phase: (Phase(id: item.currentPhase) ?? .decisionAndFunding).title, goLive: item.goLive?.page ?? "not set",
                status: item.rag.rawValue, statusText: Self.statusText(item))
        }
    }

    /// The migration's own status in words as well as colour, with its reason (`RAG`).
    static func statusText(_ item: MigrationList.Item) -> String {
        item.status == .completed ? "Completed" : "\(item.rag.rawValue.capitalizingFirst): \(item.ragReason)"
    }

    static func build(_ req: Request) async throws -> HomePage {
        let current = try req.currentUser()
        let actor = current.actor
        let today = req.cutover.today
        let list = MigrationList(db: req.db, actor: actor, policy: req.cutover.policy, today: today)
        let sql = req.db as! any SQLDatabase
        let scope: SQLQueryString = list.scope.map { " AND " + $0 } ?? ""
        let horizon = DueSoon.horizon(from: today, calendar: WorkingCalendar())

        // Deadlines this organisation owns on its migrations.
        var ownership: [SQLQueryString] = []
        // An empty IN () is an error in PostgreSQL: parties that own no deadline add none.
        func owned(_ party: Party, _ extra: SQLQueryString? = nil) {
            let kinds = DeadlineKind.allCases.filter { $0.owner == party }
            guard !kinds.isEmpty else { return }
            var condition: SQLQueryString = "d.kind IN (\(binds: kinds.map(\.rawValue)))"
            // Subsidiary systems' extract requests: ids of the kind followed by the supplier.
            if kinds.contains(.dataExtractRequest) { condition = "(" + condition + " OR d.supplier_id IS NOT NULL)" }
            ownership.append(extra.map { "(" + condition + " AND " + $0 + ")" } ?? condition)
        }
        switch actor.kind {
        case .practice: owned(.practice)
        case .commissioner: owned(.commissioner)
        case .deliveryPartner: owned(.deliveryPartner)
        case .supplier:
            owned(.targetSupplier, "m.target_supplier_id = \(bind: actor.organisationID)")
            owned(.sourceSupplier, "m.source_supplier_id = \(bind: actor.organisationID)")
        case .national: break
        }
        var overdue: [Task] = []
        var upcoming: [Task] = []
        if !ownership.isEmpty {
            let query: SQLQueryString = "SELECT d.kind, d.due, m.id, p.name, o.name AS supplier_name FROM deadlines d JOIN migrations m ON m.id = d.migration_id JOIN practices p ON p.id = m.practice_id LEFT JOIN organisations o ON d.kind = \(bind: DeadlineKind.dataExtractRequest.rawValue) AND o.id = COALESCE(d.supplier_id, m.source_supplier_id) WHERE d.done = \(false) AND d.due <= \(bind: horizon.description) AND (" + ownership.joined(separator: " OR ") + ")" + scope + " ORDER BY d.due LIMIT 50"
            for row in try await sql.raw(query).all() {
                guard let key = DeadlineID(rawValue: try row.decode(column: "kind", as: String.self)),
                      let due = Day(try row.decode(column: "due", as: String.self)),
                      key.kind != .runOffEnd, key.kind != .legacySupportEnd else { continue }
                let late = due < today
                let deadline = Deadline(key, due: due, supplierName: try row.decode(column: "supplier_name", as: String?.self))
                let task = Task(
                    migrationID: try row.decode(column: "id", as: UUID.self).uuidString, practice: try row.decode(column: "name", as: String.self),
                    what: deadline.title, due: due.page, status: late ? "overdue" : "due-soon",
                    statusText: late ? "Overdue (\(countdown(to: due, from: today)))" : "Due \(countdown(to: due, from: today))")
                if late { overdue.append(task) } else { upcoming.append(task) }
            }
        }

        // Records waiting for this organisation's step.
        var waiting: [Task] = []
        func add(_ query: SQLQueryString, _ what: @escaping (String) -> String) async throws {
            for row in try await sql.raw(query + scope + " LIMIT 50").all() {
                waiting.append(Task(
                    migrationID: try row.decode(column: "id", as: UUID.self).uuidString, practice: try row.decode(column: "name", as: String.self),
                    what: what(try row.decode(column: "item", as: String.self)), due: nil, status: "grey", statusText: "Waiting for you"))
            }
        }
        let base: SQLQueryString = " JOIN migrations m ON m.id = x.migration_id JOIN practices p ON p.id = m.practice_id WHERE "
        switch actor.kind {
        case .commissioner:
            try await add("SELECT m.id, p.name, x.kind AS item FROM schedule_as x" + base + "x.status = 'called-off'") { "Accept or reject the \($0) Schedule A" }
            try await add("SELECT m.id, p.name, m.status AS item FROM migrations x JOIN practices p ON p.id = x.practice_id JOIN migrations m ON m.id = x.id WHERE x.status = 'proposed'") { _ in "Approve the business case and record funding" }
        case .supplier:
            try await add("SELECT m.id, p.name, x.kind AS item FROM schedule_as x" + base + "x.status = 'commissioner-accepted' AND x.supplier_id = \(bind: actor.organisationID)") { "Accept or reject the \($0) Schedule A" }
            try await add("SELECT m.id, p.name, x.status AS item FROM extract_requests x" + base + "x.status = 'form-requested' AND x.supplier_id = \(bind: actor.organisationID)") { _ in "Send your extract request form to the practice" }
            try await add("SELECT m.id, p.name, x.status AS item FROM extract_requests x" + base + "x.status = 'form-returned' AND (x.supplier_id = \(bind: actor.organisationID) OR m.target_supplier_id = \(bind: actor.organisationID))") { _ in "Transfer the extract and confirm it" }
        case .practice:
            try await add("SELECT m.id, p.name, x.status AS item FROM extract_requests x" + base + "x.status = 'form-sent'") { _ in "Return the extract form with the data production dates" }
            try await add("SELECT m.id, p.name, m.status AS item FROM migrations x JOIN practices p ON p.id = x.practice_id JOIN migrations m ON m.id = x.id WHERE x.status = 'live' AND NOT EXISTS (SELECT 1 FROM sign_offs s WHERE s.migration_id = x.id AND s.kind = 'deployment-survey')") { _ in "Fill in the deployment survey" }
        case .deliveryPartner, .national: break
        }
        // Who registers is a region setting (the delivery partner unless the region says otherwise).
        if req.cutover.policy.settings.registersMigration.organisationKind == actor.kind {
            try await add("SELECT m.id, p.name, m.status AS item FROM migrations x JOIN practices p ON p.id = x.practice_id JOIN migrations m ON m.id = x.id WHERE x.status = 'approved'") { _ in "Register the migration" }
        }

        let page = try await list.page(MigrationFilter(pagination: Pagination(page: 1, per: 20)))
        return HomePage(
            layout: Layout(req, title: "What needs me now", section: "home"),
            greeting: "\(current.user.name), \(current.organisation.name)",
            overdue: overdue, upcoming: upcoming, waiting: waiting,
            migrations: rows(page.items), totalMigrations: page.total,
            counts: ["overdue": overdue.count, "upcoming": upcoming.count, "waiting": waiting.count, "migrations": page.items.count])
    }
}
