/// A go-live on a weekend, bank holiday or blackout day cannot happen: nobody is there to
/// sign off the go-live data.
public struct GoLiveNonWorkingDayRule: Rule {
    public let id = "go-live-non-working-day"
    public init() {}

    public func evaluate(_ context: PlanContext) -> [Finding] {
        let goLive = context.plan.goLive
        guard let reason = context.calendar.reasonNotWorking(goLive) else { return [] }
        let better = context.calendar.workingDay(onOrAfter: goLive)
        return [Finding(
            rule: id, severity: .critical,
            message: "Go-live is set for \(goLive.longDescription), which is not a working day (\(reason)).",
            milestone: .goLive,
            action: "Move go-live to a working day, for example \(better.longDescription), and agree it with the new system's supplier.",
            // The reason may be one of the practice's blackouts, which suppliers do not see.
            audience: context.calendar.blackout(on: goLive) == nil ? .everyone : .wholeMigration)]
    }
}
