import Fluent
import Foundation
import MigrationKit
import SQLKit

/// The migrations waiting for `PlanKeeper` to write their kept plan rows again
/// (`pending_replans`), after a change of the reference data their plans are made from.
struct ReplanQueue {
    let sql: any SQLDatabase

    init(_ db: any Database) { sql = db as! any SQLDatabase }

    /// Queues the migrations under way that use `product`: as old or new system, module or
    /// subsidiary system. Answers how many were queued.
    @discardableResult
    func queue(usingProduct product: UUID, reason: String, at now: Date) async throws -> Int {
        try await queue(reason: reason, at: now, where: MigrationStore.using(product: product))
    }

    /// Queues the migrations under way that move data of `supplier`'s, or move to its
    /// system: their plans name it.
    @discardableResult
    func queue(involvingSupplier supplier: UUID, reason: String, at now: Date) async throws -> Int {
        try await queue(reason: reason, at: now, where: MigrationStore.involving(supplier: supplier))
    }

    private func queue(reason: String, at now: Date, where condition: SQLQueryString) async throws -> Int {
        // A count and one insert, however many migrations: the change's own write stays
        // short. One already waiting keeps its place.
        let open: SQLQueryString = "status <> \(bind: MigrationStatus.completed.rawValue) AND \(condition)"
        let queued = try await sql.raw("SELECT COUNT(*) AS n FROM migrations WHERE \(open)").first()?.decode(column: "n", as: Int.self) ?? 0
        try await sql.raw("""
            INSERT INTO pending_replans (migration_id, reason, queued_at)
            SELECT id, \(bind: reason), \(bind: now) FROM migrations WHERE \(open)
            ON CONFLICT (migration_id) DO NOTHING
            """).run()
        return queued
    }

    /// Takes the `limit` longest waiting off the queue, with why each was queued. Inside
    /// the write that replans them: if it fails, they are still queued.
    func claim(limit: Int) async throws -> [(migration: UUID, reason: String)] {
        try await sql.raw("""
            DELETE FROM pending_replans WHERE migration_id IN (
              SELECT migration_id FROM pending_replans ORDER BY queued_at, migration_id LIMIT \(literal: limit))
            RETURNING migration_id, reason
            """).all().map { (try $0.decode(column: "migration_id", as: UUID.self), try $0.decode(column: "reason", as: String.self)) }
    }

    /// Whether any wait: a read, so that an empty queue costs no write.
    func isEmpty() async throws -> Bool {
        try await sql.raw("SELECT migration_id FROM pending_replans LIMIT 1").first() == nil
    }

    /// How many wait.
    func count() async throws -> Int {
        try await sql.raw("SELECT COUNT(*) AS n FROM pending_replans").first()?.decode(column: "n", as: Int.self) ?? 0
    }
}
