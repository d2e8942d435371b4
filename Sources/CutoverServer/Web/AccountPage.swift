import Fluent
import MigrationKit
import Vapor

/// The signed-in person's own account: change the password (which ends every other
/// session and API token) and sign out everywhere.
struct AccountPage {
    struct Model: Encodable {
        let layout: Layout
        let name: String
        let email: String
        let notice: String?
        let error: String?
        let errorField: String?
    }

    struct PasswordForm: Content {
        let current: String?
        let new: String?
        let confirm: String?
    }

    func register(_ routes: any RoutesBuilder) {
        routes.get("account", use: show)
        routes.post("account", "password", use: changePassword)
        routes.post("account", "sign-out-everywhere", use: signOutEverywhere)
    }

    func page(_ req: Request, notice: String? = nil, error: (field: String, message: String)? = nil, status: HTTPResponseStatus = .ok) async throws -> Response {
        let user = try req.currentUser().user
        let model = Model(layout: Layout(req, title: "Your account", section: "account"), name: user.name, email: user.email,
                          notice: notice, error: error?.message, errorField: error?.field)
        return try await req.page("account", model, status: status)
    }

    @Sendable func show(req: Request) async throws -> Response {
        try await page(req, notice: (try? req.query.get(String.self, at: "changed")) != nil ? "Your password has been changed." : nil)
    }

    @Sendable func changePassword(req: Request) async throws -> Response {
        let current = try req.currentUser()
        let form = try req.content.decode(PasswordForm.self)
        let new = form.new ?? ""
        guard try await req.password.async.verify(form.current ?? "", created: current.user.passwordHash) else {
            return try await page(req, error: ("current", "Your current password is wrong."), status: .unprocessableEntity)
        }
        guard new.count >= Accounts.minimumPasswordLength else {
            return try await page(req, error: ("new", "The new password must be at least \(Accounts.minimumPasswordLength) characters."), status: .unprocessableEntity)
        }
        guard new == form.confirm else {
            return try await page(req, error: ("confirm", "The two new passwords are not the same."), status: .unprocessableEntity)
        }
        let hash = try await req.password.async.hash(new)
        try await Accounts.setPassword(hash, of: current.user, actor: current.actor, services: req.cutover, on: req.db)
        // Every session ended with the old password: this browser starts a new one.
        let response = req.redirect(to: "/account?changed=1")
        try await WebAuth.signIn(current.user, req: req, response: response)
        return response
    }

    @Sendable func signOutEverywhere(req: Request) async throws -> Response {
        let userID = try req.currentUser().user.requireID()
        try await req.cutover.write(on: req.db) { db in try await WebAuth.endSessions(of: userID, on: db) }
        let response = req.redirect(to: "/sign-in")
        response.cookies[WebAuth.cookie] = WebAuth.cookie("", for: req, maxAge: 0)
        return response
    }
}
