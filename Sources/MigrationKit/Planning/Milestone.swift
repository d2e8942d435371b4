import Foundation

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
    public let key: DeadlineID
    public let due: Day
    /// For a data extract request: the name of the supplier to ask, where it is known.
    public let supplierName: String?

    public init(_ key: DeadlineID, due: Day, supplierName: String? = nil) {
        self.key = key
        self.due = due
        self.supplierName = supplierName
    }

    public init(kind: DeadlineKind, due: Day) {
        self.init(DeadlineID(kind), due: due)
    }

    public var kind: DeadlineKind { key.kind }
    public var id: String { key.rawValue }
    public var title: String { supplierName.map { "Send the data extract request to \($0)" } ?? kind.title }
    public var owner: Party { kind.owner }
    public var phase: Phase { kind.phase }
}
