import Foundation

/// A dated entry of a plan as a calendar shows it: the go-live, a phase's window or a
/// deadline. Its key is stable within its migration, so a calendar that subscribed to it
/// moves the entry when its date moves instead of adding another.
public struct PlanEvent: Hashable, Sendable {
    /// "go-live", "phase-3" or "deadline-" and the deadline's id.
    public let key: String
    public let title: String
    public let start: Day
    /// The last day (inclusive).
    public let end: Day
    /// Whose deadline it is; nil for the go-live and the phases, which every party follows.
    public let owner: Party?

    public init(key: String, title: String, start: Day, end: Day, owner: Party?) {
        self.key = key
        self.title = title
        self.start = start
        self.end = end
        self.owner = owner
    }

    public var isGoLive: Bool { key == "go-live" }
}

extension Plan {
    /// The go-live, each phase's planned window, and each deadline, in that order.
    public var events: [PlanEvent] {
        [PlanEvent(key: "go-live", title: "Go-live", start: goLive, end: goLive, owner: nil)]
            + milestones.map { PlanEvent(key: "phase-\($0.phase.rawValue)", title: $0.title, start: $0.start, end: $0.end, owner: nil) }
            + deadlines.map { PlanEvent(key: "deadline-\($0.key.rawValue)", title: $0.title, start: $0.due, end: $0.due, owner: $0.key.kind.owner) }
    }
}
