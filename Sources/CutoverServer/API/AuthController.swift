import Fluent
import Vapor

/// `POST /api/v1/auth/token` exchanges e-mail and password for a bearer token;
/// `DELETE /api/v1/auth/token` revokes the token the request carries.
struct AuthController {
    let throttle: LoginThrottle

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
        let key = "\(req.remoteAddress?.ipAddress ?? "unknown")|\(body.email.lowercased())"
        if await throttle.isLocked(key, now: req.cutover.now) {
            throw APIError(.tooManyRequests, "too-many-attempts", "too many failed sign-ins: wait a few minutes and try again")
        }
        let user = try await User.query(on: req.db).filter(\.$email == body.email.lowercased()).first()
        let passwordMatches = try await req.password.async.verify(body.password, created: user?.passwordHash ?? Self.decoyHash)
        guard let user, user.active, passwordMatches else {
            await throttle.recordFailure(key, now: req.cutover.now)
            throw APIError(.unauthorized, "unauthorized", "the e-mail address or password is wrong")
        }
        await throttle.reset(key)
        let issued = try await Tokens.issue(for: user, label: "api", now: req.cutover.now, lifetime: req.cutover.configuration.tokenLifetime, on: req.db)
        return try jsonResponse(TokenJSON(token: issued.token, expiresAt: issued.record.expiresAt), status: .created)
    }

    @Sendable func revoke(req: Request) async throws -> HTTPStatus {
        _ = try req.currentUser()
        guard let bearer = req.headers.bearerAuthorization else { throw APIError.unauthorized }
        _ = try await Tokens.revoke(token: bearer.token, now: req.cutover.now, on: req.db)
        return .noContent
    }

    /// Checked when the e-mail is unknown, so a wrong address takes as long as a wrong password.
    static let decoyHash = (try? Bcrypt.hash("not a real password")) ?? ""
}

/// Counts failed sign-ins per address and account; five in ten minutes lock both out for
/// ten minutes. Keyed on the socket's address, never on X-Forwarded-For.
actor LoginThrottle {
    private var failures: [String: [Date]] = [:]
    let limit: Int
    let window: TimeInterval

    init(limit: Int = 5, window: TimeInterval = 600) {
        self.limit = limit
        self.window = window
    }

    func isLocked(_ key: String, now: Date) -> Bool {
        let recent = (failures[key] ?? []).filter { now.timeIntervalSince($0) < window }
        failures[key] = recent.isEmpty ? nil : recent
        return recent.count >= limit
    }

    func recordFailure(_ key: String, now: Date) {
        failures[key, default: []].append(now)
    }

    func reset(_ key: String) {
        failures[key] = nil
    }
}
