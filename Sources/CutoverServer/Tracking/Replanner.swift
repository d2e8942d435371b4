import Fluent
import MigrationKit
import Vapor

/// Keeps a migration's stored plan (milestone windows, deadline rows, current phase) in
/// step with its go-live and records; a new go-live adds a plan version, earlier ones stay.
struct Replanner {
    let today: Day
    let now: Date

    func replan(_ aggregate: MigrationAggregate, reason: String, on db: any Database) async throws {
        let record = aggregate.record
        let finished = Set(aggregate.milestones.filter { $0.actualEnd != nil }.compactMap { Phase(rawValue: $0.phase) })
        let phase = MigrationProgress.currentPhase(status: record.status, finished: finished).rawValue
        if record.currentPhase != phase {
            record.currentPhase = phase
            try await record.save(on: db)
        }
        guard let state = aggregate.state(today: today) else { return }
        let plan = state.plan

        var milestones = Dictionary(uniqueKeysWithValues: aggregate.milestones.map { ($0.phase, $0) })
        for milestone in plan.milestones {
            let row = milestones[milestone.phase.rawValue] ?? MilestoneRecord(migrationID: aggregate.id, phase: milestone.phase)
            milestones[milestone.phase.rawValue] = row
            if row.plannedStart != milestone.start || row.plannedEnd != milestone.end || row.id == nil {
                row.plannedStart = milestone.start
                row.plannedEnd = milestone.end
                try await row.save(on: db)
            }
        }

        let done = state.deadlinesDone
        let existing = try await DeadlineRecord.query(on: db).filter(\.$migration.$id == aggregate.id).all()
        var byKind = Dictionary(uniqueKeysWithValues: existing.map { ($0.kind, $0) })
        for deadline in plan.deadlines {
            let isDone = done.contains(deadline.kind)
            if let row = byKind.removeValue(forKey: deadline.kind) {
                if row.due != deadline.due || row.done != isDone {
                    row.due = deadline.due
                    row.done = isDone
                    try await row.save(on: db)
                }
            } else {
                try await DeadlineRecord(migrationID: aggregate.id, kind: deadline.kind, due: deadline.due, done: isDone).create(on: db)
            }
        }

        let latest = try await PlanVersion.query(on: db).filter(\.$migration.$id == aggregate.id).sort(\.$number, .descending).first()
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
