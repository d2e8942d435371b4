import Fluent
import MigrationKit
import SQLKit
import Vapor

/// The one way a migration changes: in a transaction, check the version the client read,
/// apply the change, bump the version with a conditional UPDATE, replan, and write the
/// audit event.
struct MigrationWriter {
    let services: CutoverServices
    let actor: Actor

    /// Runs `change` against the migration `id` as `actor`. `expectedVersion` comes from
    /// `If-Match`; without it the version read inside the transaction is used.
    func change(
        _ id: UUID, expectedVersion: Int?, on database: any Database,
        authorize: @escaping @Sendable (MigrationAggregate) throws -> WorkflowAction,
        _ change: @Sendable @escaping (MigrationAggregate, any Database) async throws -> AuditEntry
    ) async throws -> MigrationAggregate {
        let services = services
        let actor = actor
        let work: @Sendable () async throws -> MigrationAggregate = {
            try await database.transaction { db in
                guard let aggregate = try await MigrationAggregate.load(id, on: db),
                      services.policy.canSee(actor, aggregate.parties) else { throw APIError.notFound() }
                try services.policy.authorize(try authorize(aggregate), by: actor, on: aggregate.parties)
                let version = aggregate.record.version
                if let expectedVersion, expectedVersion != version { throw APIError.stale }
                let entry = try await change(aggregate, db)
                try await Self.bumpVersion(id, from: version, at: services.now, on: db)
                aggregate.record.version = version + 1
                aggregate.record.updatedAt = services.now
                try await aggregate.record.save(on: db)
                guard let reloaded = try await MigrationAggregate.load(id, on: db) else { throw APIError.notFound() }
                try await Replanner(today: services.today, now: services.now).replan(reloaded, reason: entry.action, on: db)
                try await Self.audit(entry, migrationID: id, actor: actor, at: services.now, on: db)
                return try await MigrationAggregate.load(id, on: db)!
            }
        }
        if let gate = services.writeGate { return try await gate.run(work) }
        return try await work()
    }

    /// The optimistic lock. Fluent's `update` does not check rows affected, so the check is
    /// a conditional UPDATE that returns the row only when the version still matches.
    static func bumpVersion(_ id: UUID, from version: Int, at now: Date, on db: any Database) async throws {
        let rows = try await (db as! any SQLDatabase).update(MigrationRecord.schema)
            .set("version", to: SQLBind(version + 1))
            .where("id", .equal, SQLBind(id))
            .where("version", .equal, SQLBind(version))
            .returning("version")
            .all()
        guard !rows.isEmpty else { throw APIError.stale }
    }

    /// Records a change in the audit log and counts it (`ChangeCounter`), so that cached
    /// reads see it: every change is audited, so every change is counted.
    static func audit(_ entry: AuditEntry, migrationID: UUID?, actor: Actor, at now: Date, on db: any Database) async throws {
        let event = AuditEvent()
        event.migrationID = migrationID
        event.userID = actor.userID
        event.organisationID = actor.organisationID
        event.at = now
        event.action = entry.action
        event.entity = entry.entity
        event.entityID = entry.entityID
        event.supplierID = entry.supplierID
        event.before = entry.before
        event.after = entry.after
        try await event.create(on: db)
        try await ChangeCounter.bump(on: db)
    }
}
