import MigrationKit
import Vapor

/// The items recorded against a migration that have their own address,
/// `/api/v1/migrations/{id}/<collection>/{itemID}`, and that steps create.
enum MigrationItem: String, CaseIterable, Sendable {
    case scheduleA = "schedule-as"
    case extractRequest = "extract-requests"
    case notice = "notices"
    case actionItem = "action-items"

    /// In error messages: "no such Schedule A".
    var what: String {
        switch self {
        case .scheduleA: "Schedule A"
        case .extractRequest: "extract request"
        case .notice: "notice"
        case .actionItem: "action item"
        }
    }

    /// The item as `migration` shows it to its reader (so one they may not see is not found).
    func find(_ id: UUID, in migration: MigrationJSON) -> (any Encodable)? {
        switch self {
        case .scheduleA: migration.scheduleAs.first { $0.id == id }
        case .extractRequest: migration.extractRequests.first { $0.id == id }
        case .notice: migration.notices?.first { $0.id == id }
        case .actionItem: migration.actionItems.first { $0.id == id }
        }
    }

    func path(_ itemID: UUID, of migrationID: UUID) -> String {
        "/api/v1/migrations/\(migrationID)/\(rawValue)/\(itemID)"
    }
}

/// The answer to a step that created an item: its id and the migration as it now is.
struct CreatedJSON: Encodable {
    let id: UUID
    let migration: MigrationJSON
}

extension CreatedJSON: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.member("id", id)
            json.member("migration", migration)
        }
    }
}

extension Request {
    /// 201 with the new item's address as Location and the migration's ETag.
    func createdResponse(_ item: MigrationItem, _ itemID: UUID, in changed: MigrationWriter.Changed) throws -> Response {
        let aggregate = changed.migration
        let migration = MigrationJSON(aggregate.seen(by: try currentUser().actor, policy: cutover.policy, state: changed.state))
        let response = try jsonResponse(CreatedJSON(id: itemID, migration: migration), status: .created)
        _ = tagged(response, version: aggregate.record.version, today: changed.today)
        response.headers.replaceOrAdd(name: .location, value: item.path(itemID, of: aggregate.id))
        return response
    }

    /// One item of a migration the signed-in user may see, as they may see it.
    func itemResponse(_ item: MigrationItem) async throws -> Response {
        let aggregate = try await visibleMigration(try uuid("migrationID"))
        let today = cutover.today
        let migration = MigrationJSON(aggregate, for: try currentUser().actor, policy: cutover.policy, today: today)
        guard let found = item.find(try uuid("itemID", what: item.what), in: migration) else { throw APIError.notFound(item.what) }
        return tagged(try jsonResponse(found), version: aggregate.record.version, today: today)
    }
}
