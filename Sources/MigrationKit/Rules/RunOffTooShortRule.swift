/// The old system stays readable for 45 days after go-live as standard; less leaves the
/// practice without its history while data problems are still being found.
public struct RunOffTooShortRule: Rule {
    public let id = "run-off-too-short"
    public static let standardDays = 45
    public init() {}

    public func evaluate(_ context: PlanContext) -> [Finding] {
        let days = context.plan.goLive.days(to: context.plan.deadline(.runOffEnd).due)
        guard days < Self.standardDays else { return [] }
        return [Finding(
            rule: id, severity: .warning,
            message: "Read-only access to the old system ends \(days) days after go-live; the standard is \(Self.standardDays).",
            milestone: .endOfMigration, deadline: .runOffEnd,
            action: "Agree a run-off of at least \(Self.standardDays) days with the commissioner and the new system's supplier.")]
    }
}
