/// A migration laid out backwards from its go-live day: the window of every phase and
/// the due date of every deadline.
public struct Plan: Hashable, Sendable {
    public let goLive: Day
    /// One per phase, in phase order.
    public let milestones: [Milestone]
    /// In due-date order.
    public let deadlines: [Deadline]
    public let template: ProcessTemplate

    public func milestone(_ phase: Phase) -> Milestone { milestones[phase.rawValue - 1] }

    /// The deadline of `kind`; for the data extract request, the old system's supplier's.
    public func deadline(_ kind: DeadlineKind) -> Deadline {
        deadlines.first { $0.key == DeadlineID(kind) }!
    }

    public var finalDataProduction: Day { milestone(.finalDataProduction).start }
    public var initialDataProduction: Day { milestone(.initialDataProduction).start }

    /// The days that must be kept free of leave, events and busy clinics: from final data
    /// production to two working days after go-live.
    public var criticalWindow: DayRange { DayRange(uncheckedStart: finalDataProduction, end: criticalWindowEnd) }
    let criticalWindowEnd: Day

    /// Deadlines before `today` that are not marked done.
    public func missedDeadlines(today: Day, done: Set<DeadlineID> = []) -> [Deadline] {
        deadlines.filter { $0.due < today && !done.contains($0.key) }
    }

    /// A plan is feasible while no outstanding deadline has passed.
    public func isFeasible(today: Day, done: Set<DeadlineID> = []) -> Bool {
        !deadlines.contains { $0.due < today && !done.contains($0.key) }
    }

    /// The first and last days the plan covers.
    public var span: DayRange {
        let first = min(milestones[0].start, deadlines[0].due)
        let last = max(milestones[milestones.count - 1].end, deadlines[deadlines.count - 1].due)
        return DayRange(uncheckedStart: first, end: last)
    }
}
