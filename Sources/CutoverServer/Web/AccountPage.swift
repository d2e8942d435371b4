import Fluent
import MigrationKit
import Vapor

/// The signed-in person's own account: change the password (which ends every other
/// session and API token) and sign out everywhere.
struct AccountPage {
    struct Model: FramedPage {
        let layout: Layout
        let name: String
        let email: String
        /// The address of the person's calendar feed, once they have asked for one.
        let calendarURL: String?
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
        routes.post("account", "calendar", use: renewCalendar)
        routes.post("account", "calendar", "stop", use: stopCalendar)
    }

    func page(_ req: Request, notice: String? = nil, error: (field: String, message: String)? = nil, status: HTTPResponseStatus = .ok) async throws -> Response {
        let user = try req.currentUser().user
        let secret = try await CalendarStore(req.db).secret(of: try user.requireID())
        let model = Model(layout: Layout(req, title: "Your account", section: "account"), name: user.name, email: user.email,
                          calendarURL: secret.map { "\(req.siteAddress)/calendars/\($0).ics" }, notice: notice, error: error?.message, errorField: error?.field)
        return try await req.page("account", model, status: status)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let notices = [
            "changed": "Your password has been changed.",
            "calendar": "Your calendar has a new address. Subscribe to it in your calendar program; the old address no longer works.",
            "calendar-stopped": "Your calendar address no longer works. Calendars that subscribed to it keep what they had and get no more changes.",
        ]
        return try await page(req, notice: notices.first { req.queryText($0.key) != nil }?.value)
    }

    @Sendable func renewCalendar(req: Request) async throws -> Response {
        _ = try await CalendarController.renew(req)
        return req.redirect(to: "/account?calendar=1#calendar")
    }

    @Sendable func stopCalendar(req: Request) async throws -> Response {
        try await CalendarController.revoke(req)
        return req.redirect(to: "/account?calendar-stopped=1#calendar")
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
