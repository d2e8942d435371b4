import MigrationKit
import Vapor

extension MigrationPage {
    /// The next steps this user may take now, each as a form. Which steps make sense
    /// follows the state; whether this user may take them asks the access policy.
    static func forms(_ a: MigrationAggregate, json: MigrationJSON, state: MigrationState?, may: (WorkflowAction) -> Bool, party: (WorkflowAction) -> Party?, today: Day) -> [StepForm] {
        let r = a.record
        var forms: [StepForm] = []
        let tracking = r.status == .registered || r.status == .live
        let open = r.status != .completed
        let phaseOptions = Phase.allCases.map { ($0.id, "\($0.number). \($0.title)") }
        let partyOptions = Party.allCases.map { ($0.rawValue, $0.title) }

        if r.status == .proposed && may(.approveBusinessCase) {
            forms.append(StepForm(step: "approval", title: "Approve the business case and record funding", button: "Approve", fields: [
                StepForm.field("approval", "fundingAmount", "Funding (pounds)", type: "number"),
                StepForm.field("approval", "fundingSource", "Source of funding", hint: "For example: ICB GP IT capital 2026/27"),
            ]))
        }
        // Until the supplier confirms a day: agree to the date proposed, or propose another.
        if open && r.actualGoLive == nil && r.confirmedGoLive == nil {
            if let provisional = r.provisional, let me = party(.agreeProvisionalGoLive), provisional.agreements[me] == nil {
                forms.append(StepForm(step: "provisional-go-live", title: "Agree to the provisional go-live of \(provisional.day.longDescription)", button: "Agree",
                                      hidden: [("goLive", provisional.day.description)]))
            }
            if may(.proposeProvisionalGoLive) {
                forms.append(StepForm(step: "provisional-go-live", title: r.provisionalGoLive == nil ? "Propose a provisional go-live date" : "Propose another go-live date",
                                      button: "Propose this date", fields: [
                    StepForm.field("provisional-go-live", "goLive", "Go-live date", type: "date",
                                   hint: "Everyone agrees again to a new date. Use the what-if page to compare plans first."),
                ]))
            }
        }
        if r.status == .approved && may(.register) {
            forms.append(StepForm(step: "registration", title: "Register the migration", button: "Register", fields: [
                StepForm.field("registration", "reference", "Tracking reference", hint: "Optional: the order or tracking number", required: false),
            ]))
        }
        if tracking && may(.callOffScheduleA) {
            if a.scheduleAs.filter({ $0.kind == .target && $0.status != .rejected }).isEmpty {
                forms.append(StepForm(step: "schedule-as", title: "Call off the Schedule A for \(a.targetProduct.name)", button: "Call off", hidden: [("kind", "target")]))
            }
            if a.scheduleAs.filter({ $0.kind == .decommission && $0.status != .rejected }).isEmpty {
                forms.append(StepForm(step: "schedule-as", title: "Call off the Schedule A that decommissions \(a.sourceProduct.name)", button: "Call off", hidden: [("kind", "decommission")]))
            }
            for module in a.submodules where !a.scheduleAs.contains(where: { $0.productID == module.id && $0.status != .rejected }) {
                forms.append(StepForm(step: "schedule-as", title: "Call off the Schedule A for \(module.name)", button: "Call off", hidden: [("kind", "submodule"), ("productCode", module.code)]))
            }
        }
        for s in a.scheduleAs {
            let name = json.scheduleAs.first { $0.id == s.id }?.product?.name ?? "this product"
            if s.status == .calledOff && may(.commissionerDecidesScheduleA) {
                forms.append(StepForm(step: "commissioner-decision", itemID: s.id, title: "Accept the Schedule A for \(name)", button: "Accept", hidden: [("decision", "accept")]))
                forms.append(StepForm(step: "commissioner-decision", itemID: s.id, title: "Reject the Schedule A for \(name)", button: "Reject", style: "warning", hidden: [("decision", "reject")], fields: [
                    StepForm.field("commissioner-decision-reject-\(s.id.uuidString)", "reason", "Why it is rejected", type: "textarea"),
                ]))
            }
            if s.status == .commissionerAccepted && may(.supplierDecidesScheduleA(supplier: s.supplierID)) {
                let key = "supplier-decision-\(s.id.uuidString)"
                forms.append(StepForm(step: "supplier-decision", itemID: s.id, title: "Accept the Schedule A for \(name)", button: "Accept", hidden: [("decision", "accept")],
                                      fields: s.kind == .target ? [StepForm.field(key, "goLive", "Go-live date you confirm", type: "date", value: r.provisionalGoLive?.description ?? "",
                                                                    hint: "The practice asked for \(r.provisionalGoLive?.page ?? "no date yet").")] : []))
                forms.append(StepForm(step: "supplier-decision", itemID: s.id, title: "Reject the Schedule A for \(name)", button: "Reject", style: "warning", hidden: [("decision", "reject")], fields: [
                    StepForm.field(key + "-reject", "reason", "Why it is rejected", type: "textarea"),
                ]))
            }
            if s.kind == .target && s.status == .accepted && r.actualGoLive == nil && may(.supplierDecidesScheduleA(supplier: s.supplierID)) {
                let moving = s.confirmedGoLive != nil
                forms.append(StepForm(step: "confirmed-go-live", itemID: s.id, title: moving ? "Move the confirmed go-live date" : "Confirm one go-live date",
                                      button: moving ? "Move the go-live" : "Confirm", fields: [
                    StepForm.field("confirmed-go-live-\(s.id.uuidString)", "goLive", moving ? "New go-live date" : "Go-live date", type: "date",
                                   hint: moving ? "Confirmed now for \(s.confirmedGoLive!.longDescription). The plan is made again from the new date." : nil),
                ]))
            }
        }
        if tracking && may(.requestExtractForm) {
            for supplier in a.extractSuppliers where !a.extractRequests.contains(where: { $0.supplierID == supplier.supplier }) {
                forms.append(StepForm(step: "extract-requests", title: "Ask \(supplier.name) for its extract request form", button: "Record the request", hidden: [("supplierId", supplier.supplier.uuidString)]))
            }
        }
        for e in a.extractRequests where tracking {
            let name = a.supplierName(e.supplierID)
            switch e.status {
            case .formRequested where may(.sendExtractForm(supplier: e.supplierID)):
                forms.append(StepForm(step: "form-sent", itemID: e.id, title: "Send \(name)'s extract form to the practice", button: "Form sent"))
            case .formSent where may(.returnExtractForm):
                let plan = state?.plan
                let key = "form-returned-\(e.id.uuidString)"
                forms.append(StepForm(step: "form-returned", itemID: e.id, title: "Return \(name)'s extract form", button: "Form returned", fields: [
                    StepForm.field(key, "dataProductionDays[]", "Initial data production date", type: "date", value: plan?.initialDataProduction.description ?? "", hint: "As the new system's supplier advised."),
                    StepForm.field(key + "-final", "dataProductionDays[]", "Final data production date", type: "date", value: plan?.finalDataProduction.description ?? "", required: false),
                ]))
            case .formReturned where may(.confirmExtractTransfer(supplier: e.supplierID)):
                forms.append(StepForm(step: "transfer-confirmed", itemID: e.id, title: "Confirm \(name)'s data reached the new supplier", button: "Transfer confirmed"))
            default: break
            }
        }
        if tracking && r.actualGoLive == nil && may(.book) {
            if MeetingBooking.canBook(bookedOn: r.kickOffOn, today: today) {
                forms.append(StepForm(step: "kick-off", title: "Book the kick-off meeting", button: "Book kick-off", fields: [StepForm.field("kick-off", "day", "Date", type: "date", value: r.kickOffOn?.description ?? "")]))
            }
            if MeetingBooking.canBook(bookedOn: r.surveyOn, today: today) {
                forms.append(StepForm(step: "technical-survey", title: "Book the technical survey", button: "Book survey", fields: [
                    StepForm.field("technical-survey", "day", "Date", type: "date", value: r.surveyOn?.description ?? "", hint: "Within 3 working days of the kick-off."),
                ]))
            }
        }
        if tracking && may(.signOff) {
            for kind in SignOffKind.allCases where !a.signOffs.contains(where: { $0.kind == kind }) {
                if kind == .deploymentSurvey && r.actualGoLive == nil { continue }
                let key = "sign-offs-\(kind.rawValue)"
                var fields = [StepForm.field(key, "signerName", "Signed by"), StepForm.field(key, "comment", "Comment", type: "textarea", required: false)]
                if kind == .deploymentSurvey { fields.insert(StepForm.field(key, "score", "Deployment score (1 to 10)", type: "number"), at: 1) }
                forms.append(StepForm(step: "sign-offs", title: "Sign off: \(kind.title)", button: "Record sign-off", hidden: [("kind", kind.rawValue)], fields: fields))
            }
        }
        // Offered from the confirmed day on, once nothing stands in its way (`GoLive`).
        if may(.recordGoLive), a.goLive.canBeRecorded(today: today), let confirmed = r.confirmedGoLive {
            forms.append(StepForm(step: "go-live", title: "Record the go-live", button: "Record go-live", fields: [StepForm.field("go-live", "day", "Went live on", type: "date", value: confirmed.description)]))
        }
        if a.canEnd && may(.endMigration) {
            forms.append(StepForm(step: "end", title: "End the migration", button: "End the migration", fields: [StepForm.field("end", "day", "Ended on", type: "date", value: today.description)]))
        }
        if tracking && may(.recordMilestone) {
            forms.append(StepForm(step: "milestone", title: "Record when a phase actually happened", button: "Record", fields: [
                StepForm.field("milestone", "phase", "Phase", type: "select", value: Phase(rawValue: r.currentPhase)?.id ?? "", options: phaseOptions.filter { $0.0 != "go-live" && $0.0 != "end-of-migration" }),
                StepForm.field("milestone", "actualStart", "Started on", type: "date"),
                StepForm.field("milestone", "actualEnd", "Finished on", type: "date", hint: "Leave empty while it is still going on.", required: false),
            ]))
        }
        if open {
            // Deadlines no other record shows can be marked as done.
            for deadline in state?.deadlinesToMarkMet ?? [] where may(.markDeadlineMet(owner: deadline.owner)) {
                forms.append(StepForm(step: "deadline-met", title: "Done: \(deadline.title)", button: "Mark as done", hidden: [("deadline", deadline.id)], fields: [
                    StepForm.field("deadline-met-\(deadline.id)", "day", "Done on", type: "date", value: today.description),
                ]))
            }
        }
        if open && may(.manageNotices) {
            forms.append(StepForm(step: "notices", title: "Add a service or supplier to give notice to", button: "Add notice", fields: [
                StepForm.field("notices", "recipient", "Who"),
                StepForm.field("notices", "service", "Kind", type: "select", value: "other", options: [("eps", "EPS (5 weeks' notice)"), ("other", "Other linked service or supplier (5 days' notice)")]),
            ]))
            for notice in a.notices where notice.sentOn == nil {
                forms.append(StepForm(step: "notice-sent", itemID: notice.id, title: "Notice sent to \(notice.recipient)", button: "Mark as sent", fields: [
                    StepForm.field("notice-sent-\(notice.id.uuidString)", "day", "Sent on", type: "date", value: today.description),
                ]))
            }
        }
        if open && may(.manageActionItems) {
            forms.append(StepForm(step: "action-items", title: "Add an action item", button: "Add action", fields: [
                StepForm.field("action-items", "title", "What needs doing"),
                StepForm.field("action-items", "phase", "Phase", type: "select", value: Phase(rawValue: r.currentPhase)?.id ?? "", options: phaseOptions),
                StepForm.field("action-items", "owner", "Who", type: "select", value: "practice", options: partyOptions),
                StepForm.field("action-items", "due", "Due", type: "date", required: false),
            ]))
            // Only the items this user sees (a supplier sees its own party's): an open one is
            // done or cancelled, a done or cancelled one opened again.
            for item in json.actionItems {
                for status in item.status.next {
                    let (title, button) = switch status {
                    case .done: ("Done: \(item.title)", "Mark as done")
                    case .cancelled: ("No longer needed: \(item.title)", "Cancel it")
                    case .open: ("\(item.status == .done ? "Done" : "Cancelled"): \(item.title)", "Open it again")
                    }
                    forms.append(StepForm(step: "action-item-status", itemID: item.id, title: title, button: button, style: "secondary", hidden: [("status", status.rawValue)]))
                }
            }
        }
        return forms
    }
}
