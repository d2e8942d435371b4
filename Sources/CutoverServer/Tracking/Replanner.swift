import Fluent
import MigrationKit
import SQLKit
import Vapor

/// Keeps a migration's stored plan in step with its go-live and records: the current phase
/// and each milestone's planned window travel with the migration (`replanned`); the
/// deadline rows that lists and the portfolio query, the portfolio's sums and a plan
/// version for each new go-live are written beside it (`record`).
struct Replanner {
    let today: Day
    let now: Date

    /// `aggregate` with its current phase and milestone windows worked out again.
    func replanned(_ aggregate: MigrationAggregate) -> MigrationAggregate {
        var next = aggregate
        next.record.currentPhase = MigrationProgress.currentPhase(status: next.record.status, finished: next.finishedPhases).rawValue
        guard let goLive = next.record.planGoLive else { return next }
        let plan = next.planner.plan(goLive: goLive)
        for milestone in plan.milestones {
            if let index = next.milestones.firstIndex(where: { $0.phase == milestone.phase.rawValue }) {
                next.milestones[index].plannedStart = milestone.start
                next.milestones[index].plannedEnd = milestone.end
            } else {
                next.milestones.append(MilestoneRow(id: UUID(), migrationID: next.id, phase: milestone.phase.rawValue,
                                                    plannedStart: milestone.start, plannedEnd: milestone.end))
            }
        }
        return next
    }

    /// Writes the deadline rows of `aggregate`'s plan, a plan version when its go-live is
    /// not the one last recorded, and what it adds to the portfolio's sums.
    func record(_ aggregate: MigrationAggregate, reason: String, on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        let state = aggregate.state(today: today)
        try await PortfolioCounts(sql: sql).keep(aggregate.portfolioEntry(state: state), of: aggregate.id)
        guard let state else { return }
        let plan = state.plan
        let done = state.deadlinesDone
        struct Stored: Decodable {
            let id: UUID, kind: DeadlineID, due: Day, done: Bool
        }
        let existing = try await sql.select().columns("id", "kind", "due", "done").from(DeadlineRecord.schema)
            .where("migration_id", .equal, aggregate.id).all(decoding: Stored.self)
        var byKey = Dictionary(existing.map { ($0.kind, $0) }, uniquingKeysWith: { first, _ in first })
        for deadline in plan.deadlines {
            let isDone = done.contains(deadline.key)
            if let row = byKey.removeValue(forKey: deadline.key) {
                if row.due != deadline.due || row.done != isDone {
                    try await sql.update(DeadlineRecord.schema).set("due", to: SQLBind(deadline.due)).set("done", to: SQLBind(isDone))
                        .where("id", .equal, row.id).run()
                }
            } else {
                try await DeadlineRecord(migrationID: aggregate.id, key: deadline.key, due: deadline.due, done: isDone).create(on: db)
            }
        }
        // Deadlines the plan no longer has (a subsidiary system dropped, say).
        let gone = byKey.values.map(\.id)
        if !gone.isEmpty { try await sql.delete(from: DeadlineRecord.schema).where("id", .in, gone).run() }

        // What calendars that subscribed to this migration show moves with the plan.
        try await CalendarStore(db).keep(plan.events, of: aggregate.id, at: now)

        struct Latest: Decodable { let number: Int, goLive: String
            enum CodingKeys: String, CodingKey { case number, goLive = "go_live" } }
        let latest = try await sql.select().columns("number", "go_live").from(PlanVersion.schema).where("migration_id", .equal, aggregate.id)
            .orderBy("number", .descending).limit(1).first(decoding: Latest.self)
        if latest?.goLive != plan.goLive.description {
            let version = PlanVersion()
            version.$migration.id = aggregate.id
            version.number = (latest?.number ?? 0) + 1
            version.goLive = plan.goLive.description
            version.reason = reason
            version.createdAt = now
            let report = PlanReport(plan: plan, today: today, feasible: state.planner.isFeasible(plan, today: today, done: done), earliestFeasibleGoLive: nil, findings: [])
            version.plan = JSONText.encode(report)
            try await version.create(on: db)
        }
    }
}
