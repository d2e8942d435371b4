import Fluent
import MigrationKit
import SQLKit
import Vapor

/// The one way a migration changes: load it once, check the version the client read,
/// change a copy, replan it, then in one transaction save what differs behind the
/// conditional version UPDATE (`MigrationStore.save`), with its kept plan (when the change
/// moves it), portfolio sums (when it moves them), judgement and audit event.
///
/// The first attempt loads and decides before the write, so that on SQLite, where writes
/// take turns, a step holds the write only to write; the conditional UPDATE refuses it if
/// another writer got in between. A change sent without `If-Match` that lost that race is
/// tried again, then loaded and decided inside the write, where (behind the write gate on
/// SQLite, the row lock on PostgreSQL) no other writer can get in.
struct MigrationWriter {
    let services: CutoverServices
    let actor: Actor

    /// The migration after a change, and the change's audit entry (which names the item a
    /// step created), with its state on the day the change was decided (for the answer).
    struct Changed: Sendable {
        let migration: MigrationAggregate
        let entry: AuditEntry
        let state: MigrationState?
        let today: Day
    }

    /// A step's change, decided against the migration as loaded; not yet written.
    private struct Decided: Sendable {
        let current: MigrationAggregate
        let next: MigrationAggregate
        let entry: AuditEntry
        /// The saved version's state on `today`, the day the change was decided on.
        let state: MigrationState?
        let today: Day
        let kept: JudgementStore.Kept
        /// Whether the change moves the plan or what of it is done, and so the plan rows
        /// kept beside the migration (deadlines, calendar entries, plan versions).
        let movesPlan: Bool
        /// What the saved version adds to the portfolio's sums, when not what the loaded one did.
        let portfolio: PortfolioEntry?
    }

    /// Runs `change` against the migration `id` as `actor`. `expectedVersion` comes from
    /// `If-Match`, and a stale one is refused. Without it the client asked for no check, so
    /// a change that lost a race with another writer is tried again on the migration as it
    /// now is, and may then be refused on its merits. `alsoWrite` writes what the change
    /// keeps outside the migration's records, in its transaction.
    func change(
        _ id: UUID, expectedVersion: Int?, on database: any Database,
        authorize: @escaping @Sendable (MigrationAggregate) throws -> WorkflowAction,
        alsoWrite: (@Sendable (MigrationAggregate, any Database) async throws -> Void)? = nil,
        _ change: @Sendable @escaping (inout MigrationAggregate, any Database) async throws -> AuditEntry
    ) async throws -> Changed {
        var attempt = 1
        while true {
            do {
                if attempt == 1 {
                    let decided = try await loadAndDecide(id, expectedVersion: expectedVersion, on: database, loadingFrom: services.reads(on: database.eventLoop, logger: database.logger, else: database), authorize: authorize, change)
                    return try await services.write(on: database, leaving: { db in try await self.write(decided, alsoWrite: alsoWrite, on: db) })
                }
                return try await services.write(on: database, leaving: { db in
                    if case .postgres = services.configuration.storage {
                        // Writers of one migration queue here, so this one cannot lose again.
                        try await (db as! any SQLDatabase).raw("SELECT id FROM migrations WHERE id = \(bind: id) FOR UPDATE").run()
                    }
                    let decided = try await loadAndDecide(id, expectedVersion: expectedVersion, on: db, loadingFrom: db as! any SQLDatabase, authorize: authorize, change)
                    return try await self.write(decided, alsoWrite: alsoWrite, on: db)
                })
            } catch let error as APIError where error.code == APIError.stale.code && expectedVersion == nil && attempt < Self.attempts {
                attempt += 1
            }
        }
    }

    /// Tries for a change sent without `If-Match` that keeps losing races (after the first,
    /// writers queue for the migration; this covers one that wrote without queueing).
    static let attempts = 5

    /// Loads the migration from `reads` (the reader before the write path, the transaction
    /// in it), checks who may see and change it and the version the client read, and
    /// decides the change, with what the lists will be told of it.
    private func loadAndDecide(
        _ id: UUID, expectedVersion: Int?, on db: any Database, loadingFrom reads: any SQLDatabase,
        authorize: @escaping @Sendable (MigrationAggregate) throws -> WorkflowAction,
        _ change: @Sendable @escaping (inout MigrationAggregate, any Database) async throws -> AuditEntry
    ) async throws -> Decided {
        guard let current = try await MigrationStore(sql: reads).load(id), services.policy.canSee(actor, current.parties) else { throw APIError.notFound() }
        // Not allowed comes before stale, and stale before the step's own refusals.
        try services.policy.authorize(try authorize(current), by: actor, on: current.parties)
        if let expectedVersion, expectedVersion != current.record.version { throw APIError.stale }
        let (next, entry) = try await decide(current, authorize: authorize, change, on: db)
        let saved = next.saving(over: current, at: services.now)
        // The plan of the saved version is worked out once: for its judgement, to compare and
        // for the answer.
        let today = services.today
        let facts = saved.facts(today: today)
        let (before, after) = (current.state(today: today), facts.state)
        let portfolio = saved.portfolioEntry(state: after)
        return Decided(current: current, next: next, entry: entry, state: after, today: today, kept: saved.kept(policy: services.policy, today: today, facts: facts),
                       movesPlan: before?.plan != after?.plan || before?.deadlinesDone != after?.deadlinesDone,
                       portfolio: portfolio == current.portfolioEntry(state: before) ? nil : portfolio)
    }

    /// Writes a decided change: the migration (refused as stale if its version moved since
    /// it was loaded) and its plan; it leaves its judgement for the lists and its audit
    /// event as its trail, which the write path writes after it in its transaction.
    private func write(_ decided: Decided, alsoWrite: (@Sendable (MigrationAggregate, any Database) async throws -> Void)?, on db: any Database) async throws -> (Changed, ChangeTrail) {
        let saved = try await MigrationStore(db).save(decided.next, over: decided.current, at: services.now)
        try await alsoWrite?(saved, db)
        if decided.movesPlan {
            try await Replanner(today: services.today, now: services.now).record(saved, reason: decided.entry.action, on: db)
        } else if let portfolio = decided.portfolio {
            try await PortfolioCounts(sql: db as! any SQLDatabase).keep(portfolio, of: saved.id)
        }
        // The kept judgement lets the lists show the change at once, not after the next refresh.
        let trail = ChangeTrail(audits: [AuditRow(decided.entry, migrationID: saved.id, version: saved.record.version, actor: actor, at: services.now)],
                                kept: [decided.kept])
        return (Changed(migration: saved, entry: decided.entry, state: decided.state, today: decided.today), trail)
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
        try await ChangeTrail(audits: [AuditRow(entry, migrationID: migrationID, version: version, actor: actor, at: now)]).write(on: db)
    }
}
