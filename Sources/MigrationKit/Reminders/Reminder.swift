import Foundation

/// A message that something is due, late or waiting, for the people of the organisation
/// responsible. `key` names the occasion, so the same reminder is never made twice (a
/// deadline is due in five working days once, overdue once).
public struct Reminder: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        /// A deadline falls due in five working days ("due soon" begins).
        case dueSoon = "due-soon"
        case dueToday = "due-today"
        case overdue
        /// A step the migration waits on this organisation for.
        case stepWaiting = "step-waiting"
        /// Notice to linked services and third parties: a week before it is due, and on the day.
        case noticeWeekBefore = "notice-week-before"
        case noticeOnTheDay = "notice-on-the-day"
    }

    public let kind: Kind
    public let migration: UUID
    /// The organisation responsible; its people who may see the migration receive it.
    public let organisation: UUID
    /// What it is about: a deadline's title or a step's.
    public let subject: String
    /// When it is (or was) due, if it has a day.
    public let due: Day?
    /// The occasion, unique: the same key is never sent twice to the same person.
    public let key: String

    public init(kind: Kind, migration: UUID, organisation: UUID, subject: String, due: Day?, about: String) {
        self.kind = kind
        self.migration = migration
        self.organisation = organisation
        self.subject = subject
        self.due = due
        key = "\(migration):\(kind.rawValue):\(about):\(due?.description ?? "-")"
    }

    /// The message's subject line, with the practice's name.
    public func headline(practice: String) -> String {
        switch kind {
        case .dueSoon: "Due \(due?.shortDescription ?? "soon"): \(subject) (\(practice))"
        case .dueToday, .noticeOnTheDay: "Due today: \(subject) (\(practice))"
        case .overdue: "Overdue since \(due?.shortDescription ?? "its day"): \(subject) (\(practice))"
        case .stepWaiting: "Waiting for you: \(subject) (\(practice))"
        case .noticeWeekBefore: "Due in a week, \(due?.shortDescription ?? ""): \(subject) (\(practice))"
        }
    }
}
