import Foundation
import MigrationKit
import NIOConcurrencyHelpers

/// Migrations kept in memory, for tests of what is decided about a migration and how its
/// versions follow one another, without a database. A save checks and moves the version
/// under one lock, as the conditional UPDATE does in the database.
final class InMemoryMigrationStore: MigrationRepository {
    private let kept = NIOLockedValueBox<[UUID: MigrationAggregate]>([:])

    init(_ migrations: [MigrationAggregate] = []) {
        kept.withLockedValue { kept in for migration in migrations { kept[migration.id] = migration } }
    }

    func load(_ ids: [UUID]) async throws -> [MigrationAggregate] {
        kept.withLockedValue { kept in ids.compactMap { kept[$0] } }
    }

    func save(_ next: MigrationAggregate, over current: MigrationAggregate, at now: Date) async throws -> MigrationAggregate {
        let saved = next.saving(over: current, at: now)
        return try kept.withLockedValue { kept in
            guard kept[current.id]?.record.version == current.record.version else { throw APIError.stale }
            kept[current.id] = saved
            return saved
        }
    }

    func insert(_ migration: MigrationAggregate) async throws {
        let inserted = migration.inserting
        try kept.withLockedValue { kept in
            guard kept[migration.id] == nil else { throw APIError(.conflict, "exists", "a migration with this id is already kept") }
            kept[migration.id] = inserted
        }
    }
}
