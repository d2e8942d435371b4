import Vapor

/// The web pages: signed-in pages behind the session and CSRF checks, errors as pages.
enum WebRoutes {
    static func register(_ app: Application) throws {
        let pages = app.grouped(WebErrorMiddleware(), SessionAuthenticator(), CSRFCheck())
        SignInPages().register(pages)
        let signedIn = pages.grouped(RequireSignIn())
        signedIn.get { req async throws -> Response in try await req.page("home", try await HomePage.build(req)) }
        NewMigrationPage().register(signedIn)
        MigrationPages().register(signedIn)
        PortfolioPage().register(signedIn)
        MetricsPage().register(signedIn)
        OrdersPage().register(signedIn)
        RemindersPage().register(signedIn)
        AdminPage().register(signedIn)
        AccountPage().register(signedIn)
    }
}
