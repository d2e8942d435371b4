/// The Schedule As for the new system and for decommissioning the old one must be called
/// off by the start of procurement: a warning within five working days, critical after.
public struct ScheduleANotCalledOffRule: Rule {
    public let id = "schedule-a-not-called-off"
    public init() {}

    public func evaluate(_ state: MigrationState) -> [Finding] {
        guard state.status == .approved || state.status == .registered || state.status == .proposed else { return [] }
        return [(ScheduleA.Kind.target, DeadlineKind.scheduleATarget), (.decommission, .scheduleADecommission)].compactMap { kind, deadlineKind in
            let due = state.plan.deadline(deadlineKind).due
            let soon = DueSoon.horizon(from: state.today, calendar: state.planner.calendar)
            guard state.liveScheduleAs(kind).isEmpty, due <= soon else { return nil }
            let late = due < state.today
            let what = kind == .target ? "the new system" : "decommissioning the old system"
            return Finding(
                rule: id, subject: kind.rawValue, severity: late ? .critical : .warning,
                message: late
                    ? "No Schedule A for \(what) has been called off; it was due \(due.longDescription)."
                    : "The Schedule A for \(what) is due to be called off by \(due.longDescription).",
                milestone: .procurement, deadline: deadlineKind,
                action: kind == .target
                    ? "Call off the Schedule A now: the new supplier cannot confirm the go-live date without it."
                    : "Call off the decommissioning Schedule A now, or the NHS keeps paying for the old system after go-live.",
                audience: .wholeMigration)
        }
    }
}
