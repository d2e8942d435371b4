import Foundation

extension MigrationFacts {
    /// Whether `command` can be taken on the migration as it is recorded, whoever asks:
    /// returns when it can, and otherwise throws the refusal that says why. The page offers
    /// a command only when it passes (`commands(for:policy:today:)`), and the service checks
    /// the same command here before the step changes anything, so the two cannot disagree.
    /// Who may take it is the access policy's question; what an item allows next (a
    /// Schedule A, an extract request, the survey) is its own type's.
    public func check(_ command: MigrationCommand, today: Day) throws(WorkflowError) {
        switch command {
        case .agreeProvisionalGoLive, .proposeProvisionalGoLive:
            try status.requireOpen("agree a go-live date")
            guard actualGoLive == nil else { throw .wrongState("the migration has already gone live") }
            if let confirmedGoLive {
                throw .wrongState("the new system's supplier confirmed the go-live for \(confirmedGoLive.longDescription); a new date is agreed through its Schedule A")
            }
        case .register:
            _ = try status.registering()
            guard provisional != nil else { throw .wrongState("agree a provisional go-live date before registering the migration") }
        case .callOffScheduleA(let kind, let product):
            try status.requireTracking("call off a Schedule A")
            if scheduleAs.contains(where: { $0.value.product == product && $0.value.kind == kind && $0.value.isLive }) {
                throw .wrongState("\(kind.what) is already called off")
            }
        case .commissionerDecides(let id):
            try status.requireTracking("decide on a Schedule A")
            try scheduleA(id).canCommissionerDecide()
        case .supplierDecides(let id, _):
            try status.requireTracking("decide on a Schedule A")
            try scheduleA(id).canSupplierDecide()
        case .confirmGoLive(let id, _):
            try status.requireTracking("confirm the go-live")
            guard actualGoLive == nil else { throw .wrongState("the migration has already gone live") }
            try scheduleA(id).canConfirmGoLive()
        case .requestExtractForm(let supplier):
            try status.requireTracking("request a data extract")
            if extractRequests.contains(where: { $0.value.supplier == supplier.supplier }) {
                throw .wrongState("the extract form was already requested from \(supplier.name)")
            }
        case .sendExtractForm(let id, _):
            try status.requireTracking("move a data extract on")
            try extractRequest(id).canSendForm()
        case .returnExtractForm(let id, _):
            try status.requireTracking("move a data extract on")
            try extractRequest(id).canReturnForm()
        case .confirmExtractTransfer(let id, _):
            try status.requireTracking("move a data extract on")
            try extractRequest(id).canConfirmTransfer()
        case .bookKickOff(let held), .bookTechnicalSurvey(let held):
            try status.requireTracking("book meetings")
            // Both meetings come before the go-live.
            guard actualGoLive == nil else { throw .wrongState("the migration has already gone live") }
            if let held, !MeetingBooking.canBook(bookedOn: held, today: today) {
                throw .wrongState("the \(command.meeting) was held on \(held.longDescription)")
            }
        case .signOff(let kind):
            try status.requireTracking("record a sign-off")
            if signedOff.contains(kind) { throw .wrongState("the \(kind.title.lowercased()) sign-off was already recorded") }
        case .recordMilestone:
            try status.requireTracking("record milestones")
        case .markDeadlineMet(let deadline):
            try status.requireOpen("mark deadlines")
            _ = try requirePlan()
            guard deadline.kind.isMetByHand else { throw .wrongState("\"\(deadline.title)\" is met by its own record, not marked by hand") }
            guard deadlinesToMarkMet.contains(where: { $0.key == deadline.key }) else { throw .wrongState("that deadline is already met") }
        case .addNotice:
            try status.requireOpen("record notices")
        case .markNoticeSent(let notice):
            try status.requireOpen("record notices")
            guard unsentNotices.contains(notice) else { throw .wrongState("that notice was already sent") }
        case .addActionItem:
            try status.requireOpen("add action items")
        case .moveActionItem(_, let from, let to):
            try status.requireOpen("change action items")
            guard from.next.contains(to) else {
                throw .wrongState(from == .open ? "that action item is already open" : "that action item is \(from.rawValue): open it again first")
            }
        case .approveBusinessCase:
            _ = try status.approving(returned: returnedBusinessCase)
        case .returnBusinessCase:
            try ReturnedBusinessCase.canReturn(status: status, current: returnedBusinessCase)
        case .reviseBusinessCase:
            try ReturnedBusinessCase.revising(status: status, current: returnedBusinessCase)
        case .fillInDeploymentSurvey:
            try status.requireOpen("fill in the deployment survey")
            try DeploymentSurvey.canFillIn(wentLiveOn: actualGoLive, current: deploymentSurvey)
        case .decideDeploymentSurvey:
            try status.requireOpen("decide on the deployment survey")
            guard let deploymentSurvey else { throw .wrongState("the practice has not sent the deployment survey yet") }
            try deploymentSurvey.canDecide()
        case .recordCeaseDate(let id, _):
            guard state != nil else { throw .wrongState("the migration has no go-live date yet, so legacy support has no end") }
            try PaymentMilestones.canRecordCease(on: scheduleA(id), wentLiveOn: actualGoLive)
        case .recordGoLive:
            // Offered from the confirmed day on; the day recorded is checked by the step.
            _ = try goLive.recording(on: today)
        case .end:
            _ = try status.ending(deploymentSurveyConfirmed: deploymentSurvey?.status == .confirmed)
        case .recordServiceStability:
            try PaymentMilestones.canRecordServiceStability(wentLiveOn: actualGoLive, current: serviceStability)
        }
    }

    /// The deadline `id` of the plan, to mark as met; nil when the plan has none such.
    public func plannedDeadline(_ id: DeadlineID) throws(WorkflowError) -> Deadline? {
        try requirePlan().plan.deadlines.first { $0.key == id }
    }

    private func scheduleA(_ id: UUID) throws(WorkflowError) -> ScheduleA {
        guard let found = scheduleAs.first(where: { $0.id == id }) else { throw .wrongState("the migration has no such Schedule A") }
        return found.value
    }

    private func extractRequest(_ id: UUID) throws(WorkflowError) -> DataExtractRequest {
        guard let found = extractRequests.first(where: { $0.id == id }) else { throw .wrongState("the migration has no such extract request") }
        return found.value
    }

    private func requirePlan() throws(WorkflowError) -> MigrationState {
        guard let state else { throw .wrongState("the migration has no go-live date yet, so no deadlines") }
        return state
    }

    /// Whether `command` passes `check`.
    public func allows(_ command: MigrationCommand, today: Day) -> Bool {
        (try? check(command, today: today)) != nil
    }
}

extension ScheduleA.Kind {
    /// The Schedule A of this kind, in a sentence.
    var what: String {
        switch self {
        case .target: "the new system's Schedule A"
        case .decommission: "the old system's decommissioning Schedule A"
        case .submodule: "this module's Schedule A"
        }
    }
}

extension MigrationCommand {
    /// The meeting a booking is for.
    var meeting: String {
        if case .bookTechnicalSurvey = self { "technical survey" } else { "kick-off meeting" }
    }
}
