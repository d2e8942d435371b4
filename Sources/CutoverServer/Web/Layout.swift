import MigrationKit
import Vapor

/// What every page's frame needs: title, who is signed in, the navigation and the CSRF
/// token for its forms.
struct Layout: Encodable {
    struct NavItem: Encodable {
        let href: String
        let label: String
        let current: Bool
    }

    let title: String
    let userName: String?
    let organisationName: String?
    let csrf: String
    let nav: [NavItem]

    init(_ req: Request, title: String, section: String) {
        self.title = title
        let user = req.auth.get(CurrentUser.self)
        userName = user?.user.name
        organisationName = user?.organisation.name
        csrf = req.auth.get(CurrentSession.self)?.csrf ?? req.cookies[WebAuth.preSessionCookie]?.string ?? ""
        var items: [(String, String, String)] = []
        if let user {
            items.append(("/", "What needs me", "home"))
            // Which pages the menu offers is the access policy's rule, as on the pages themselves.
            if req.cutover.policy.seesPortfolio(user.actor) {
                items.append(("/portfolio", "Portfolio", "portfolio"))
            }
            if req.cutover.policy.offersMetrics(user.actor) {
                items.append(("/metrics", "How migrations went", "metrics"))
            }
            if req.cutover.policy.offersOrderRecords(user.actor) {
                items.append(("/orders", "Order records", "orders"))
            }
            items.append(("/reminders", "Reminders", "reminders"))
            if req.cutover.policy.startsMigrations(user.actor) {
                items.append(("/migrations/new", "New migration", "new"))
            }
            if user.user.role == .admin {
                items.append(("/admin", "Administration", "admin"))
            }
        }
        nav = items.map { NavItem(href: $0.0, label: $0.1, current: $0.2 == section) }
    }
}

extension Request {
    /// Renders a Leaf page with its view model.
    func page(_ template: String, _ model: some Encodable, status: HTTPResponseStatus = .ok) async throws -> Response {
        let view = try await view.render(template, model)
        let response = try await view.encodeResponse(for: self)
        response.status = status
        response.headers.replaceOrAdd(name: "Cache-Control", value: "no-store")
        return response
    }
}

/// Day formats for pages.
extension Day {
    var page: String { shortDescription }
}

/// "in 3 days", "today", "5 days ago".
func countdown(to day: Day, from today: Day) -> String {
    let days = today.days(to: day)
    switch days {
    case 0: return "today"
    case 1: return "tomorrow"
    case -1: return "yesterday"
    case 2...: return "in \(days) days"
    default: return "\(-days) days ago"
    }
}
