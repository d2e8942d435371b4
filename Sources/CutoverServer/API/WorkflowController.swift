import Fluent
import MigrationKit
import Vapor

/// Each step of the workflow as its own action endpoint under
/// `/api/v1/migrations/{id}/...`, from the one table of steps (`WorkflowStepEntry`).
struct WorkflowController {
    func register(_ api: any RoutesBuilder) {
        let m = api.grouped("migrations", ":migrationID")
        for entry in WorkflowStepEntry.all {
            m.post(entry.path, use: { try await $0.run(entry.make($0)) })
        }
        for item in MigrationItem.allCases {
            m.get(.constant(item.rawValue), ":itemID", use: { try await $0.itemResponse(item) })
        }
    }
}
