import Fluent
import SQLKit

/// What a change of a migration leaves beside it: its audit event, and its kept judgement
/// for the lists. Every change writes both, to the same tables, so on SQLite the write gate
/// writes the trails of a whole batch of changes with one statement a table, after the
/// batch's writers have run: each statement waits its turn on SQLite's thread, and these
/// were four of the nine statements a change ran in the gate (README, Speed).
struct ChangeTrail: Sendable {
    var audits: [AuditRow] = []
    var kept: [JudgementStore.Kept] = []

    mutating func append(_ other: ChangeTrail) {
        audits += other.audits
        kept += other.kept
    }

    /// Writes the trails, in the transaction of the changes that left them.
    func write(on db: any Database) async throws {
        if !audits.isEmpty {
            try await (db as! any SQLDatabase).insert(into: AuditEvent.schema).models(audits, nilEncodingStrategy: .asNil).run()
        }
        try await JudgementStore(db).keep(kept)
    }
}
