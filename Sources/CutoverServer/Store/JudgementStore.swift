import Foundation
import Fluent
import MigrationKit
import SQLKit

/// The kept judgements (`Judgement`, table `migration_judgements`): one per migration, for
/// the version and the day it was judged on, and good for that pair only.
struct JudgementStore {
    let sql: any SQLDatabase

    init(_ db: any Database) {
        self.init(sql: db as! any SQLDatabase)
    }

    init(sql: any SQLDatabase) {
        self.sql = sql
    }

    /// What the migration of a row lists (`listed AS kept_listed`), as the JSON object
    /// `MigrationList.Listed` wrote; nil when none was kept with its judgement.
    static func listed(in row: any SQLRow) throws -> String? {
        guard !(try row.decodeNil(column: "kept_listed")) else { return nil }
        let listed = try row.decode(column: "kept_listed", as: String.self)
        // An object with members, as `JSONWriter.object(continuing:)` writes on from.
        guard listed.utf8.count > 2, listed.utf8.first == UInt8(ascii: "{"), listed.utf8.last == UInt8(ascii: "}") else { return nil }
        return listed
    }

    /// What is kept of one version of a migration on one day: its judgement, what its lists
    /// show of it (`MigrationList.Listed`, as JSON), and the steps it waits on with whose
    /// turn each is.
    struct Kept: Sendable {
        let id: UUID
        let version: Int
        let judgement: Judgement
        let listed: String
        let steps: [WaitingStep]
    }

    /// Keeps each judgement as its migration's, unless one already kept is for a later
    /// version or day (a slower writer must not put back an older status), and its waiting
    /// steps in place of those of its older versions (the work queue reads only the steps
    /// of a migration's current version). Of two versions of one migration (a batch of
    /// changes may hold both), only the later is kept.
    func keep(_ items: [Kept]) async throws {
        guard !items.isEmpty else { return }
        let items = Array(Dictionary(items.map { ($0.id, $0) }, uniquingKeysWith: { $0.version >= $1.version ? $0 : $1 }).values)
        let values = items.map { item -> SQLQueryString in
            "(\(bind: item.id), \(bind: item.version), \(bind: item.judgement.day.description), \(bind: item.judgement.keptText), \(bind: item.listed))"
        }
        try await sql.raw("""
            INSERT INTO migration_judgements (migration_id, version, judged_on, judgement, listed) VALUES
            """ + values.joined(separator: ", ") + """
             ON CONFLICT (migration_id) DO UPDATE SET version = excluded.version, judged_on = excluded.judged_on, judgement = excluded.judgement, listed = excluded.listed
            WHERE excluded.version > migration_judgements.version
               OR (excluded.version = migration_judgements.version AND excluded.judged_on >= migration_judgements.judged_on)
            """).run()
        let older = items.map { item -> SQLQueryString in "(migration_id = \(bind: item.id) AND version <= \(bind: item.version))" }
        try await sql.raw("DELETE FROM migration_steps WHERE " + older.joined(separator: " OR ")).run()
        let steps = items.flatMap { item in
            item.steps.map { step -> SQLQueryString in
                "(\(bind: UUID()), \(bind: item.id), \(bind: item.version), \(bind: step.organisation), \(bind: step.title), \(bind: step.deadline?.rawValue), \(bind: step.due?.description))"
            }
        }
        guard !steps.isEmpty else { return }
        // Another instance may be keeping the same steps at this moment (M034).
        try await sql.raw("INSERT INTO migration_steps (id, migration_id, version, organisation_id, title, deadline, due) VALUES " + steps.joined(separator: ", ")
                          + " ON CONFLICT DO NOTHING").run()
    }

    /// Up to `limit` migrations with no judgement for their current version on `day`.
    func unjudged(on day: Day, limit: Int) async throws -> [UUID] {
        try await sql.raw("""
            SELECT m.id FROM migrations m LEFT JOIN migration_judgements j
              ON j.migration_id = m.id AND j.version = m.version AND j.judged_on = \(bind: day.description)
            WHERE j.migration_id IS NULL LIMIT \(literal: limit)
            """).all().map { try $0.decode(column: "id", as: UUID.self) }
    }

    /// Forgets the judgements of the migrations that use `product`: its lead time is part
    /// of their plans, so their deadlines may have moved.
    func forget(usingProduct product: UUID) async throws {
        try await sql.raw("""
            DELETE FROM migration_judgements WHERE migration_id IN (SELECT id FROM migrations WHERE \(MigrationStore.using(product: product)))
            """).run()
    }

    /// Forgets the judgements of the migrations of `practice`: their lists show its name.
    func forget(ofPractice practice: UUID) async throws {
        try await sql.raw("DELETE FROM migration_judgements WHERE migration_id IN (SELECT id FROM migrations WHERE practice_id = \(bind: practice))").run()
    }

    /// Forgets every judgement and waiting step: at start, since the rules that made them
    /// may have changed.
    func forgetAll() async throws {
        try await sql.raw("DELETE FROM migration_judgements").run()
        try await sql.raw("DELETE FROM migration_steps").run()
    }
}

extension MigrationAggregate {
    /// What `JudgementStore` keeps of this version on `today`: its judgement and waiting steps.
    /// `facts` are this version's on `today`, when the caller has them already.
    func kept(policy: AccessPolicy, today: Day, facts: MigrationFacts? = nil) -> JudgementStore.Kept {
        // One state for both: the plan and what it needs are worked out once.
        let facts = facts ?? self.facts(today: today)
        let judgement = Judgement(facts.state, parties: parties, day: today)
        return JudgementStore.Kept(id: id, version: record.version, judgement: judgement,
                                   listed: MigrationList.Listed(self, judgement: judgement).json,
                                   steps: WaitingStep.all(of: self, facts: facts, policy: policy, today: today))
    }
}
