/// The window of one phase in a plan.
public struct Milestone: Hashable, Sendable {
    public let phase: Phase
    public let window: DayRange

    public var id: String { phase.id }
    public var title: String { phase.title }
    public var start: Day { window.start }
    public var end: Day { window.end }
}

/// One dated deadline in a plan.
public struct Deadline: Hashable, Sendable {
    public let kind: DeadlineKind
    public let due: Day

    public var id: String { kind.id }
    public var title: String { kind.title }
    public var owner: Party { kind.owner }
    public var phase: Phase { kind.phase }
}
