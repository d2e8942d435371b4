import Foundation
import Fluent
import Logging
import MigrationKit

/// Keeps every migration's judgement current for the lists (`JudgementStore`). A judgement
/// holds for one day and one version: changes keep their own as they are written, and this
/// judges the rest each day, a batch at a time, loading and judging outside the write so
/// that steps wait only for the short write of a batch.
struct JudgementRefresher {
    let services: CutoverServices
    let db: any Database

    static let batch = 100

    /// Judges every migration that has no judgement for today and its current version;
    /// answers how many it judged.
    @discardableResult
    func refresh() async throws -> Int {
        let today = services.today
        var judged = 0
        while true {
            let ids = try await JudgementStore(db).unjudged(on: today, limit: Self.batch)
            let migrations = try await MigrationStore(db).load(ids)
            // `keep` never puts back an older version than a step wrote meanwhile.
            try await services.write(on: db) { db in
                try await JudgementStore(db).keep(migrations.map { $0.kept(policy: services.policy, today: today) })
            }
            judged += migrations.count
            // Fewer than asked for: that was the last batch. None loaded: none can be.
            if ids.count < Self.batch || migrations.isEmpty { return judged }
        }
    }

    /// At start, forgets every judgement (the rules may have changed with this build) and
    /// judges them all again; then every minute judges what is new or has a new day.
    func run(logger: Logger) async {
        do {
            try await services.write(on: db) { try await JudgementStore($0).forgetAll() }
        } catch {
            logger.error("Could not clear the kept judgements: \(error)")
        }
        await repeatRounds(every: .seconds(60), logger: logger, failure: "Judging migrations failed (the lists judge them as they show them meanwhile)") {
            let judged = try await refresh()
            if judged > 0 { logger.info("Judged \(judged) migrations for \(services.today).") }
        }
    }
}
