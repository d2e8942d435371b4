import Fluent
import Foundation
import Logging
import MigrationKit

/// Writes again the kept plan rows (deadlines, calendar events, plan versions) of the
/// migrations a change of reference data queued (`ReplanQueue`), a batch to a write. A new
/// lead time on a product thousands of migrations use once held every other write for
/// the whole rewrite (11.8 s for 5,567 migrations); now a step waits at most for one batch.
/// Pages, the API and the lists work plans out from the product as it is now, so only the
/// kept rows (which reminders and calendar feeds read) wait for this.
struct PlanKeeper {
    let services: CutoverServices
    let db: any Database
    /// Migrations to a write: 20 hold the write for about 70 ms on SQLite.
    var batch = 20

    /// Replans every queued migration; answers how many. Each batch is claimed, loaded and
    /// written in one write, so a step taken meanwhile is never overwritten with older records.
    @discardableResult
    func catchUp() async throws -> Int {
        var replanned = 0
        // Looked for with a read: most of the time there is nothing, and a write would
        // queue behind the steps for nothing.
        while try await !ReplanQueue(db).isEmpty() {
            let claimed = try await services.write(on: db) { db in
                let claimed = try await ReplanQueue(db).claim(limit: batch)
                let reasons = Dictionary(claimed, uniquingKeysWith: { first, _ in first })
                let replanner = Replanner(today: services.today, now: services.now)
                for migration in try await MigrationStore(db).load(claimed.map(\.migration)) {
                    try await replanner.record(migration, reason: reasons[migration.id] ?? "reference data", on: db)
                }
                return claimed.count
            }
            replanned += claimed
        }
        return replanned
    }

    /// Works through the queue, what this instance or another queued, and what a stopped
    /// one left, looking every two seconds.
    func run(logger: Logger) async {
        await repeatRounds(every: .seconds(2), logger: logger, failure: "Replanning after a change of reference data failed (tried again shortly)") {
            let replanned = try await catchUp()
            if replanned > 0 { logger.info("Replanned \(replanned) migrations after a change of reference data.") }
        }
    }
}
