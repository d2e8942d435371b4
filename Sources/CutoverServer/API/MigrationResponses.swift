import Fluent
import MigrationKit
import Vapor

extension Request {
    /// A migration as JSON for the signed-in user, with its ETag (`MigrationETag`).
    func migrationResponse(_ aggregate: MigrationAggregate, status: HTTPResponseStatus = .ok) throws -> Response {
        // One day for the answer and its tag, even across midnight.
        let today = cutover.today
        return try migrationResponse(aggregate, state: aggregate.state(today: today), today: today, status: status)
    }

    /// A migration just changed, with the state its change was decided with.
    func migrationResponse(_ changed: MigrationWriter.Changed) throws -> Response {
        try migrationResponse(changed.migration, state: changed.state, today: changed.today)
    }

    private func migrationResponse(_ aggregate: MigrationAggregate, state: MigrationState?, today: Day, status: HTTPResponseStatus = .ok) throws -> Response {
        let seen = aggregate.seen(by: try currentUser().actor, policy: cutover.policy, state: state)
        return tagged(try jsonResponse(MigrationJSON(seen), status: status), version: aggregate.record.version, today: today)
    }

    /// Loads a migration the signed-in user may see; otherwise 404, whether or not it exists.
    func visibleMigration(_ id: UUID) async throws -> MigrationAggregate {
        let actor = try currentUser().actor
        guard let aggregate = try await MigrationStore(sql: reads).load(id), cutover.policy.canSee(actor, aggregate.parties) else {
            throw APIError.notFound()
        }
        return aggregate
    }
}

/// Encodes any Encodable as a JSON response (`JSONStream`: dates in ISO 8601, members in
/// the order they are encoded, a dictionary's in key order).
func jsonResponse(_ value: some Encodable, status: HTTPResponseStatus = .ok) throws -> Response {
    let response = Response(status: status, body: .init(buffer: try JSONStream.encode(value)))
    response.headers.contentType = .json
    return response
}
