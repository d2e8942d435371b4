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

extension Layout {
    /// The frame every page shares, around the page's own `body`: written here once, for
    /// the Leaf templates (which hold only their bodies) and the migration page written in
    /// Swift alike. Leaf drawing the frame around the migration page's body, copying it
    /// through its serializer, took a sixteenth of the page's time.
    func frame(_ body: HTML) -> HTML {
        var menu: HTML = ""
        if let userName {
            menu += """
                <div class="who">Signed in as \(userName), \(organisationName ?? "")
                      <a href="/account">Your account</a>
                      <form method="post" action="/sign-out"><input type="hidden" name="csrf" value="\(csrf)"><button type="submit">Sign out</button></form>
                    </div>
                """
        }
        var navigation: HTML = ""
        if userName != nil {
            var items: HTML = ""
            for item in nav {
                items += "<li><a href=\"\(item.href)\"\(item.current ? " aria-current=\"page\"" : "" as HTML)>\(item.label)</a></li>"
            }
            navigation = """
                <nav class="site" aria-label="Main">
                  <div class="inner"><ul>
                  \(items)
                  </ul></div>
                </nav>

                """
        }
        return """
            <!DOCTYPE html>
            <html lang="en-GB">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title) - Cutover</title>
            <link rel="stylesheet" href="/cutover.css">
            </head>
            <body>
            <a class="skip-link" href="#main-content">Skip to main content</a>
            <header class="site">
              <div class="inner">
                <a class="brand" href="/"><span>NHS</span>Cutover</a>
                \(menu)
              </div>
            </header>
            \(navigation)<main id="main-content" tabindex="-1">
            \(body)
            </main>
            <footer><div class="inner">Cutover plans and tracks GP practice clinical system migrations. Dates follow England and Wales working days.</div></footer>
            </body>
            </html>

            """
    }
}

/// A page's view model: Leaf renders its template, its body, inside the layout's frame.
protocol FramedPage: Encodable {
    var layout: Layout { get }
}

extension Request {
    /// Renders a page's Leaf template with its view model, in the shared frame.
    func page(_ template: String, _ model: some FramedPage, status: HTTPResponseStatus = .ok) async throws -> Response {
        let body = try await view.render(template, model)
        return page(model.layout.frame(HTML(stringLiteral: String(buffer: body.data))), status: status)
    }

    /// A page's whole HTML as the answer, never kept by a browser's cache.
    func page(_ html: HTML, status: HTTPResponseStatus = .ok) -> Response {
        let response = Response(status: status, body: .init(buffer: ByteBuffer(bytes: html.bytes)))
        response.headers.contentType = .html
        response.headers.replaceOrAdd(name: "Cache-Control", value: "no-store")
        return response
    }

    /// A Leaf page standing alone, without the frame (the printable plan).
    func unframedPage(_ template: String, _ model: some Encodable) async throws -> Response {
        let view = try await view.render(template, model)
        return page(HTML(stringLiteral: String(buffer: view.data)))
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
