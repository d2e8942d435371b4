import Vapor

/// Every workflow step by name, with its address under `/api/v1/migrations/{id}/`: the API
/// registers a route for each, and a web form names the step it takes. Both decode the
/// same body and run the same step (`WorkflowSteps`), so the two cannot drift apart.
struct WorkflowStepEntry: Sendable {
    let name: String
    /// The path after the migration; `:itemID`, `:phase` and `:deadline` come from it
    /// in the API and from the form's fields on the web.
    let path: [PathComponent]
    let make: @Sendable (any StepInput) throws -> WorkflowStep

    init(_ name: String, _ path: String, _ make: @escaping @Sendable (any StepInput) throws -> WorkflowStep) {
        self.name = name
        self.path = path.pathComponents
        self.make = make
    }

    static let all: [WorkflowStepEntry] = [
        .init("approval", "approval") { try WorkflowSteps.approve($0) },
        .init("business-case-return", "business-case/return") { try WorkflowSteps.returnBusinessCase($0) },
        .init("business-case", "business-case") { try WorkflowSteps.reviseBusinessCase($0) },
        .init("provisional-go-live", "provisional-go-live") { try WorkflowSteps.provisionalGoLive($0) },
        .init("registration", "registration") { try WorkflowSteps.register($0) },
        .init("schedule-as", "schedule-as") { try WorkflowSteps.callOff($0) },
        .init("commissioner-decision", "schedule-as/:itemID/commissioner-decision") { try WorkflowSteps.commissionerDecision($0) },
        .init("supplier-decision", "schedule-as/:itemID/supplier-decision") { try WorkflowSteps.supplierDecision($0) },
        .init("confirmed-go-live", "schedule-as/:itemID/confirmed-go-live") { try WorkflowSteps.confirmGoLive($0) },
        .init("extract-requests", "extract-requests") { try WorkflowSteps.requestExtract($0) },
        .init("form-sent", "extract-requests/:itemID/form-sent") { try WorkflowSteps.extractFormSent($0) },
        .init("form-returned", "extract-requests/:itemID/form-returned") { try WorkflowSteps.extractFormReturned($0) },
        .init("transfer-confirmed", "extract-requests/:itemID/transfer-confirmed") { try WorkflowSteps.extractTransferred($0) },
        .init("kick-off", "kick-off") { try WorkflowSteps.bookKickOff($0) },
        .init("technical-survey", "technical-survey") { try WorkflowSteps.bookSurvey($0) },
        .init("milestone", "milestones/:phase") { try WorkflowSteps.recordMilestone($0) },
        .init("sign-offs", "sign-offs") { try WorkflowSteps.signOff($0) },
        .init("go-live", "go-live") { try WorkflowSteps.recordGoLive($0) },
        .init("end", "end") { try WorkflowSteps.end($0) },
        .init("deployment-survey", "deployment-survey") { try WorkflowSteps.fillInDeploymentSurvey($0) },
        .init("deployment-survey-decision", "deployment-survey/decision") { try WorkflowSteps.decideDeploymentSurvey($0) },
        .init("service-stability", "service-stability") { try WorkflowSteps.recordServiceStability($0) },
        .init("cease-date", "schedule-as/:itemID/cease-date") { try WorkflowSteps.recordCeaseDate($0) },
        .init("notices", "notices") { try WorkflowSteps.addNotice($0) },
        .init("notice-sent", "notices/:itemID/sent") { try WorkflowSteps.noticeSent($0) },
        .init("action-items", "action-items") { try WorkflowSteps.addActionItem($0) },
        .init("action-item-status", "action-items/:itemID") { try WorkflowSteps.updateActionItem($0) },
        .init("deadline-met", "deadlines/:deadline/met") { try WorkflowSteps.markDeadlineMet($0) },
    ]

    static let byName = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })
}
