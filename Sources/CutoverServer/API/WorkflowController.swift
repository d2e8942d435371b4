import Fluent
import MigrationKit
import Vapor

/// Each step of the workflow as its own action endpoint under
/// `/api/v1/migrations/{id}/...`; the steps themselves live in `WorkflowSteps`.
struct WorkflowController {
    func register(_ api: any RoutesBuilder) {
        let m = api.grouped("migrations", ":migrationID")
        m.post("approval", use: { try await $0.run(WorkflowSteps.approve($0)) })
        m.post("provisional-go-live", use: { try await $0.run(WorkflowSteps.provisionalGoLive($0)) })
        m.post("registration", use: { try await $0.run(WorkflowSteps.register($0)) })
        m.post("schedule-as", use: { try await $0.run(WorkflowSteps.callOff($0)) })
        m.post("schedule-as", ":itemID", "commissioner-decision", use: { try await $0.run(WorkflowSteps.commissionerDecision($0)) })
        m.post("schedule-as", ":itemID", "supplier-decision", use: { try await $0.run(WorkflowSteps.supplierDecision($0)) })
        m.post("schedule-as", ":itemID", "confirmed-go-live", use: { try await $0.run(WorkflowSteps.confirmGoLive($0)) })
        m.post("extract-requests", use: { try await $0.run(WorkflowSteps.requestExtract($0)) })
        m.post("extract-requests", ":itemID", "form-sent", use: { try await $0.run(WorkflowSteps.extractFormSent($0)) })
        m.post("extract-requests", ":itemID", "form-returned", use: { try await $0.run(WorkflowSteps.extractFormReturned($0)) })
        m.post("extract-requests", ":itemID", "transfer-confirmed", use: { try await $0.run(WorkflowSteps.extractTransferred($0)) })
        m.post("kick-off", use: { try await $0.run(WorkflowSteps.bookKickOff($0)) })
        m.post("technical-survey", use: { try await $0.run(WorkflowSteps.bookSurvey($0)) })
        m.post("milestones", ":phase", use: { try await $0.run(WorkflowSteps.recordMilestone($0)) })
        m.post("sign-offs", use: { try await $0.run(WorkflowSteps.signOff($0)) })
        m.post("go-live", use: { try await $0.run(WorkflowSteps.recordGoLive($0)) })
        m.post("end", use: { try await $0.run(WorkflowSteps.end($0)) })
        m.post("notices", use: { try await $0.run(WorkflowSteps.addNotice($0)) })
        m.post("notices", ":itemID", "sent", use: { try await $0.run(WorkflowSteps.noticeSent($0)) })
        m.post("action-items", use: { try await $0.run(WorkflowSteps.addActionItem($0)) })
        m.post("action-items", ":itemID", use: { try await $0.run(WorkflowSteps.updateActionItem($0)) })
        m.post("deadlines", ":deadline", "met", use: { try await $0.run(WorkflowSteps.markDeadlineMet($0)) })
        for item in MigrationItem.allCases {
            m.get(.constant(item.rawValue), ":itemID", use: { try await $0.itemResponse(item) })
        }
    }
}
