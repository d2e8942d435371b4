/// A deadline that has passed without being met puts the go-live date at risk.
public struct DeadlineMissedRule: Rule {
    public let id = "deadline-missed"
    public init() {}

    public func evaluate(_ context: PlanContext) -> [Finding] {
        context.plan.missedDeadlines(today: context.today, done: context.done)
            .filter { $0.due <= context.plan.goLive }
            .map { deadline in
                let late = deadline.due.days(to: context.today)
                return Finding(
                    rule: id, subject: deadline.id, severity: .critical,
                    message: "\(deadline.title): was due \(deadline.due.longDescription), \(late) day\(late == 1 ? "" : "s") ago.",
                    milestone: deadline.phase, deadline: deadline.kind,
                    action: "\(deadline.owner.title) to do it now, then check whether the go-live date still holds.")
            }
    }
}
