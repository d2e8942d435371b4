/// A plan seen from a given day: the plan, whether it can still be met, the earliest
/// go-live that can, and the findings. Its JSON form is the contract documented in the
/// README, read by the web service and by outside checks.
public struct PlanReport: Sendable {
    public let plan: Plan
    public let today: Day
    public let feasible: Bool
    public let earliestFeasibleGoLive: Day?
    public let findings: [Finding]
    /// Deadlines already met, and the day each was met where the records say.
    public let done: Set<DeadlineID>
    public let metOn: [DeadlineID: Day]

    public init(plan: Plan, today: Day, feasible: Bool, earliestFeasibleGoLive: Day?, findings: [Finding],
                done: Set<DeadlineID> = [], metOn: [DeadlineID: Day] = [:]) {
        self.plan = plan
        self.today = today
        self.feasible = feasible
        self.earliestFeasibleGoLive = earliestFeasibleGoLive
        self.findings = findings
        self.done = done.union(metOn.keys)
        self.metOn = metOn
    }
}

extension Planner {
    /// Plans for `goLive` and judges the plan from `today` with the given rules.
    public func report(goLive: Day, today: Day, done: Set<DeadlineID> = [], rules: RuleSet<PlanContext> = .planning) -> PlanReport {
        let plan = plan(goLive: goLive)
        let context = PlanContext(plan: plan, calendar: calendar, today: today, done: done)
        return PlanReport(
            plan: plan, today: today,
            feasible: isFeasible(plan, today: today, done: done),
            earliestFeasibleGoLive: earliestFeasibleGoLive(from: today),
            findings: rules.evaluate(context), done: done)
    }
}

extension PlanReport: Encodable {
    private enum Keys: String, CodingKey {
        case goLive, today, feasible, earliestFeasibleGoLive, milestones, deadlines, findings
    }

    private struct MilestoneJSON: Encodable {
        let id: String, phase: Int, title: String, start: Day, end: Day
    }

    private struct DeadlineJSON: Encodable {
        let id: String, due: Day, title: String, owner: String, done: Bool, metOn: Day?
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(plan.goLive, forKey: .goLive)
        try container.encode(today, forKey: .today)
        try container.encode(feasible, forKey: .feasible)
        // Always present, null when no go-live can be met within the search horizon.
        try container.encode(earliestFeasibleGoLive, forKey: .earliestFeasibleGoLive)
        try container.encode(
            plan.milestones.map { MilestoneJSON(id: $0.id, phase: $0.phase.number, title: $0.title, start: $0.start, end: $0.end) },
            forKey: .milestones)
        try container.encode(
            plan.deadlines.map {
                DeadlineJSON(id: $0.id, due: $0.due, title: $0.title, owner: $0.owner.rawValue, done: done.contains($0.key), metOn: metOn[$0.key])
            },
            forKey: .deadlines)
        try container.encode(findings, forKey: .findings)
    }
}
