/// A reminder for deadlines due within the next five working days.
public struct DeadlineDueSoonRule: Rule {
    public let id = "deadline-due-soon"
    public static let horizonWorkingDays = 5
    public init() {}

    public func evaluate(_ context: PlanContext) -> [Finding] {
        let horizon = context.calendar.adding(workingDays: Self.horizonWorkingDays, to: context.today)
        return context.plan.deadlines
            .filter { context.today <= $0.due && $0.due <= horizon && !context.done.contains($0.kind) }
            .filter { $0.kind != .runOffEnd && $0.kind != .legacySupportEnd }
            .map { deadline in
                Finding(
                    rule: id, subject: deadline.id, severity: .warning,
                    message: "\(deadline.title): due \(deadline.due == context.today ? "today" : deadline.due.longDescription).",
                    milestone: deadline.phase, deadline: deadline.kind,
                    action: "\(deadline.owner.title) to complete it by \(deadline.due.shortDescription).")
            }
    }
}
