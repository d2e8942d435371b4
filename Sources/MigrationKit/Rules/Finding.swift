import Foundation

/// Something about a migration that someone should know or act on.
public struct Finding: Hashable, Sendable, Codable {
    /// Who may read it, among those who see the migration: most findings concern everyone
    /// on it, but some tell what only some may know (the practice's blackouts, one
    /// supplier's Schedule A or extract). `AccessPolicy.seesFinding` decides.
    public enum Audience: Hashable, Sendable, Codable {
        case everyone
        case wholeMigration
        case scheduleA(supplier: UUID)
        case extract(supplier: UUID)

        /// One short string ("extract:<supplier id>"), as it is kept: a list reads fifty at a time.
        public var text: String {
            switch self {
            case .everyone: "everyone"
            case .wholeMigration: "whole-migration"
            case .scheduleA(let supplier): "schedule-a:\(supplier)"
            case .extract(let supplier): "extract:\(supplier)"
            }
        }

        public init?(text: some StringProtocol) {
            self.init(utf8: text.utf8)
        }

        /// The same, from the text's UTF-8 bytes (a kept judgement's, read fifty at a time).
        public init?(utf8 text: some Collection<UInt8>) {
            guard let colon = text.firstIndex(of: UInt8(ascii: ":")) else {
                if text.elementsEqual("everyone".utf8) { self = .everyone }
                else if text.elementsEqual("whole-migration".utf8) { self = .wholeMigration }
                else { return nil }
                return
            }
            guard let supplier = UUID(utf8: text[text.index(after: colon)...]) else { return nil }
            let kind = text[..<colon]
            if kind.elementsEqual("schedule-a".utf8) { self = .scheduleA(supplier: supplier) }
            else if kind.elementsEqual("extract".utf8) { self = .extract(supplier: supplier) }
            else { return nil }
        }

        public init(from decoder: any Decoder) throws {
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let audience = Audience(text: text) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "no audience '\(text)'"))
            }
            self = audience
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(text)
        }
    }

    public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
        case info, warning, critical

        private var rank: Int {
            switch self {
            case .info: 0
            case .warning: 1
            case .critical: 2
            }
        }

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    /// Stable across recomputations: the rule's id, followed by what it is about when one
    /// rule can raise several findings (`deadline-missed:eps-notice`), named by an id and
    /// never by a display name that could change or reveal more than the finding does.
    public let id: String
    public let rule: String
    public let severity: Severity
    public let message: String
    /// The id of the phase the finding concerns.
    public let milestone: String
    /// The deadline it concerns, if any.
    public let deadline: String?
    /// What to do about it.
    public let action: String
    /// Not part of the JSON: it decides who gets the finding at all.
    public private(set) var audience: Audience = .everyone

    private enum CodingKeys: String, CodingKey { case id, rule, severity, message, milestone, deadline, action }

    public init(rule: String, subject: String? = nil, severity: Severity, message: String, milestone: Phase, deadline: DeadlineKind? = nil, action: String, audience: Audience = .everyone) {
        self.id = subject.map { "\(rule):\($0)" } ?? rule
        self.rule = rule
        self.severity = severity
        self.message = message
        self.milestone = milestone.id
        self.deadline = deadline?.id
        self.action = action
        self.audience = audience
    }
}
