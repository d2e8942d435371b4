/// A Schedule A still waiting for the commissioner or the supplier once the go-live date
/// should have been confirmed holds up the whole plan.
public struct ScheduleANotAcceptedRule: Rule {
    public let id = "schedule-a-not-accepted"
    public init() {}

    public func evaluate(_ state: MigrationState) -> [Finding] {
        guard state.status == .registered else { return [] }
        let due = state.plan.deadline(.goLiveConfirmed).due
        guard due < state.today else { return [] }
        return state.scheduleAs.enumerated().compactMap { index, scheduleA in
            guard scheduleA.awaitsCommissioner || scheduleA.awaitsSupplier else { return nil }
            let waitingFor = scheduleA.awaitsCommissioner ? "the commissioner" : "the supplier"
            return Finding(
                rule: id, subject: "\(scheduleA.kind.rawValue)-\(index + 1)", severity: .critical,
                message: "A \(scheduleA.kind.rawValue) Schedule A called off on \(scheduleA.calledOffOn.shortDescription) is still waiting for \(waitingFor); acceptances were due by \(due.longDescription).",
                milestone: .procurement, deadline: .goLiveConfirmed,
                action: "Chase \(waitingFor) to accept it on the tracking service.",
                audience: .scheduleA(supplier: scheduleA.supplier))
        }
    }
}
