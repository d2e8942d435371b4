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
}
