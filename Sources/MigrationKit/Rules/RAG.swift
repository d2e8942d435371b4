/// Red, amber or green: the one status a migration shows everywhere (lists, portfolio, home,
/// its page and its JSON), with the one-line reason beside it. Worked out from the findings
/// its reader may see, so the colour never hints at what the reason could not say.
public struct RAG: Hashable, Sendable {
    public enum Colour: String, Codable, Sendable, CaseIterable {
        case red, amber, green
    }

    public let colour: Colour
    public let reason: String

    /// Red when something critical is wrong, amber on a warning, green otherwise; the
    /// reason is the first finding of that severity.
    public init(findings: [Finding]) {
        self.init(findings.lazy.map { ($0.severity, $0.message) })
    }

    /// A status already worked out (a list item carries its colour and reason).
    public init(colour: Colour, reason: String) {
        self.colour = colour
        self.reason = reason
    }

    /// The status in words, the same on every page: an ended migration says so, any other
    /// gives its colour and the reason ("Amber: ...").
    public func words(for status: MigrationStatus) -> String {
        status == .completed ? "Completed" : "\(colour.rawValue.prefix(1).uppercased())\(colour.rawValue.dropFirst()): \(reason)"
    }

    /// The same from findings kept as severity and message (`Judgement.Concern`).
    init(_ findings: some Collection<(severity: Finding.Severity, message: String)>) {
        if let critical = findings.first(where: { $0.severity == .critical }) {
            (colour, reason) = (.red, critical.message)
        } else if let warning = findings.first(where: { $0.severity == .warning }) {
            (colour, reason) = (.amber, warning.message)
        } else {
            (colour, reason) = (.green, "Nothing is late or at risk")
        }
    }
}
