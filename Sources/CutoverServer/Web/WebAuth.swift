import Fluent
import Vapor

/// Browser sign-in: a session cookie (HttpOnly, SameSite=Lax, Secure behind TLS) and a
/// CSRF token on every form, checked on every POST.
enum WebAuth {
    static let cookie = "cutover_session"
    /// Before sign-in there is no session: the sign-in form's token is a double-submit cookie.
    static let preSessionCookie = "cutover_csrf"
    static let lifetime: TimeInterval = 12 * 3600

    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func cookie(_ value: String, for req: Request, maxAge: Int?) -> HTTPCookies.Value {
        HTTPCookies.Value(
            string: value, expires: nil, maxAge: maxAge, domain: nil, path: "/",
            isSecure: req.cutover.configuration.secureCookies, isHTTPOnly: true, sameSite: .lax)
    }

    /// Starts a new session for `user` (a fresh token, never the one the browser had).
    /// With `endingOthers`, the user's other sessions end (signed in on a shared computer
    /// and forgot to sign out, say).
    static func signIn(_ user: User, req: Request, response: Response, endingOthers: Bool = false) async throws {
        let token = randomToken()
        let services = req.cutover
        let userID = try user.requireID()
        try await services.write(on: req.db) { db in
            if endingOthers { try await endSessions(of: userID, on: db) }
            let session = WebSession()
            session.digest = APIToken.digest(of: token)
            session.$user.id = userID
            session.csrf = randomToken()
            session.createdAt = services.now
            session.expiresAt = services.now.addingTimeInterval(lifetime)
            try await session.create(on: db)
        }
        response.cookies[cookie] = Self.cookie(token, for: req, maxAge: Int(lifetime))
        response.cookies[preSessionCookie] = Self.cookie("", for: req, maxAge: 0)
    }

    static func signOut(req: Request, response: Response) async throws {
        if let token = req.cookies[cookie]?.string {
            try await req.cutover.write(on: req.db) { db in
                try await WebSession.query(on: db).filter(\.$digest == APIToken.digest(of: token)).delete()
            }
        }
        response.cookies[cookie] = Self.cookie("", for: req, maxAge: 0)
    }

    /// Ends every browser session of a user; call inside a write.
    static func endSessions(of userID: UUID, on db: any Database) async throws {
        try await WebSession.query(on: db).filter(\.$user.$id == userID).delete()
    }
}

/// The signed-in browser's session, next to its `CurrentUser`.
struct CurrentSession: Authenticatable {
    let id: UUID
    /// The token every form of this session must carry.
    let csrf: String
}

/// Reads the session cookie and signs the request in.
struct SessionAuthenticator: AsyncRequestAuthenticator {
    func authenticate(request: Request) async throws {
        guard let token = request.cookies[WebAuth.cookie]?.string, !token.isEmpty,
              let signedIn = try await SignedInUser.find(
                "SELECT u.id AS user_id, u.name, u.email, u.password_hash, u.role, u.active, o.id AS org_id, o.kind, o.name AS org_name, o.code, s.expires_at AS expires_at, NULL AS revoked_at, s.id AS session_id, s.csrf AS csrf FROM web_sessions s JOIN users u ON u.id = s.user_id JOIN organisations o ON o.id = u.organisation_id WHERE s.digest = ",
                digest: APIToken.digest(of: token), on: request.reads),
              signedIn.expiresAt > request.cutover.now, signedIn.current.user.active,
              let id = signedIn.sessionID, let csrf = signedIn.csrf else { return }
        request.auth.login(signedIn.current)
        request.auth.login(CurrentSession(id: id, csrf: csrf))
    }
}

/// Pages need a signed-in user: others are sent to the sign-in page.
struct RequireSignIn: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.auth.has(CurrentUser.self) else {
            let target = request.url.path == "/" ? "" : "?next=\(request.url.path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? "")"
            return request.redirect(to: "/sign-in\(target)")
        }
        return try await next.respond(to: request)
    }
}

/// Every POST must carry the session's CSRF token in its `csrf` field.
struct CSRFCheck: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.method == .POST else { return try await next.respond(to: request) }
        // A form may arrive in pieces: collect it first (refusing one over the limit with 413),
        // or the token would look missing. Forms must be UTF-8, as the page declares.
        let limit = request.cutover.configuration.maxBodyBytes
        let body = try await request.body.collect(max: limit).get()
        if let body, body.readableBytes > limit { throw Abort(.payloadTooLarge) }
        if let body, String(validating: body.readableBytesView, as: UTF8.self) == nil {
            throw WebError(status: .badRequest, title: "This form could not be read", message: "It was not sent as UTF-8 text. Go back, reload the page and try again.")
        }
        let sent = try? request.content.get(String.self, at: "csrf")
        let expected = request.auth.get(CurrentSession.self)?.csrf ?? request.cookies[WebAuth.preSessionCookie]?.string
        guard let sent, let expected, !expected.isEmpty, sent == expected else {
            throw WebError(status: .forbidden, title: "This form has expired", message: "The page was open too long or came from somewhere else. Go back, reload the page and try again.")
        }
        return try await next.respond(to: request)
    }
}

/// An error page for people: a status, a title and what to do.
struct WebError: Error {
    let status: HTTPResponseStatus
    let title: String
    let message: String
}
