import Fluent
import MigrationKit
import SQLKit
import Vapor

/// The one way a migration changes: in a transaction, load it once, check the version the
/// client read, change a copy, replan it, save what differs behind the conditional version
/// UPDATE (`MigrationStore.save`), and write the audit event.
struct MigrationWriter {
    let services: CutoverServices
    let actor: Actor

    /// The migration after a change, and the change's audit entry (which names the item a
    /// step created).
    struct Changed: Sendable {
        let migration: MigrationAggregate
        let entry: AuditEntry
    }

    /// Runs `change` against the migration `id` as `actor`. `expectedVersion` comes from
    /// `If-Match`, and a stale one is refused. Without it the client asked for no check, so
    /// a change that lost a race with another writer (on PostgreSQL, or another instance)
    /// is tried again on the migration as it now is, and may then be refused on its merits.
    func change(
        _ id: UUID, expectedVersion: Int?, on database: any Database,
        authorize: @escaping @Sendable (MigrationAggregate) throws -> WorkflowAction,
        _ change: @Sendable @escaping (inout MigrationAggregate, any Database) async throws -> AuditEntry
    ) async throws -> Changed {
        var attempt = 1
        while true {
            do {
                return try await once(id, expectedVersion: expectedVersion, on: database, authorize: authorize, change)
            } catch let error as APIError where error.code == APIError.stale.code && expectedVersion == nil && attempt < Self.attempts {
                attempt += 1
            }
        }
    }

    /// Tries for a change sent without `If-Match` that keeps losing races (writers normally
    /// queue on the row lock; this covers one that wrote without taking it).
    static let attempts = 5

    private func once(
        _ id: UUID, expectedVersion: Int?, on database: any Database,
        authorize: @escaping @Sendable (MigrationAggregate) throws -> WorkflowAction,
        _ change: @Sendable @escaping (inout MigrationAggregate, any Database) async throws -> AuditEntry
    ) async throws -> Changed {
        let services = services
        let actor = actor
        return try await services.write(on: database) { db in
            if case .postgres = services.configuration.storage {
                // Writers of one migration queue here, so one without If-Match waits its
                // turn instead of losing the race at the version check.
                try await (db as! any SQLDatabase).raw("SELECT id FROM migrations WHERE id = \(bind: id) FOR UPDATE").run()
            }
            let store = MigrationStore(db)
            guard let current = try await store.load(id), services.policy.canSee(actor, current.parties) else { throw APIError.notFound() }
            // Not allowed comes before stale, and stale before the step's own refusals.
            try services.policy.authorize(try authorize(current), by: actor, on: current.parties)
            if let expectedVersion, expectedVersion != current.record.version { throw APIError.stale }
            let (next, entry) = try await decide(current, authorize: authorize, change, on: db)
            let replanner = Replanner(today: services.today, now: services.now)
            let saved = try await store.save(next, over: current, at: services.now)
            try await replanner.record(saved, reason: entry.action, on: db)
            // The lists show the change at once, not after the next refresh.
            try await JudgementStore(db).keep([saved.kept(policy: services.policy, today: services.today)])
            try await Self.audit(entry, migrationID: id, version: saved.record.version, actor: actor, at: services.now, on: db)
            return Changed(migration: saved, entry: entry)
        }
    }

    /// The decision on a step for `current`: the migration as the step leaves it, replanned,
    /// with its audit entry; or the refusal it throws (not allowed, wrong state, bad input).
    /// Nothing is written; the pages ask the same question to offer a form (see the tests).
    func decide(
        _ current: MigrationAggregate,
        authorize: @Sendable (MigrationAggregate) throws -> WorkflowAction,
        _ change: @Sendable (inout MigrationAggregate, any Database) async throws -> AuditEntry,
        on db: any Database
    ) async throws -> (MigrationAggregate, AuditEntry) {
        try services.policy.authorize(try authorize(current), by: actor, on: current.parties)
        var next = current
        let entry = try await change(&next, db)
        return (Replanner(today: services.today, now: services.now).replanned(next), entry)
    }

    /// Records a change in the audit log, in the transaction that makes it.
    /// `version` is the migration's version after the change, so its history can be read
    /// in order and checked for gaps.
    static func audit(_ entry: AuditEntry, migrationID: UUID?, version: Int? = nil, actor: Actor, at now: Date, on db: any Database) async throws {
        try await (db as! any SQLDatabase).insert(into: AuditEvent.schema)
            .model(AuditRow(entry, migrationID: migrationID, version: version, actor: actor, at: now), nilEncodingStrategy: .asNil).run()
    }
}
