import Foundation

/// Every change a user can make to a migration. Steps that belong to one supplier name it,
/// so only that supplier may take them.
public enum WorkflowAction: Hashable, Sendable {
    case createMigration
    case editMigration
    case approveBusinessCase
    case returnBusinessCase
    case reviseBusinessCase
    case proposeProvisionalGoLive
    case agreeProvisionalGoLive
    case register
    case callOffScheduleA
    case commissionerDecidesScheduleA
    case supplierDecidesScheduleA(supplier: UUID)
    case requestExtractForm
    case sendExtractForm(supplier: UUID)
    case returnExtractForm
    case confirmExtractTransfer(supplier: UUID)
    case book
    case recordMilestone
    case signOff
    case recordGoLive
    case endMigration
    case fillInDeploymentSurvey
    case decideDeploymentSurvey
    case recordServiceStability
    case recordCeaseDate
    case manageNotices
    case manageActionItems
    case markDeadlineMet(owner: Party)
    case tickChecklist(party: Party)

    /// Words for error messages: "only the commissioner may <verb>".
    public var verb: String {
        switch self {
        case .createMigration: "start a migration"
        case .editMigration: "change the migration's details"
        case .approveBusinessCase: "approve the business case and record funding"
        case .returnBusinessCase: "return the business case to the practice"
        case .reviseBusinessCase: "revise the business case"
        case .proposeProvisionalGoLive: "propose a provisional go-live date"
        case .agreeProvisionalGoLive: "agree to the provisional go-live date"
        case .register: "register the migration"
        case .callOffScheduleA: "call off a Schedule A"
        case .commissionerDecidesScheduleA: "accept or reject a Schedule A for the commissioner"
        case .supplierDecidesScheduleA: "accept or reject this Schedule A for its supplier"
        case .requestExtractForm: "ask a supplier for its extract request form"
        case .sendExtractForm: "send this supplier's extract form to the practice"
        case .returnExtractForm: "return an extract form with the data production dates"
        case .confirmExtractTransfer: "confirm this data extract was transferred"
        case .book: "book the kick-off meeting or the technical survey"
        case .recordMilestone: "record a milestone's actual dates"
        case .signOff: "record a sign-off"
        case .recordGoLive: "record the go-live"
        case .endMigration: "end the migration"
        case .fillInDeploymentSurvey: "fill in the deployment survey"
        case .decideDeploymentSurvey: "confirm or return the deployment survey"
        case .recordServiceStability: "confirm service stability (M2)"
        case .recordCeaseDate: "record the old system's cease date"
        case .manageNotices: "record notices to third parties"
        case .manageActionItems: "manage action items"
        case .markDeadlineMet: "mark this deadline as met"
        case .tickChecklist(let party): "tick the \(party.title) checklist"
        }
    }
}
