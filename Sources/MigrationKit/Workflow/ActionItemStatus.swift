/// The life of an action item agreed at a project meeting.
public enum ActionItemStatus: String, CaseIterable, Sendable, Codable {
    case open
    case done
    case cancelled
}
