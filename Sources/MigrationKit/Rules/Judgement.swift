/// A migration as its lists show it on one day: the findings that colour its status (each
/// with who may read it), its next deadline and how many deadlines are overdue. It holds
/// for that day and that version of the migration only. The server keeps one per
/// migration, so that a page of fifty need not load and judge fifty migrations; it is
/// worked out here, from the same state and rules as the migration's own page.
public struct Judgement: Hashable, Sendable {
    /// A warning or critical finding, kept with its audience so each reader gets the
    /// status their own findings give (`RAG`).
    public struct Concern: Hashable, Sendable {
        public let severity: Finding.Severity
        public let message: String
        public let audience: Finding.Audience
    }

    /// The next deadline not yet met, from the day on.
    public struct NextDeadline: Hashable, Sendable {
        public let id: DeadlineID
        public let due: Day
    }

    public let day: Day
    public let parties: MigrationParties
    /// Only those that can be a reader's reason (`reasons(among:)`).
    public let concerns: [Concern]
    public let nextDeadline: NextDeadline?
    public let overdueDeadlines: Int

    /// `state` is nil for a migration with no go-live yet: nothing to judge, so green.
    public init(_ state: MigrationState?, parties: MigrationParties, day: Day) {
        self.day = day
        self.parties = parties
        concerns = Self.reasons(among: state.map(RuleSet<MigrationState>.tracking.evaluate) ?? [])
        nextDeadline = state?.nextDeadline.map { NextDeadline(id: $0.key, due: $0.due) }
        overdueDeadlines = state?.overdueDeadlines.count ?? 0
    }

    init(day: Day, parties: MigrationParties, concerns: [Concern], nextDeadline: NextDeadline?, overdueDeadlines: Int) {
        self.day = day
        self.parties = parties
        self.concerns = concerns
        self.nextDeadline = nextDeadline
        self.overdueDeadlines = overdueDeadlines
    }

    /// The findings that can be some reader's reason, criticals first: `RAG` gives each
    /// reader the first critical finding they may read, else the first warning. Whoever may
    /// read a migration reads its findings for everyone, so no finding after one of those is
    /// ever the reason (nor any warning, after a critical one for everyone); nor is one
    /// whose audience an earlier finding of its severity had. A list reads fifty kept
    /// judgements back: a migration with overdue deadlines kept five concerns, of which
    /// only the first could ever be given.
    static func reasons(among findings: [Finding]) -> [Concern] {
        var reasons: [Concern] = []
        for severity in [Finding.Severity.critical, .warning] {
            var audiences: Set<Finding.Audience> = []
            for finding in findings where finding.severity == severity && audiences.insert(finding.audience).inserted {
                reasons.append(Concern(severity: severity, message: finding.message, audience: finding.audience))
                if finding.audience == .everyone { break }
            }
            if audiences.contains(.everyone) { break }
        }
        return reasons
    }

    /// The status `actor` sees: from the findings they may read, as on the migration's page.
    public func rag(for actor: Actor, policy: AccessPolicy) -> RAG {
        Self.rag(among: concerns, for: actor, policy: policy, parties: parties)
    }

    /// The status from the concerns `actor` may read.
    static func rag(among concerns: [Concern], for actor: Actor, policy: AccessPolicy, parties: MigrationParties) -> RAG {
        RAG(concerns.lazy.filter { policy.sees(actor, parties, $0.audience) }.map { ($0.severity, $0.message) })
    }

    /// From the deadlines alone: "overdue", "due-soon" (within `DueSoon`'s horizon) or "on-track".
    public var deadlineStatus: String {
        if overdueDeadlines > 0 { return "overdue" }
        if let next = nextDeadline, DueSoon.contains(next.due, today: day, calendar: WorkingCalendar()) { return "due-soon" }
        return "on-track"
    }
}
