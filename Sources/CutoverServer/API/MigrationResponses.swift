import Fluent
import MigrationKit
import Vapor

extension Request {
    /// A migration as JSON for the signed-in user, with its ETag (`MigrationETag`).
    func migrationResponse(_ aggregate: MigrationAggregate, status: HTTPResponseStatus = .ok) throws -> Response {
        let actor = try currentUser().actor
        let response = Response(status: status)
        try response.content.encode(MigrationJSON(aggregate, for: actor, policy: cutover.policy, today: cutover.today))
        return tagged(response, version: aggregate.record.version)
    }

    /// Loads a migration the signed-in user may see; otherwise 404, whether or not it exists.
    func visibleMigration(_ id: UUID) async throws -> MigrationAggregate {
        let actor = try currentUser().actor
        guard let aggregate = try await MigrationStore(db).load(id), cutover.policy.canSee(actor, aggregate.parties) else {
            throw APIError.notFound()
        }
        return aggregate
    }
}

/// Encodes any Encodable as a JSON response.
func jsonResponse(_ value: some Encodable, status: HTTPResponseStatus = .ok) throws -> Response {
    let response = Response(status: status)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    encoder.dateEncodingStrategy = .iso8601
    response.body = .init(data: try encoder.encode(value))
    response.headers.contentType = .json
    return response
}
