import Foundation
import MigrationKit

/// Where migrations are kept: each loaded whole, and saved behind its version, so that of
/// two writers of one version only the first is kept. `MigrationStore` keeps them in the
/// database; `InMemoryMigrationStore` in memory, for tests that need no SQL. The contract
/// tests hold the two to the same behaviour.
protocol MigrationRepository: Sendable {
    /// The migrations of `ids` that exist, in that order, with everything recorded against them.
    func load(_ ids: [UUID]) async throws -> [MigrationAggregate]
    /// Keeps `next`, a changed copy of `current`, as the next version (`saving(over:at:)`),
    /// only while `current`'s version is still the kept one; otherwise throws `APIError.stale`
    /// and keeps nothing of `next`.
    func save(_ next: MigrationAggregate, over current: MigrationAggregate, at now: Date) async throws -> MigrationAggregate
    /// Keeps a new migration with everything recorded against it.
    func insert(_ migration: MigrationAggregate) async throws
}

extension MigrationRepository {
    /// The migration with everything recorded against it; nil when there is none.
    func load(_ id: UUID) async throws -> MigrationAggregate? {
        try await load([id]).first
    }
}

extension MigrationAggregate {
    /// This copy as saved over `current` at `now`: one version on, with the time of the
    /// change and its recorded phases as the metrics read them (`OutcomePhases`).
    func saving(over current: MigrationAggregate, at now: Date) -> MigrationAggregate {
        var saved = self
        saved.record.version = current.record.version + 1
        saved.record.updatedAt = now
        saved.record.outcomePhases = OutcomePhases.text(of: saved.milestones)
        return saved
    }

    /// This migration as first kept: with its recorded phases as the metrics read them.
    var inserting: MigrationAggregate {
        var inserted = self
        inserted.record.outcomePhases = OutcomePhases.text(of: milestones)
        return inserted
    }
}
