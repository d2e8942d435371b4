import MigrationKit
import Vapor

extension MigrationPage {
    /// The steps `actor` may take now (`MigrationFacts.commands`), each as a form: the
    /// model decides which; this only words them and asks for what each needs.
    static func forms(_ a: MigrationAggregate, facts: MigrationFacts, json: MigrationJSON, for actor: Actor, policy: AccessPolicy, today: Day) -> [StepForm] {
        facts.commands(for: actor, policy: policy, today: today).flatMap { forms(for: $0, a, json: json, plan: facts.state?.plan) }
    }

    private static let phaseOptions = Phase.allCases.map(phaseOption)
    /// The phases whose actual dates are recorded as milestones (`Phase.hasItsOwnStep`).
    private static let milestoneOptions = Phase.allCases.filter { !$0.hasItsOwnStep }.map(phaseOption)
    private static func phaseOption(_ phase: Phase) -> (String, String) { (phase.id, "\(phase.number). \(phase.title)") }
    private static let partyOptions = Party.allCases.map { ($0.rawValue, $0.title) }
    private static let scoreOptions = [("", "Choose a score")] + zip(DeploymentSurvey.scores, ["very poor", "poor", "fair", "good", "very good"]).map { (String($0), "\($0): \($1)") }

    /// The form (or, for a decision, the two forms) for one command.
    private static func forms(for command: MigrationCommand, _ a: MigrationAggregate, json: MigrationJSON, plan: Plan?) -> [StepForm] {
        let r = a.record
        let currentPhase = Phase(rawValue: r.currentPhase)?.id ?? ""
        func productName(_ scheduleA: UUID) -> String { json.scheduleAs.first { $0.id == scheduleA }?.product?.name ?? "this product" }
        switch command {
        case .approveBusinessCase:
            return [StepForm(step: "approval", title: "Approve the business case and record funding", button: "Approve", fields: [
                StepForm.field("approval", "fundingAmount", "Funding (pounds)", type: "number"),
                StepForm.field("approval", "fundingSource", "Source of funding", hint: "For example: ICB GP IT capital 2026/27"),
            ])]
        case .returnBusinessCase:
            return [StepForm(step: "business-case-return", title: "Return the business case to the practice", button: "Return it", style: "warning", fields: [
                StepForm.field("business-case-return", "reason", "What the practice must change", type: "textarea",
                               hint: "The practice sees this and sends a revised case for you to approve."),
            ])]
        case .reviseBusinessCase(let reason):
            let current = r.businessCase
            return [StepForm(step: "business-case", title: "Revise the business case", button: "Send the revised case", fields: [
                StepForm.field("business-case", "drivers", "Why the practice wants to move", type: "textarea", value: current.drivers,
                               hint: "The commissioner returned the case: \(reason)"),
                StepForm.field("business-case", "considerations", "What the practice has weighed up", type: "textarea", value: current.considerations),
                StepForm.field("business-case", "strategicFit", "How it fits local plans", type: "textarea", value: current.strategicFit),
            ])]
        case .agreeProvisionalGoLive(let day):
            return [StepForm(step: "provisional-go-live", title: "Agree to the provisional go-live of \(day.longDescription)", button: "Agree", hidden: [("goLive", day.description)])]
        case .proposeProvisionalGoLive(let current):
            return [StepForm(step: "provisional-go-live", title: current == nil ? "Propose a provisional go-live date" : "Propose another go-live date", button: "Propose this date", fields: [
                StepForm.field("provisional-go-live", "goLive", "Go-live date", type: "date", hint: "Everyone agrees again to a new date. Use the what-if page to compare plans first."),
            ])]
        case .register:
            return [StepForm(step: "registration", title: "Register the migration", button: "Register", fields: [
                StepForm.field("registration", "reference", "Tracking reference", hint: "Optional: the order or tracking number", required: false),
            ])]
        case .callOffScheduleA(.target, _):
            return [StepForm(step: "schedule-as", title: "Call off the Schedule A for \(a.targetProduct.name)", button: "Call off", hidden: [("kind", "target")])]
        case .callOffScheduleA(.decommission, _):
            return [StepForm(step: "schedule-as", title: "Call off the Schedule A that decommissions \(a.sourceProduct.name)", button: "Call off", hidden: [("kind", "decommission")])]
        case .callOffScheduleA(.submodule, let product):
            guard let module = a.submodules.first(where: { $0.id == product }) else { return [] }
            return [StepForm(step: "schedule-as", title: "Call off the Schedule A for \(module.name)", button: "Call off", hidden: [("kind", "submodule"), ("productCode", module.code)])]
        case .commissionerDecides(let id):
            return [
                StepForm(step: "commissioner-decision", itemID: id, title: "Accept the Schedule A for \(productName(id))", button: "Accept", hidden: [("decision", "accept")]),
                StepForm(step: "commissioner-decision", itemID: id, title: "Reject the Schedule A for \(productName(id))", button: "Reject", style: "warning", hidden: [("decision", "reject")], fields: [
                    StepForm.field("commissioner-decision-reject-\(id.uuidString)", "reason", "Why it is rejected", type: "textarea"),
                ]),
            ]
        case .supplierDecides(let id, let kind):
            let key = "supplier-decision-\(id.uuidString)"
            return [
                StepForm(step: "supplier-decision", itemID: id, title: "Accept the Schedule A for \(productName(id))", button: "Accept", hidden: [("decision", "accept")],
                         fields: kind == .target ? [StepForm.field(key, "goLive", "Go-live date you confirm", type: "date", value: r.provisionalGoLive?.description ?? "",
                                                                   hint: "The practice asked for \(r.provisionalGoLive?.page ?? "no date yet").")] : []),
                StepForm(step: "supplier-decision", itemID: id, title: "Reject the Schedule A for \(productName(id))", button: "Reject", style: "warning", hidden: [("decision", "reject")], fields: [
                    StepForm.field(key + "-reject", "reason", "Why it is rejected", type: "textarea"),
                ]),
            ]
        case .confirmGoLive(let id, let current):
            return [StepForm(step: "confirmed-go-live", itemID: id, title: current != nil ? "Move the confirmed go-live date" : "Confirm one go-live date",
                             button: current != nil ? "Move the go-live" : "Confirm", fields: [
                StepForm.field("confirmed-go-live-\(id.uuidString)", "goLive", current != nil ? "New go-live date" : "Go-live date", type: "date",
                               hint: current.map { "Confirmed now for \($0.longDescription). The plan is made again from the new date." }),
            ])]
        case .requestExtractForm(let supplier):
            return [StepForm(step: "extract-requests", title: "Ask \(supplier.name) for its extract request form", button: "Record the request", hidden: [("supplierId", supplier.supplier.uuidString)])]
        case .sendExtractForm(let id, let supplier):
            return [StepForm(step: "form-sent", itemID: id, title: "Send \(a.supplierName(supplier))'s extract form to the practice", button: "Form sent")]
        case .returnExtractForm(let id, let supplier):
            let key = "form-returned-\(id.uuidString)"
            return [StepForm(step: "form-returned", itemID: id, title: "Return \(a.supplierName(supplier))'s extract form", button: "Form returned", fields: [
                StepForm.field(key, "dataProductionDays[]", "Initial data production date", type: "date", value: plan?.initialDataProduction.description ?? "", hint: "As the new system's supplier advised."),
                StepForm.field(key + "-final", "dataProductionDays[]", "Final data production date", type: "date", value: plan?.finalDataProduction.description ?? "", required: false),
            ])]
        case .confirmExtractTransfer(let id, let supplier):
            return [StepForm(step: "transfer-confirmed", itemID: id, title: "Confirm \(a.supplierName(supplier))'s data reached the new supplier", button: "Transfer confirmed")]
        case .bookKickOff(let booked):
            return [StepForm(step: "kick-off", title: "Book the kick-off meeting", button: "Book kick-off", fields: [StepForm.field("kick-off", "day", "Date", type: "date", value: booked?.description ?? "")])]
        case .bookTechnicalSurvey(let booked):
            return [StepForm(step: "technical-survey", title: "Book the technical survey", button: "Book survey", fields: [
                StepForm.field("technical-survey", "day", "Date", type: "date", value: booked?.description ?? "", hint: "Within 3 working days of the kick-off."),
            ])]
        case .signOff(let kind):
            let key = "sign-offs-\(kind.rawValue)"
            let fields = [StepForm.field(key, "signerName", "Signed by"), StepForm.field(key, "comment", "Comment", type: "textarea", required: false)]
            return [StepForm(step: "sign-offs", title: "Sign off: \(kind.title)", button: "Record sign-off", hidden: [("kind", kind.rawValue)], fields: fields)]
        case .recordGoLive(let confirmed):
            return [StepForm(step: "go-live", title: "Record the go-live", button: "Record go-live", fields: [StepForm.field("go-live", "day", "Went live on", type: "date", value: confirmed.description)])]
        case .end:
            return [StepForm(step: "end", title: "End the migration", button: "End the migration", fields: [StepForm.field("end", "day", "Ended on", type: "date", hint: "The day the migration ended, which may be before today.")])]
        case .fillInDeploymentSurvey(let returned):
            return [StepForm(step: "deployment-survey", title: returned == nil ? "Fill in the deployment survey" : "Correct and resend the deployment survey",
                             button: "Send the survey", fields: [
                StepForm.field("deployment-survey", "goLive", "Go-live date", type: "date", value: (json.deploymentSurvey?.goLive ?? r.actualGoLive)?.description ?? "",
                               hint: returned.map { "It came back: \($0)" } ?? "The day the new system went live; it becomes the delivery date (M1) the supplier is paid on."),
                StepForm.field("deployment-survey", "score", "How well did the deployment go?", type: "select", value: json.deploymentSurvey.map { String($0.score) } ?? "",
                               options: scoreOptions),
                StepForm.field("deployment-survey", "comments", "Comments", type: "textarea", value: json.deploymentSurvey?.comments ?? "",
                               hint: "Sent with the score to whoever keeps the area's order records.", required: false),
            ])]
        case .decideDeploymentSurvey:
            let survey = json.deploymentSurvey
            let summary = survey.map { "Go-live \($0.goLive.longDescription), score \($0.score) of 5" + (r.actualGoLive.map { $0 == survey?.goLive ? "" : " (recorded go-live \($0.longDescription))" } ?? "") } ?? ""
            return [
                StepForm(step: "deployment-survey-decision", title: "Confirm the deployment survey: \(summary)", button: "Confirm and set actual M1", hidden: [("decision", "confirm")]),
                StepForm(step: "deployment-survey-decision", title: "Return the deployment survey to the practice", button: "Return it", style: "warning", hidden: [("decision", "return")], fields: [
                    StepForm.field("deployment-survey-decision-return", "reason", "What the practice must correct", type: "textarea"),
                ]),
            ]
        case .recordServiceStability:
            return [StepForm(step: "service-stability", title: "Confirm service stability (M2)", button: "Record M2", fields: [
                StepForm.field("service-stability", "day", "Service stable since", type: "date", hint: "Confirming M2 releases the new system's supplier's payment."),
            ])]
        case .recordCeaseDate(let id, let current):
            let supportEnds = plan?.deadline(.legacySupportEnd).due
            return [StepForm(step: "cease-date", itemID: id, title: current == nil ? "Record \(a.sourceProduct.name)'s cease date" : "Move \(a.sourceProduct.name)'s cease date",
                             button: "Record cease date", fields: [
                StepForm.field("cease-date", "day", "Cease date", type: "date", value: (current ?? supportEnds)?.description ?? "",
                               hint: supportEnds.map { "Payment for the old system stops on this day; no earlier than the end of legacy support, \($0.longDescription)." }),
            ])]
        case .recordMilestone:
            return [StepForm(step: "milestone", title: "Record when a phase actually happened", button: "Record", fields: [
                StepForm.field("milestone", "phase", "Phase", type: "select", value: currentPhase, options: milestoneOptions),
                StepForm.field("milestone", "actualStart", "Started on", type: "date"),
                StepForm.field("milestone", "actualEnd", "Finished on", type: "date", hint: "Leave empty while it is still going on.", required: false),
            ])]
        case .markDeadlineMet(let deadline):
            return [StepForm(step: "deadline-met", title: deadline.title, button: "Mark as done", hidden: [("deadline", deadline.id)], fields: [
                StepForm.field("deadline-met-\(deadline.id)", "day", "Done on", type: "date", hint: "Due \(deadline.due.longDescription). Once it is done, the day it was done."),
            ])]
        case .addNotice:
            return [StepForm(step: "notices", title: "Add a service or supplier to give notice to", button: "Add notice", fields: [
                StepForm.field("notices", "recipient", "Who"),
                StepForm.field("notices", "service", "Kind", type: "select", value: "other", options: [("eps", "EPS (5 weeks' notice)"), ("other", "Other linked service or supplier (5 days' notice)")]),
            ])]
        case .markNoticeSent(let id):
            guard let notice = a.notices.first(where: { $0.id == id }) else { return [] }
            return [StepForm(step: "notice-sent", itemID: id, title: "Notice sent to \(notice.recipient)", button: "Mark as sent", fields: [
                StepForm.field("notice-sent-\(id.uuidString)", "day", "Sent on", type: "date", hint: "The day the notice went, which may be before today."),
            ])]
        case .addActionItem:
            return [StepForm(step: "action-items", title: "Add an action item", button: "Add action", fields: [
                StepForm.field("action-items", "title", "What needs doing"),
                StepForm.field("action-items", "phase", "Phase", type: "select", value: currentPhase, options: phaseOptions),
                StepForm.field("action-items", "owner", "Who", type: "select", value: "practice", options: partyOptions),
                StepForm.field("action-items", "due", "Due", type: "date", required: false),
            ])]
        case .moveActionItem(let id, let from, let to):
            guard let item = a.actionItems.first(where: { $0.id == id }) else { return [] }
            let (title, button) = switch to {
            case .done: ("Done: \(item.title)", "Mark as done")
            case .cancelled: ("No longer needed: \(item.title)", "Cancel it")
            case .open: ("\(from == .done ? "Done" : "Cancelled"): \(item.title)", "Open it again")
            }
            return [StepForm(step: "action-item-status", itemID: id, title: title, button: button, style: "secondary", hidden: [("status", to.rawValue)])]
        }
    }
}
