/// The critical days (final data production to two working days after go-live) must be
/// free of the practice's own closures and busy periods.
public struct CriticalWindowBlackoutRule: Rule {
    public let id = "critical-window-blackout"
    public init() {}

    public func evaluate(_ context: PlanContext) -> [Finding] {
        let window = context.plan.criticalWindow
        return context.calendar.blackouts.filter { $0.range.overlaps(window) }.map { blackout in
            Finding(
                rule: id, subject: blackout.range.description, severity: .critical,
                message: "The critical days \(window.start.shortDescription) to \(window.end.shortDescription) overlap the blackout \(blackout).",
                milestone: .cutover,
                action: "Move go-live so that final data production to two days after go-live falls outside the blackout.",
                audience: .wholeMigration)
        }
    }
}
