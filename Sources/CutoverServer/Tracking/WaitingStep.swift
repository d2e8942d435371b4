import Foundation
import MigrationKit

/// A step a migration waits on (`MigrationFacts.turns`), worded for the work queue of the
/// organisation whose turn it is.
struct WaitingStep: Sendable {
    let organisation: UUID
    let title: String
    /// The deadline the step meets, if it meets one itself.
    let deadline: DeadlineID?
    /// When it should be done by, from the plan (`MigrationCommand.due`).
    let due: Day?

    static func all(of a: MigrationAggregate, facts: MigrationFacts, policy: AccessPolicy, today: Day) -> [WaitingStep] {
        let plan = facts.state?.plan
        return facts.turns(policy: policy, today: today).map {
            WaitingStep(organisation: $0.organisation, title: title($0.command, a), deadline: $0.command.meets, due: plan.flatMap($0.command.due))
        }
    }

    static func title(_ command: MigrationCommand, _ a: MigrationAggregate) -> String {
        func product(_ scheduleA: UUID) -> String {
            a.scheduleAs.first { $0.id == scheduleA }.flatMap { s in a.products[s.productID]?.name } ?? "a product"
        }
        switch command {
        case .approveBusinessCase: return "Approve the business case and record funding"
        case .reviseBusinessCase: return "Revise the business case the commissioner returned"
        case .agreeProvisionalGoLive(let day): return "Agree to the provisional go-live of \(day.longDescription)"
        case .register: return "Register the migration"
        case .commissionerDecides(let id), .supplierDecides(let id, _): return "Accept or reject the Schedule A for \(product(id))"
        case .confirmGoLive: return "Confirm one go-live date"
        case .sendExtractForm: return "Send your extract request form to the practice"
        case .returnExtractForm(_, let supplier): return "Return \(a.supplierName(supplier))'s extract form with the data production dates"
        case .confirmExtractTransfer(_, let supplier): return "Transfer \(a.supplierName(supplier))'s extract and confirm it"
        case .fillInDeploymentSurvey(nil): return "Fill in the deployment survey"
        case .fillInDeploymentSurvey: return "Correct and resend the deployment survey"
        case .decideDeploymentSurvey: return "Confirm the deployment survey in the order records (sets actual M1)"
        case .recordServiceStability: return "Confirm service stability (M2)"
        case .recordCeaseDate: return "Record \(a.sourceProduct.name)'s cease date"
        case .end: return "End the migration"
        default: return "Take the next step"
        }
    }
}
