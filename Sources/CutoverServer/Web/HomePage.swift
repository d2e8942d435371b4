import Fluent
import MigrationKit
import Vapor

/// "What needs me now", as a task list (the NHS.UK pattern): for the signed-in person, the
/// steps the model says each migration waits on them for, and the deadlines they own that
/// are overdue or due in the next six weeks, grouped by migration, each with a link to
/// where it is done. Then their migrations.
struct HomePage: FramedPage {
    /// One thing to do, with where to do it and its status in words as well as colour.
    struct Task: Encodable {
        let what: String
        let link: String
        let status: String
        let statusText: String
    }

    /// A migration's tasks, most urgent first.
    struct Group: Encodable {
        let practice: String
        let link: String
        let tasks: [Task]
    }

    /// A phase of the process, for a practice that has not started a migration yet.
    struct PhaseOutline: Encodable {
        let number: Int
        let title: String
        let practiceDoes: String?
    }

    let layout: Layout
    let greeting: String
    let groups: [Group]
    let migrations: [MigrationRow]
    let totalMigrations: Int
    /// Offered to someone who may start a migration and follows none yet.
    let startMigration: Bool
    let outline: [PhaseOutline]
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

    static func rows(_ items: [MigrationList.Item]) throws -> [MigrationRow] {
        try items.map { item in
            let listed = try item.listed()
            return MigrationRow(
                id: listed.id.uuidString, practice: "\(listed.practiceName) (\(listed.practiceOdsCode))", route: "\(listed.sourceProduct) to \(listed.targetProduct)",
                phase: (Phase(id: listed.currentPhase) ?? .decisionAndFunding).title, goLive: listed.goLive?.page ?? "not set",
                status: item.rag.colour.rawValue, statusText: item.rag.words(for: listed.status))
        }
    }

    static func build(_ req: Request) async throws -> HomePage {
        let current = try req.currentUser()
        let actor = current.actor
        let policy = req.cutover.policy
        let today = req.cutover.today
        let list = MigrationList(sql: req.reads, actor: actor, policy: policy, today: today)
        let queue = WorkQueueStore(list: list)
        // Each task with its migration and how urgent it is (`rank`, then the day).
        var tasks: [(migration: UUID, practice: String, rank: (Int, Day), task: Task)] = []
        func due(_ day: Day) -> (status: String, text: String) {
            if day < today { return ("overdue", "Overdue: was due \(day.page)") }
            if DueSoon.contains(day, today: today, calendar: WorkingCalendar()) { return ("due-soon", "Due \(day.page) (\(countdown(to: day, from: today)))") }
            return ("grey", "Due \(day.page)")
        }
        // Overdue first, then due within days, then waiting for a step, then the rest.
        func rank(_ status: String, waiting: Bool) -> Int {
            switch status {
            case "overdue": 0
            case "due-soon": 1
            default: waiting ? 2 : 3
            }
        }
        var deadlines: [String: WorkQueueStore.DueDeadline] = [:]
        for deadline in try await queue.deadlines(dueBy: today + DueSoon.taskListDays) {
            deadlines["\(deadline.migrationID) \(deadline.deadline.key.rawValue)"] = deadline
        }
        // A step that meets a deadline itself is shown once, with that deadline's day.
        var merged = 0
        for step in try await queue.waiting(policy: policy) {
            let met = step.deadline.flatMap { deadlines.removeValue(forKey: "\(step.migrationID) \($0.rawValue)") }
            if met != nil { merged += 1 }
            let day = met?.deadline.due ?? step.due
            let status = day.map { due($0).status } ?? "grey"
            let text = day.map { $0 < today ? "Waiting for you: overdue, was due \($0.page)" : "Waiting for you: due \($0.page)" } ?? "Waiting for you"
            tasks.append((step.migrationID, step.practice, (rank(status, waiting: true), day ?? today),
                          Task(what: step.title, link: "/migrations/\(step.migrationID)#next-steps", status: status, statusText: text)))
        }
        for deadline in deadlines.values {
            let day = deadline.deadline.due
            // Notices are sent from their own section; every other task is a next step there.
            let section = [.epsNotice, .thirdPartyNotice].contains(deadline.deadline.kind) ? "notices" : "next-steps"
            tasks.append((deadline.migrationID, deadline.practice, (rank(due(day).status, waiting: false), day),
                          Task(what: deadline.deadline.title, link: "/migrations/\(deadline.migrationID)#\(section)", status: due(day).status, statusText: due(day).text)))
        }
        let groups = Dictionary(grouping: tasks, by: \.migration).values
            .map { group in group.sorted { $0.rank < $1.rank } }
            .sorted { ($0[0].rank.0, $0[0].rank.1, $0[0].practice) < ($1[0].rank.0, $1[0].rank.1, $1[0].practice) }
            .map { group in Group(practice: group[0].practice, link: "/migrations/\(group[0].migration)", tasks: group.map(\.task)) }

        let page = try await list.page(MigrationFilter(pagination: Pagination(page: 1, per: 20)))
        let startMigration = page.total == 0 && policy.startsMigrations(actor)
        // The cards count everything; the list shows the most urgent (`WorkQueueStore` pages).
        let totals = try await queue.deadlineCounts(dueBy: today + DueSoon.taskListDays, today: today, soon: DueSoon.horizon(from: today, calendar: WorkingCalendar()))
        let waitingTotal = try await queue.waitingCount(policy: policy)
        // A step listed with its deadline is one task, though both are counted.
        let shown = tasks.count, all = totals.overdue + totals.dueSoon + totals.later + waitingTotal - merged
        return HomePage(
            layout: Layout(req, title: "What needs me now", section: "home"),
            greeting: "\(current.user.name), \(current.organisation.name)",
            groups: groups, migrations: try rows(page.items), totalMigrations: page.total,
            startMigration: startMigration,
            outline: startMigration ? Phase.allCases.map { PhaseOutline(number: $0.number, title: $0.title, practiceDoes: Checklists.items(for: .practice, in: $0).first?.text) } : [],
            counts: [
                "overdue": totals.overdue, "dueSoon": totals.dueSoon, "waiting": waitingTotal, "later": totals.later,
                "groups": groups.count, "migrations": page.items.count, "shown": shown, "more": max(0, all - shown),
            ])
    }
}
