import Fluent
import MigrationKit
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
        let queue = WorkQueueStore(list: list)
        var overdue: [Task] = []
        var upcoming: [Task] = []
        for due in try await queue.deadlines(dueBy: DueSoon.horizon(from: today, calendar: WorkingCalendar())) {
            let day = due.deadline.due, late = day < today
            let task = Task(
                migrationID: due.migrationID.uuidString, practice: due.practice, what: due.deadline.title, due: day.page, status: late ? "overdue" : "due-soon",
                statusText: late ? "Overdue (\(countdown(to: day, from: today)))" : "Due \(countdown(to: day, from: today))")
            if late { overdue.append(task) } else { upcoming.append(task) }
        }
        let waiting = try await queue.waiting(policy: req.cutover.policy).map {
            Task(migrationID: $0.migrationID.uuidString, practice: $0.practice, what: $0.title, due: nil, status: "grey", statusText: "Waiting for you")
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
