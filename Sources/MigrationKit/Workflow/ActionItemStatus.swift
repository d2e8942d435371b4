/// The life of an action item agreed at a project meeting.
public enum ActionItemStatus: String, CaseIterable, Sendable, Codable {
    case open
    case done
    case cancelled

    /// What an item can become: an open one done or cancelled, a done or cancelled one
    /// opened again.
    public var next: [ActionItemStatus] { self == .open ? [.done, .cancelled] : [.open] }
}
