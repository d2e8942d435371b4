/// Once the new system's Schedule A is accepted, the old system's must already be on its
/// way; otherwise the NHS keeps paying for both.
public struct DecommissionScheduleAMissingRule: Rule {
    public let id = "decommission-schedule-a-missing"
    public init() {}

    public func evaluate(_ state: MigrationState) -> [Finding] {
        guard state.status != .completed,
              state.liveScheduleAs(.target).contains(where: { $0.status == .accepted }),
              state.liveScheduleAs(.decommission).isEmpty else { return [] }
        return [Finding(
            rule: id, severity: .critical,
            message: "The new system's Schedule A is accepted but no Schedule A decommissions the old system.",
            milestone: .procurement, deadline: .scheduleADecommission,
            action: "Call off the decommissioning Schedule A now so payments for the old system stop after the run-off.",
            audience: .wholeMigration)]
    }
}
