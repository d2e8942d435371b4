import Fluent
import SQLKit
import MigrationKit
import Vapor

/// Signs a request in from `Authorization: Bearer <token>`: the token's digest must match
/// a token that is neither expired nor revoked, of a user who is still active. One query,
/// as every API request pays for it.
struct BearerTokenAuthenticator: AsyncBearerAuthenticator {
    func authenticate(bearer: BearerAuthorization, for request: Request) async throws {
        guard let user = try await SignedInUser.find(
            "SELECT u.id AS user_id, u.name, u.email, u.password_hash, u.role, u.active, o.id AS org_id, o.kind, o.name AS org_name, o.code, t.expires_at AS expires_at, t.revoked_at AS revoked_at FROM api_tokens t JOIN users u ON u.id = t.user_id JOIN organisations o ON o.id = u.organisation_id WHERE t.digest = ",
            digest: APIToken.digest(of: bearer.token), on: request.reads)
        else { return }
        guard user.revokedAt == nil, user.expiresAt > request.cutover.now, user.current.user.active else { return }
        request.auth.login(user.current)
    }
}

/// A user and organisation read with their token or session in one joined query.
struct SignedInUser {
    let current: CurrentUser
    let expiresAt: Date
    let revokedAt: Date?
    /// The session's own id and CSRF token, for browser sessions.
    let sessionID: UUID?
    let csrf: String?

    static func find(_ select: String, digest: String, on sql: any SQLDatabase) async throws -> SignedInUser? {
        guard let row = try await sql.raw("\(unsafeRaw: select)\(bind: digest)").first() else { return nil }
        let user = User(
            id: try row.decode(column: "user_id", as: UUID.self), name: try row.decode(column: "name", as: String.self),
            email: try row.decode(column: "email", as: String.self), passwordHash: try row.decode(column: "password_hash", as: String.self),
            organisationID: try row.decode(column: "org_id", as: UUID.self), role: try text(row, "role", as: UserRole.self),
            active: try row.decode(column: "active", as: Bool.self))
        let organisation = Organisation(
            id: try row.decode(column: "org_id", as: UUID.self), kind: try text(row, "kind", as: OrganisationKind.self),
            name: try row.decode(column: "org_name", as: String.self), code: try row.decode(column: "code", as: String?.self))
        // Models built by hand must be marked as loaded, or Fluent would insert them on save.
        user.$id.exists = true
        organisation.$id.exists = true
        return SignedInUser(
            current: CurrentUser(user: user, organisation: organisation),
            expiresAt: try row.decode(column: "expires_at", as: Date.self),
            revokedAt: try row.decode(column: "revoked_at", as: Date?.self),
            sessionID: row.contains(column: "session_id") ? try row.decode(column: "session_id", as: UUID.self) : nil,
            csrf: row.contains(column: "csrf") ? try row.decode(column: "csrf", as: String.self) : nil)
    }

    /// An enumeration read from its text: through the driver's own decoder, each took more
    /// than the rest of the row (a decoder, and type metadata looked up, on every request).
    private static func text<Value: RawRepresentable<String>>(_ row: any SQLRow, _ column: String, as type: Value.Type) throws -> Value {
        let text = try row.decode(column: column, as: String.self)
        guard let value = Value(rawValue: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "\(column) holds \(text), not a \(Value.self)"))
        }
        return value
    }
}
