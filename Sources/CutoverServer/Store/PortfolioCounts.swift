import Foundation
import MigrationKit
import SQLKit

/// The portfolio's sums per audience (`PortfolioEntry`): `portfolio_counts` holds one row
/// per audience, measure and value, `portfolio_entries` what each migration added, so that
/// a change subtracts exactly that. Written in the transaction that writes the migration,
/// and only when its entry changes: a step that leaves stage, go-live, parties and open
/// deadlines as they were (most steps) writes nothing here.
///
/// A sum that falls to nothing keeps its row at 0 (no delete on the write); readers ask for
/// the rows that are not 0.
struct PortfolioCounts {
    let sql: any SQLDatabase

    /// Keeps `entry` as `migration`'s, moving the sums by what differs from the entry kept.
    func keep(_ entry: PortfolioEntry, of migration: UUID) async throws {
        let kept = try await sql.raw("SELECT entry FROM portfolio_entries WHERE migration_id = \(bind: migration)").first()
        let old = try kept.map { row in
            let text = try row.decode(column: "entry", as: String.self)
            guard let old = PortfolioEntry(text: text) else { throw Unreadable(migration: migration, text: text) }
            return old
        }
        guard old != entry else { return }
        try await add(PortfolioEntry.change(from: old, to: entry))
        if kept == nil {
            try await sql.raw("INSERT INTO portfolio_entries (migration_id, entry) VALUES (\(bind: migration), \(bind: entry.text))").run()
        } else {
            try await sql.raw("UPDATE portfolio_entries SET entry = \(bind: entry.text) WHERE migration_id = \(bind: migration)").run()
        }
    }

    /// Adds `change` to the sums, a row started for a sum not yet kept; in statements of at
    /// most 500 rows (four values a row, well inside either database's limit). In the key's
    /// order, so that two writers on PostgreSQL lock shared rows (the national team's) in
    /// the same order and never wait on each other in a circle.
    func add(_ change: [PortfolioEntry.Bucket: Int]) async throws {
        let rows = change.sorted { ($0.key.audience.key, $0.key.measure.rawValue, $0.key.value) < ($1.key.audience.key, $1.key.measure.rawValue, $1.key.value) }
        for start in stride(from: 0, to: rows.count, by: 500) {
            let values = rows[start..<min(start + 500, rows.count)].map { bucket, n -> SQLQueryString in
                "(\(bind: bucket.audience.key), \(bind: bucket.measure.rawValue), \(bind: bucket.value), \(bind: n))"
            }
            try await sql.raw("""
                INSERT INTO portfolio_counts (audience, measure, value, n) VALUES \(values.joined(separator: ", "))
                ON CONFLICT (audience, measure, value) DO UPDATE SET n = portfolio_counts.n + excluded.n
                """).run()
        }
    }

    /// The sums of `measure` for `audience` that are not 0, by value, from `from` on.
    func sums(of measure: PortfolioEntry.Measure, for audience: Audience, from: String = "") async throws -> [(value: String, n: Int)] {
        try await sql.raw("""
            SELECT value, n FROM portfolio_counts
            WHERE audience = \(bind: audience.key) AND measure = \(bind: measure.rawValue) AND value >= \(bind: from) AND n <> 0
            """).all().map { (try $0.decode(column: "value", as: String.self), try $0.decode(column: "n", as: Int.self)) }
    }

    /// The total of `measure` for `audience` over the values before `before`.
    func total(of measure: PortfolioEntry.Measure, for audience: Audience, before: String) async throws -> Int {
        try await sql.raw("""
            SELECT COALESCE(SUM(n), 0) AS n FROM portfolio_counts
            WHERE audience = \(bind: audience.key) AND measure = \(bind: measure.rawValue) AND value < \(bind: before)
            """).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// How many migrations `audience` sees in `phase` with `status` (either, both or neither).
    func migrations(for audience: Audience, phase: Phase?, status: MigrationStatus?) async throws -> Int {
        try await sums(of: .stage, for: audience).reduce(0) { total, sum in
            guard let stage = PortfolioEntry.stage(of: sum.value), phase.map({ $0.rawValue == stage.phase }) ?? true,
                  status.map({ $0 == stage.status }) ?? true else { return total }
            return total + sum.n
        }
    }

    /// Counts every migration again from its records: the entries and sums of a database
    /// kept before there were any (`M045_CreatePortfolioCounts`). Loads 200 at a time.
    func recount(today: Day) async throws {
        struct Row: Decodable { let id: UUID }
        let ids = try await sql.select().column("id").from("migrations").orderBy("id").all(decoding: Row.self).map(\.id)
        var sums: [PortfolioEntry.Bucket: Int] = [:]
        for start in stride(from: 0, to: ids.count, by: 200) {
            for migration in try await MigrationStore(sql: sql).load(Array(ids[start..<min(start + 200, ids.count)])) {
                let entry = migration.portfolioEntry(state: migration.state(today: today))
                for (bucket, n) in entry.counts { sums[bucket, default: 0] += n }
                try await sql.raw("INSERT INTO portfolio_entries (migration_id, entry) VALUES (\(bind: migration.id), \(bind: entry.text))").run()
            }
        }
        try await add(sums)
    }

    struct Unreadable: Error, CustomStringConvertible {
        let migration: UUID, text: String
        var description: String { "the portfolio entry kept for migration \(migration) cannot be read: \(text)" }
    }
}
