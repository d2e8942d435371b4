/// What an import did, or would do: rows counted by outcome, every bad row's problems (line,
/// column, reason), and the rows left out because they have nowhere to go.
public struct OrderImportReport: Hashable, Sendable, Codable {
    public var rows = 0
    public var created = 0
    public var updated = 0
    public var unchanged = 0
    /// Rows with at least one problem.
    public var badRows = 0
    public var problems: [OrderProblem] = []
    /// Rows whose milestones are not recorded against a migration: its practice has none, or
    /// it moves another product. (Each is also counted by what else it changed.)
    public var leftOut: [OrderProblem] = []
    /// Whether the changes were written (not a dry run, and no bad row unless skipped).
    public var imported = false
    public var dryRun = false
    /// Why the file could not be read at all (then there are no rows).
    public var fileError: String?

    public init() {}

    /// The report on a file that could not be read as a whole.
    public init(fileError: OrderFileError, dryRun: Bool) {
        self.fileError = fileError.description
        self.dryRun = dryRun
    }

    mutating func bad(_ found: [OrderProblem]) {
        badRows += 1
        problems += found
    }

    private enum Keys: String, CodingKey {
        case rows, created, updated, unchanged, badRows, problems, leftOut, imported, dryRun, fileError, summary, succeeded
    }

    /// As decoded, with the summary and the outcome added for readers of the JSON.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(summary, forKey: .summary)
        try c.encode(succeeded, forKey: .succeeded)
        try c.encode(imported, forKey: .imported)
        try c.encode(dryRun, forKey: .dryRun)
        try c.encode(rows, forKey: .rows)
        try c.encode(created, forKey: .created)
        try c.encode(updated, forKey: .updated)
        try c.encode(unchanged, forKey: .unchanged)
        try c.encode(badRows, forKey: .badRows)
        try c.encode(problems, forKey: .problems)
        try c.encode(leftOut, forKey: .leftOut)
        try c.encodeIfPresent(fileError, forKey: .fileError)
    }

    /// Whether the import did what was asked: imported, or a dry run that found no bad row.
    public var succeeded: Bool { fileError == nil && (badRows == 0 || imported) }

    /// One sentence for people: what happened and what to do next.
    public var summary: String {
        if let fileError { return "Nothing was imported: \(fileError)." }
        let counts = "\(rows) row\(rows == 1 ? "" : "s"): \(created) created, \(updated) updated, \(unchanged) unchanged, \(badRows) bad"
            + (leftOut.isEmpty ? "" : ", \(leftOut.count) left out")
        if badRows > 0 && !imported {
            return "Nothing was imported: \(counts). Correct the rows listed, or skip the bad ones, and import again."
        }
        if dryRun { return "A trial run, nothing was written: \(counts)." }
        if created + updated == 0 { return "Nothing changed: \(counts). Cutover already holds what this file says." }
        return "Imported: \(counts)."
    }
}
