import Fluent
import SQLKit
import Vapor

func routes(_ app: Application) throws {
    app.get("healthz") { _ in ["status": "ok"] }
    app.get("readyz") { req async throws -> Response in
        do {
            _ = try await (req.db as! any SQLDatabase).raw("SELECT 1 AS one").first()
            return try jsonResponse(["status": "ready"])
        } catch {
            req.logger.error("database not reachable: \(String(reflecting: error))")
            return try jsonResponse(ErrorBody(error: .init(code: "database-unreachable", message: "the database cannot be reached", field: nil)), status: .serviceUnavailable)
        }
    }
    app.get("api", "openapi.json") { _ in
        Response(status: .ok, headers: ["Content-Type": "application/json"], body: .init(string: OpenAPIDocument.json))
    }

    let api = app.grouped("api", "v1")
    let protected = api.grouped(BearerTokenAuthenticator())
    AuthController().register(api, protected: protected)
    MigrationController().register(protected)
    WorkflowController().register(protected)
    PortfolioController().register(protected)
    ReferenceController().register(protected)
    CalendarController().register(api: protected, public: app)
    MetricsController().register(protected)
    OrderController().register(protected)
    ReminderController().register(protected)

    try WebRoutes.register(app)
}
