/// The new system's supplier is paid on M2, the buyer's confirmation of service stability;
/// the commissioner confirms it within `serviceStabilityDays` of go-live (default 60).
public struct ServiceStabilityNotRecordedRule: Rule {
    public let id = "service-stability-not-recorded"
    public init() {}

    public func evaluate(_ state: MigrationState) -> [Finding] {
        guard let goLive = state.wentLiveOn, state.serviceStability == nil else { return [] }
        let days = state.planner.template.serviceStabilityDays
        guard state.today > goLive + days else { return [] }
        let supplier = state.liveScheduleAs(.target).first?.supplier
        return [Finding(
            rule: id, severity: .warning,
            message: "Service stability (M2) is not recorded \(days) days after the go-live on \(goLive.longDescription).",
            milestone: .endOfMigration,
            action: "The commissioner confirms service stability so the new system's supplier is paid.",
            audience: supplier.map { .scheduleA(supplier: $0) } ?? .wholeMigration)]
    }
}
