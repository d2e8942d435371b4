import Foundation
import Fluent
import MigrationKit
import SQLKit

/// What a migration's plan has written beside it, as last kept: its deadline rows (which
/// lists and the portfolio query), the calendar entries it has published and its latest
/// plan version. A change reads them in the same select as the migration
/// (`MigrationStore.loadForChange`), so the replanner writes only what moved without
/// asking again.
struct StoredPlan: Sendable {
    struct Deadline: Decodable, Sendable {
        let id: UUID, kind: DeadlineID, due: Day, done: Bool
    }

    struct Version: Decodable, Sendable {
        let number: Int, goLive: String

        enum CodingKeys: String, CodingKey {
            case number
            case goLive = "go_live"
        }
    }

    var deadlines: [Deadline] = []
    var published: [CalendarStore.Published] = []
    var latest: Version?

    /// The parts of `RecordTables`' select that read it.
    static let deadlinesPart = RecordTables.Part(
        name: "deadlines",
        columns: [("id", "id", "UUID"), ("migration_id", "migration_id", "UUID"), ("kind", "kind", "TEXT"), ("due", "due", "TEXT"), ("done", "done", "BOOLEAN")],
        from: { ids in "FROM deadlines WHERE migration_id IN (\(binds: ids))" })

    static let calendarPart = RecordTables.Part(
        name: "calendar_events",
        columns: CalendarStore.PublishedRow.columns.map { ($0.name, $0.name, $0.type) },
        from: { ids in "FROM calendar_events WHERE migration_id IN (\(binds: ids))" })

    static let versionPart = RecordTables.Part(
        name: "plan_versions",
        columns: [("migration_id", "migration_id", "UUID"), ("number", "number", "BIGINT"), ("go_live", "go_live", "TEXT")],
        from: { ids in
            """
            FROM plan_versions v WHERE migration_id IN (\(binds: ids))
            AND number = (SELECT MAX(number) FROM plan_versions w WHERE w.migration_id = v.migration_id)
            """
        })

    static let parts = [deadlinesPart, calendarPart, versionPart]

    /// The stored plan of each migration in `rows` (read with `parts`), by migration.
    static func of(_ rows: RecordTables.Rows) throws -> [UUID: StoredPlan] {
        var plans: [UUID: StoredPlan] = [:]
        for (row, deadline) in try rows.decode(Deadline.self, part: deadlinesPart) {
            plans[try rows.column("migration_id", of: row, in: deadlinesPart, as: UUID.self), default: StoredPlan()].deadlines.append(deadline)
        }
        for (_, entry) in try rows.decode(CalendarStore.PublishedRow.self, part: calendarPart) {
            plans[entry.migrationID, default: StoredPlan()].published.append(entry.published)
        }
        for (row, version) in try rows.decode(Version.self, part: versionPart) {
            plans[try rows.column("migration_id", of: row, in: versionPart, as: UUID.self), default: StoredPlan()].latest = version
        }
        return plans
    }

    /// The stored plan of one migration, read on its own (for changes that did not load it
    /// with the migration: schema upgrades).
    static func read(of id: UUID, on db: any Database) async throws -> StoredPlan {
        try of(try await RecordTables.rows(of: [id], parts: parts, in: db as! any SQLDatabase))[id] ?? StoredPlan()
    }
}
