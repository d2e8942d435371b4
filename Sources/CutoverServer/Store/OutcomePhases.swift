import MigrationKit

/// A migration's phases recorded as started or finished, as one text on its row
/// ("phase,planned end,actual start,actual end" joined with ";"), written by
/// `MigrationStore` with the milestones: the metrics read every migration in scope, and
/// reading its phases from the milestones took most of the metrics page's time.
enum OutcomePhases {
    static func text(of milestones: [MilestoneRow]) -> String {
        milestones.filter { $0.actualStart != nil || $0.actualEnd != nil }.sorted { $0.phase < $1.phase }.map { m in
            "\(m.phase),\(m.plannedEnd?.description ?? ""),\(m.actualStart?.description ?? ""),\(m.actualEnd?.description ?? "")"
        }.joined(separator: ";")
    }

    /// The records of `text`, read as bytes (ASCII digits, dashes and separators).
    static func records(_ text: String) -> [MigrationOutcome.PhaseRecord] {
        text.utf8.split(separator: UInt8(ascii: ";")).compactMap { record in
            let parts = record.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
            guard parts.count == 4, let number = Int(Substring(parts[0])), let phase = Phase(rawValue: number) else { return nil }
            return .init(phase: phase, plannedEnd: Day(iso: parts[1]), actualStart: Day(iso: parts[2]), actualEnd: Day(iso: parts[3]))
        }
    }
}
