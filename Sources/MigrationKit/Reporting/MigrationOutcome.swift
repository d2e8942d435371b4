import Foundation

/// What one migration's records say of how it went, as the metrics read it: its old and new
/// systems' suppliers, each phase's planned end beside its actual start and end, and the
/// day it went live.
public struct MigrationOutcome: Sendable {
    public struct PhaseRecord: Sendable {
        public let phase: Phase
        public let plannedEnd: Day?
        public let actualStart: Day?
        public let actualEnd: Day?

        public init(phase: Phase, plannedEnd: Day?, actualStart: Day?, actualEnd: Day?) {
            self.phase = phase
            self.plannedEnd = plannedEnd
            self.actualStart = actualStart
            self.actualEnd = actualEnd
        }
    }

    public let oldSupplier: String
    public let newSupplier: String
    public let phases: [PhaseRecord]
    public let actualGoLive: Day?

    public init(oldSupplier: String, newSupplier: String, phases: [PhaseRecord], actualGoLive: Day?) {
        self.oldSupplier = oldSupplier
        self.newSupplier = newSupplier
        self.phases = phases
        self.actualGoLive = actualGoLive
    }

    /// The old system's last busy day: the final data production, whose extract the new
    /// system starts from.
    public var lastDayOnOldSystem: Day? {
        phases.first { $0.phase == .finalDataProduction }?.actualStart
    }
}
