/// A reminder for deadlines that are due soon (`DueSoon`).
public struct DeadlineDueSoonRule: Rule {
    public let id = "deadline-due-soon"
    public init() {}

    public func evaluate(_ context: PlanContext) -> [Finding] {
        context.plan.deadlines
            .filter { DueSoon.contains($0.due, today: context.today, calendar: context.calendar) && !context.done.contains($0.key) }
            .filter(\.kind.isTask)
            .map { deadline in
                Finding(
                    rule: id, subject: deadline.id, severity: .warning,
                    message: "\(deadline.title): due \(deadline.due == context.today ? "today" : deadline.due.longDescription).",
                    milestone: deadline.phase, deadline: deadline.kind,
                    action: "\(deadline.owner.title) to complete it by \(deadline.due.shortDescription).")
            }
    }
}
