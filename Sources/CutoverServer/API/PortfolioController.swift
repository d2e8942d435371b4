import MigrationKit
import Vapor

/// The commissioner's and CSU's view across migrations: counts by phase and status,
/// overdue deadlines, and go-lives per week per new-system supplier with clashes marked
/// (`PortfolioStore`).
struct PortfolioController {
    func register(_ api: any RoutesBuilder) {
        api.get("portfolio", use: summary)
    }

    @Sendable func summary(req: Request) async throws -> Response {
        let actor = try req.currentUser().actor
        let list = MigrationList(sql: req.reads, actor: actor, policy: req.cutover.policy, today: req.cutover.today)
        let threshold = req.cutover.configuration.goLivesPerSupplierWeek
        let store = PortfolioStore(list: list)
        let loads = try await store.weekLoads(threshold: threshold)
        return try jsonResponse(try await store.summary(goLivesPerWeek: loads, threshold: threshold))
    }
}
