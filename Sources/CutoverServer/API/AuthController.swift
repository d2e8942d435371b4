import Fluent
import Vapor

/// `POST /api/v1/auth/token` exchanges e-mail and password for a bearer token;
/// `DELETE /api/v1/auth/token` revokes the token the request carries.
struct AuthController {
    func register(_ api: any RoutesBuilder, protected: any RoutesBuilder) {
        api.post("auth", "token", use: issue)
        protected.delete("auth", "token", use: revoke)
    }

    struct TokenJSON: Content {
        let token: String
        let expiresAt: Date
    }

    @Sendable func issue(req: Request) async throws -> Response {
        let body = try req.body(TokenRequestBody.self)
        switch try await SignIn.check(email: body.email, password: body.password, req: req) {
        case .locked:
            throw APIError(.tooManyRequests, "too-many-attempts", "too many failed sign-ins: wait ten minutes and try again")
        case .wrong:
            throw APIError(.unauthorized, "unauthorized", "the e-mail address or password is wrong")
        case .signedIn(let user):
            let services = req.cutover
            let issued = try await services.write(on: req.db) { db in
                try await Tokens.issue(for: user, label: "api", now: services.now, lifetime: services.configuration.tokenLifetime, on: db)
            }
            return try jsonResponse(TokenJSON(token: issued.token, expiresAt: issued.expiresAt), status: .created)
        }
    }

    @Sendable func revoke(req: Request) async throws -> HTTPStatus {
        _ = try req.currentUser()
        guard let bearer = req.headers.bearerAuthorization else { throw APIError.unauthorized }
        let now = req.cutover.now
        _ = try await req.cutover.write(on: req.db) { db in try await Tokens.revoke(token: bearer.token, now: now, on: db) }
        return .noContent
    }
}
