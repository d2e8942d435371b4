import Fluent
import Vapor

/// What the migration page shows besides the migration itself: the checklist items ticked
/// and the latest history, with the names of who did what.
struct MigrationActivity {
    /// How many history events the page shows.
    static let recentEvents = 20

    let ticks: Set<String>
    /// Newest first, before hiding what a supplier may not see.
    let events: [AuditEvent]
    let userNames: [UUID: String]

    static func load(_ id: UUID, on db: any Database) async throws -> MigrationActivity {
        let ticks = try await ChecklistTick.query(on: db).filter(\.$migration.$id == id).all().map(\.itemID)
        let events = try await AuditEvent.query(on: db).filter(\.$migrationID == id).sort(\.$at, .descending).range(0..<recentEvents).all()
        let users = try await User.query(on: db).filter(\.$id ~~ Array(Set(events.compactMap(\.userID)))).all()
        return MigrationActivity(
            ticks: Set(ticks), events: events,
            userNames: Dictionary(uniqueKeysWithValues: users.map { ($0.id!, $0.name) }))
    }
}
