/// The new supplier accepted its Schedule A but offered other days instead of confirming
/// the one asked for: someone must pick one.
public struct GoLiveNotConfirmedRule: Rule {
    public let id = "go-live-not-confirmed"
    public init() {}

    public func evaluate(_ state: MigrationState) -> [Finding] {
        guard state.status == .registered,
              let target = state.liveScheduleAs(.target).first(where: { $0.status == .accepted }),
              target.confirmedGoLive == nil else { return [] }
        let offered = target.proposedGoLives.map(\.shortDescription).joined(separator: ", ")
        return [Finding(
            rule: id, severity: .warning,
            message: "The new supplier could not take the go-live asked for and offered: \(offered).",
            milestone: .procurement, deadline: .goLiveConfirmed,
            action: "Agree one of the offered days with the practice and commissioner, then ask the supplier to confirm it.",
            audience: .scheduleA(supplier: target.supplier))]
    }
}
