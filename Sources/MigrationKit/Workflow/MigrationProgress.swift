/// Which phase a stored migration is in, from what has been recorded rather than from the
/// calendar: the first phase of the main sequence not yet finished, never behind what the
/// status implies.
public enum MigrationProgress {
    public static func currentPhase(status: MigrationStatus, finished: Set<Phase>) -> Phase {
        let floor: Phase = switch status {
        case .proposed: .decisionAndFunding
        case .approved, .registered: .procurement
        case .live: .postGoLive
        case .completed: .endOfMigration
        }
        if status == .completed { return .endOfMigration }
        let sequence = Phase.allCases.filter { !$0.runsAlongside && $0 >= floor }
        return sequence.first { !finished.contains($0) } ?? .endOfMigration
    }

    /// The phases behind a migration: those recorded as finished, every phase of the main
    /// sequence before the current one, and all of them once it has ended.
    public static func donePhases(status: MigrationStatus, finished: Set<Phase>) -> Set<Phase> {
        if status == .completed { return Set(Phase.allCases) }
        let current = currentPhase(status: status, finished: finished)
        return finished.union(Phase.allCases.filter { !$0.runsAlongside && $0 < current })
    }
}
