import Fluent
import Vapor

/// Signs a request in from `Authorization: Bearer <token>`: the token's digest must match
/// a token that is neither expired nor revoked, of a user who is still active.
struct BearerTokenAuthenticator: AsyncBearerAuthenticator {
    func authenticate(bearer: BearerAuthorization, for request: Request) async throws {
        guard let token = try await APIToken.query(on: request.db)
            .filter(\.$digest == APIToken.digest(of: bearer.token))
            .with(\.$user)
            .first()
        else { return }
        guard token.revokedAt == nil, token.expiresAt > request.cutover.now, token.user.active else { return }
        guard let organisation = try await Organisation.find(token.user.$organisation.id, on: request.db) else { return }
        request.auth.login(CurrentUser(user: token.user, organisation: organisation))
    }
}
