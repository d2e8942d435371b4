import Fluent
import Vapor

/// Signing in and out of the web pages.
struct SignInPages {
    struct Page: FramedPage {
        let layout: Layout
        let email: String
        let error: String?
        let next: String
    }

    struct Form: Content {
        let email: String?
        let password: String?
        let next: String?
        /// "yes" to end the user's other sessions.
        let everywhere: String?
    }

    func register(_ routes: any RoutesBuilder) {
        routes.get("sign-in", use: show)
        routes.post("sign-in", use: signIn)
        routes.post("sign-out", use: signOut)
    }

    @Sendable func show(req: Request) async throws -> Response {
        if req.auth.has(CurrentUser.self) { return req.redirect(to: "/") }
        // The form's CSRF token: a double-submit cookie, replaced by the session's at sign-in.
        let existing = req.cookies[WebAuth.preSessionCookie]?.string ?? ""
        let token = existing.isEmpty ? WebAuth.randomToken() : existing
        req.cookies[WebAuth.preSessionCookie] = WebAuth.cookie(token, for: req, maxAge: 3600)
        let response = try await req.page("sign-in", Page(layout: Layout(req, title: "Sign in", section: ""), email: "", error: nil, next: safeNext(req.queryText("next"))))
        response.cookies[WebAuth.preSessionCookie] = WebAuth.cookie(token, for: req, maxAge: 3600)
        return response
    }

    @Sendable func signIn(req: Request) async throws -> Response {
        let form = try req.content.decode(Form.self)
        let email = (form.email ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        let next = safeNext(form.next)
        func again(_ message: String, status: HTTPResponseStatus) async throws -> Response {
            try await req.page("sign-in", Page(layout: Layout(req, title: "Sign in", section: ""), email: email, error: message, next: next), status: status)
        }
        guard !email.isEmpty, let password = form.password, !password.isEmpty else {
            return try await again("Enter your e-mail address and password.", status: .unprocessableEntity)
        }
        switch try await SignIn.check(email: email, password: password, req: req) {
        case .locked:
            return try await again("Too many failed attempts. Wait 10 minutes, then try again.", status: .tooManyRequests)
        case .wrong:
            return try await again("The e-mail address or password is wrong.", status: .unauthorized)
        case .signedIn(let user):
            let response = req.redirect(to: next)
            try await WebAuth.signIn(user, req: req, response: response, endingOthers: form.everywhere == "yes")
            return response
        }
    }

    @Sendable func signOut(req: Request) async throws -> Response {
        let response = req.redirect(to: "/sign-in")
        try await WebAuth.signOut(req: req, response: response)
        return response
    }

    /// Only local paths, so a link cannot send people elsewhere after signing in.
    private func safeNext(_ next: String?) -> String { LocalPath.redirectTarget(next) }
}
