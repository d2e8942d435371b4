/// The guide's lesson: modules of the new system (appointments, document management, data
/// entry forms) need their own Schedule A and are easily forgotten.
public struct SubmoduleWithoutScheduleARule: Rule {
    public let id = "submodule-without-schedule-a"
    public init() {}

    public func evaluate(_ state: MigrationState) -> [Finding] {
        guard state.status != .live && state.status != .completed else { return [] }
        let ordered = Set(state.liveScheduleAs(.submodule).map(\.product))
        let due = state.plan.deadline(.scheduleATarget).due
        return state.submodules.filter { !ordered.contains($0.product) }.map { submodule in
            Finding(
                rule: id, subject: submodule.product.uuidString.lowercased(), severity: due < state.today ? .critical : .warning,
                message: "\(submodule.name) is part of the new system but has no Schedule A.",
                milestone: .procurement,
                action: "Call off a Schedule A for \(submodule.name) alongside the one for the new system.",
                audience: .wholeMigration)
        }
    }
}
