/// One lesson from the guide, checked against something we know about a migration.
///
/// `Subject` is what the rule reads: `PlanContext` for the planning rules; the tracking
/// service adds rules over its stored state with a subject of its own.
public protocol Rule<Subject>: Sendable {
    associatedtype Subject
    /// Stable id, used as the prefix of every finding the rule raises.
    var id: String { get }
    func evaluate(_ subject: Subject) -> [Finding]
}

/// A list of rules over the same subject, evaluated in turn.
public struct RuleSet<Subject>: Sendable {
    public var rules: [any Rule<Subject>]

    public init(_ rules: [any Rule<Subject>]) {
        self.rules = rules
    }

    /// Every finding, most severe first; within a severity, in rule order.
    public func evaluate(_ subject: Subject) -> [Finding] {
        let findings = rules.flatMap { $0.evaluate(subject) }
        return findings.enumerated()
            .sorted { ($1.element.severity, $0.offset) < ($0.element.severity, $1.offset) }
            .map(\.element)
    }

    public func adding(_ more: [any Rule<Subject>]) -> RuleSet {
        RuleSet(rules + more)
    }
}
