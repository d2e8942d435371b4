/// The guide puts the cut-over (final data production to go-live) at 3 days to 2 weeks:
/// shorter leaves no time for the import, longer means weeks of re-entering data.
public struct CutoverLengthRule: Rule {
    public let id = "cutover-length"
    public static let shortest = 3
    public static let longest = 14
    public init() {}

    public func evaluate(_ context: PlanContext) -> [Finding] {
        let days = context.plan.finalDataProduction.days(to: context.plan.goLive)
        if days < Self.shortest {
            return [Finding(
                rule: "cutover-too-short", severity: .warning,
                message: "The cut-over is \(days) day\(days == 1 ? "" : "s") long; the guide allows at least \(Self.shortest).",
                milestone: .cutover,
                action: "Bring final data production earlier or move go-live later.")]
        }
        if days > Self.longest {
            return [Finding(
                rule: "cutover-too-long", severity: .warning,
                message: "The cut-over is \(days) days long; the guide suggests at most 2 weeks, and everything recorded meanwhile must be re-entered.",
                milestone: .cutover,
                action: "Shorten the cut-over by moving final data production closer to go-live.")]
        }
        return []
    }
}
