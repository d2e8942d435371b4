import Fluent
import MigrationKit
import Vapor

/// Every workflow step, once, for the API and the web pages alike. Each takes its input
/// (a decoded body, the path's ids, today, the actor), checks what can be checked before
/// touching the database, and returns the step: who may take it, and the change, which
/// `MigrationWriter` runs in a transaction with its audit event. What the change is, and
/// whether it may be made, is `MigrationAggregate`'s (`Sources/MigrationKit/Steps`); here
/// it is called and audited.
enum WorkflowSteps {
    // MARK: Decision, go-live and registration

    static func approve(_ input: some StepInput) throws -> WorkflowStep {
        let body = try input.body(ApproveBody.self)
        guard body.fundingAmount >= 0, body.fundingAmount <= 10_000_000 else {
            throw APIError.invalid("fundingAmount", "fundingAmount is in pounds, from 0 to 10,000,000")
        }
        let source = try Validate.text(body.fundingSource, field: "fundingSource", maximum: 200)
        let (today, actor) = (input.today, try input.actor)
        return WorkflowStep(authorize: { _ in .approveBusinessCase }) { a, db in
            let before = MigrationDatesSnapshot(a.record)
            try a.approveBusinessCase(fundingAmount: body.fundingAmount, fundingSource: source, by: actor.userID, today: today)
            return AuditEntry(action: "business-case.approved", entity: "migration", entityID: a.id, before: before, after: MigrationDatesSnapshot(a.record))
        }
    }

    static func returnBusinessCase(_ input: some StepInput) throws -> WorkflowStep {
        let body = try input.body(ReturnBusinessCaseBody.self)
        let today = input.today
        return WorkflowStep(authorize: { _ in .returnBusinessCase }) { a, db in
            let returned = try a.returnBusinessCase(reason: body.reason, today: today)
            return AuditEntry(action: "business-case.returned", entity: "migration", entityID: a.id, after: returned)
        }
    }

    /// The practice's revised case, which answers the commissioner's return.
    static func reviseBusinessCase(_ input: some StepInput) throws -> WorkflowStep {
        let revised = try input.body(ReviseBusinessCaseBody.self).businessCase
        try revised.validate(prefix: "")
        let today = input.today
        return WorkflowStep(authorize: { _ in .reviseBusinessCase }) { a, db in
            let before = MigrationSnapshot(a.record)
            try a.reviseBusinessCase(revised, today: today)
            return AuditEntry(action: "business-case.revised", entity: "migration", entityID: a.id, before: before, after: MigrationSnapshot(a.record))
        }
    }

    /// Proposes a provisional go-live, or agrees to the one proposed when `goLive` is that
    /// day (the new system's supplier may only agree).
    static func provisionalGoLive(_ input: some StepInput) throws -> WorkflowStep {
        let body = try input.body(GoLiveBody.self)
        let (today, actor, policy) = (input.today, try input.actor, input.policy)
        let goLive = try Validate.future(body.goLive, field: "goLive", today: today)
        return WorkflowStep(authorize: { a in a.provisionalGoLiveAction(goLive) }) { a, db in
            let before = MigrationDatesSnapshot(a.record)
            let proposed = try a.giveProvisionalGoLive(goLive, by: actor, policy: policy, today: today)
            return AuditEntry(action: proposed ? "go-live.provisional" : "go-live.provisional-agreed", entity: "migration", entityID: a.id,
                              before: before, after: MigrationDatesSnapshot(a.record))
        }
    }

    static func register(_ input: some StepInput) throws -> WorkflowStep {
        let body = try input.body(RegisterBody.self)
        let reference = try body.reference.map { try Validate.text($0, field: "reference", maximum: 100) }
        let today = input.today
        return WorkflowStep(authorize: { _ in .register }) { a, db in
            let before = MigrationDatesSnapshot(a.record)
            try a.register(reference: reference, today: today)
            return AuditEntry(action: "migration.registered", entity: "migration", entityID: a.id, before: before, after: MigrationDatesSnapshot(a.record))
        }
    }

    // MARK: Schedule As

    static func callOff(_ input: some StepInput) throws -> WorkflowStep {
        let body = try input.body(CallOffBody.self)
        let today = input.today
        return WorkflowStep(authorize: { _ in .callOffScheduleA }, creates: .scheduleA) { a, db in
            let row = try a.callOffScheduleA(body.kind, productCode: body.productCode, today: today)
            return AuditEntry(action: "schedule-a.called-off", entity: "schedule-a", entityID: row.id, supplierID: row.supplierID, after: ScheduleASnapshot(row))
        }
    }

    static func commissionerDecision(_ input: some StepInput) throws -> WorkflowStep {
        let body = try input.body(CommissionerDecisionBody.self)
        let itemID = try input.itemID(what: "Schedule A")
        let today = input.today
        return WorkflowStep(authorize: { _ in .commissionerDecidesScheduleA }) { a, db in
            try scheduleAStep(itemID, action: "schedule-a.commissioner-\(body.decision.rawValue)", on: &a) { a in
                try a.commissionerDecides(scheduleA: itemID, body.decision, reason: body.reason, today: today)
            }
        }
    }

    static func supplierDecision(_ input: some StepInput) throws -> WorkflowStep {
        let body = try input.body(DecisionBody.self)
        let itemID = try input.itemID(what: "Schedule A")
        let today = input.today
        return WorkflowStep(authorize: { a in .supplierDecidesScheduleA(supplier: try a.scheduleA(itemID).supplierID) }) { a, db in
            try scheduleAStep(itemID, action: "schedule-a.supplier-\(body.decision.rawValue)", on: &a) { a in
                try a.supplierDecides(scheduleA: itemID, body.decision, reason: body.reason, confirmGoLive: body.goLive, proposedGoLives: body.proposedGoLives ?? [], today: today)
            }
        }
    }

    static func confirmGoLive(_ input: some StepInput) throws -> WorkflowStep {
        let body = try input.body(GoLiveBody.self)
        let itemID = try input.itemID(what: "Schedule A")
        let today = input.today
        return WorkflowStep(authorize: { a in .supplierDecidesScheduleA(supplier: try a.scheduleA(itemID).supplierID) }) { a, db in
            try scheduleAStep(itemID, action: "go-live.confirmed", on: &a) { a in try a.confirmGoLive(body.goLive, scheduleA: itemID, today: today) }
        }
    }

    /// Takes a step on one Schedule A and audits it as it was and is.
    private static func scheduleAStep(_ id: UUID, action: String, on a: inout MigrationAggregate, _ step: (inout MigrationAggregate) throws -> Void) throws -> AuditEntry {
        let before = ScheduleASnapshot(try a.scheduleA(id))
        try step(&a)
        let row = try a.scheduleA(id)
        return AuditEntry(action: action, entity: "schedule-a", entityID: row.id, supplierID: row.supplierID, before: before, after: ScheduleASnapshot(row))
    }

    // MARK: Data extracts

    static func requestExtract(_ input: some StepInput) throws -> WorkflowStep {
        let body = try input.body(ExtractRequestBody.self)
        let today = input.today
        return WorkflowStep(authorize: { _ in .requestExtractForm }, creates: .extractRequest) { a, db in
            let row = try a.requestExtractForm(from: body.supplierId, today: today)
            return AuditEntry(action: "extract.form-requested", entity: "extract-request", entityID: row.id, supplierID: row.supplierID, after: ExtractSnapshot(row))
        }
    }

    static func extractFormSent(_ input: some StepInput) throws -> WorkflowStep {
        try extractStep(input, action: "extract.form-sent", authorize: { .sendExtractForm(supplier: $0.supplierID) }) { a, id, today in
            try a.extractFormSent(id, today: today)
        }
    }

    static func extractFormReturned(_ input: some StepInput) throws -> WorkflowStep {
        let body = try input.body(FormReturnedBody.self)
        guard body.dataProductionDays.count <= 10 else { throw APIError.invalid("dataProductionDays", "at most 10 days") }
        return try extractStep(input, action: "extract.form-returned", authorize: { _ in .returnExtractForm }) { a, id, today in
            try a.extractFormReturned(id, dataProductionDays: body.dataProductionDays, today: today)
        }
    }

    static func extractTransferred(_ input: some StepInput) throws -> WorkflowStep {
        try extractStep(input, action: "extract.transferred", authorize: { .confirmExtractTransfer(supplier: $0.supplierID) }) { a, id, today in
            try a.extractTransferred(id, today: today)
        }
    }

    private static func extractStep(
        _ input: some StepInput, action: String, authorize: @escaping @Sendable (ExtractRequestRow) -> WorkflowAction,
        _ step: @escaping @Sendable (inout MigrationAggregate, UUID, Day) throws -> Void
    ) throws -> WorkflowStep {
        let itemID = try input.itemID(what: "extract request")
        let today = input.today
        return WorkflowStep(authorize: { a in authorize(try a.extractRequest(itemID)) }) { a, db in
            let before = ExtractSnapshot(try a.extractRequest(itemID))
            try step(&a, itemID, today)
            let row = try a.extractRequest(itemID)
            return AuditEntry(action: action, entity: "extract-request", entityID: row.id, supplierID: row.supplierID, before: before, after: ExtractSnapshot(row))
        }
    }

    // MARK: Bookings, milestones, sign-offs, go-live, end

    static func bookKickOff(_ input: some StepInput) throws -> WorkflowStep {
        try book(input, keyPath: \.kickOffOn, action: "kick-off.booked") { a, day, today in try a.bookKickOff(day, today: today) }
    }

    static func bookSurvey(_ input: some StepInput) throws -> WorkflowStep {
        try book(input, keyPath: \.surveyOn, action: "technical-survey.booked") { a, day, today in try a.bookTechnicalSurvey(day, today: today) }
    }

    private static func book(
        _ input: some StepInput, keyPath: KeyPath<MigrationRow, Day?> & Sendable, action: String,
        _ booking: @escaping @Sendable (inout MigrationAggregate, Day, Day) throws -> Void
    ) throws -> WorkflowStep {
        let body = try input.body(DayBody.self)
        let today = input.today
        let day = try Validate.future(body.day, field: "day", today: today)
        return WorkflowStep(authorize: { _ in .book }) { a, db in
            let before = a.record[keyPath: keyPath]
            try booking(&a, day, today)
            return AuditEntry(action: action, entity: "migration", entityID: a.id, before: before.map { ["day": $0] }, after: ["day": day])
        }
    }

    static func recordMilestone(_ input: some StepInput) throws -> WorkflowStep {
        let body = try input.body(MilestoneBody.self)
        let text = input.parameter("phase") ?? ""
        guard let phase = Phase(id: text) ?? Int(text).flatMap(Phase.init(rawValue:)) else { throw APIError.notFound("phase") }
        let today = input.today
        _ = try Validate.past(body.actualStart, field: "actualStart", today: today)
        if let end = body.actualEnd { _ = try Validate.past(end, field: "actualEnd", today: today) }
        try MigrationAggregate.checkMilestone(phase, actualStart: body.actualStart, actualEnd: body.actualEnd)
        return WorkflowStep(authorize: { _ in .recordMilestone }) { a, db in
            let recorded = a.milestones.first { $0.phase == phase.rawValue }
            let before = ["actualStart": recorded?.actualStart, "actualEnd": recorded?.actualEnd]
            let row = try a.recordMilestone(phase, actualStart: body.actualStart, actualEnd: body.actualEnd, today: today)
            return AuditEntry(action: "milestone.recorded", entity: "milestone:\(phase.id)", entityID: row.id, before: before, after: ["actualStart": row.actualStart, "actualEnd": row.actualEnd])
        }
    }

    static func signOff(_ input: some StepInput) throws -> WorkflowStep {
        let body = try input.body(SignOffBody.self)
        let name = try Validate.text(body.signerName, field: "signerName", maximum: 200)
        let comment = try body.comment.map { try Validate.text($0, field: "comment", maximum: 2000) } ?? ""
        let (today, actor) = (input.today, try input.actor)
        return WorkflowStep(authorize: { _ in .signOff }) { a, db in
            let row = try a.signOff(body.kind, by: actor.userID, signerName: name, comment: comment, today: today)
            return AuditEntry(action: "sign-off.\(body.kind.rawValue)", entity: "sign-off", entityID: row.id, after: ["signerName": name, "signedOn": today.description, "comment": comment])
        }
    }

    static func recordGoLive(_ input: some StepInput) throws -> WorkflowStep {
        let body = try input.body(DayBody.self)
        let today = input.today
        _ = try Validate.past(body.day, field: "day", today: today)
        return WorkflowStep(authorize: { _ in .recordGoLive }) { a, db in
            let before = MigrationDatesSnapshot(a.record)
            try a.recordGoLive(body.day, today: today)
            return AuditEntry(action: "go-live.recorded", entity: "migration", entityID: a.id, before: before, after: MigrationDatesSnapshot(a.record))
        }
    }

    static func end(_ input: some StepInput) throws -> WorkflowStep {
        let body = try input.body(DayBody.self)
        let today = input.today
        _ = try Validate.past(body.day, field: "day", today: today)
        return WorkflowStep(authorize: { _ in .endMigration }) { a, db in
            let before = MigrationDatesSnapshot(a.record)
            try a.end(on: body.day, today: today)
            return AuditEntry(action: "migration.ended", entity: "migration", entityID: a.id, before: before, after: MigrationDatesSnapshot(a.record))
        }
    }

    // MARK: Deployment survey and payment milestones

    /// The practice fills in the deployment survey after go-live (again, once returned).
    static func fillInDeploymentSurvey(_ input: some StepInput) throws -> WorkflowStep {
        let body = try input.body(DeploymentSurveyBody.self)
        let (today, actor) = (input.today, try input.actor)
        return WorkflowStep(authorize: { _ in .fillInDeploymentSurvey }) { a, db in
            let before = a.deploymentSurveys.first
            let row = try a.fillInDeploymentSurvey(goLive: body.goLive, score: body.score, comments: body.comments ?? "", by: actor.userID, today: today)
            return AuditEntry(action: "deployment-survey.sent", entity: "deployment-survey", entityID: row.id, supplierID: a.record.targetSupplierID,
                              before: before.map(SurveySnapshot.init), after: SurveySnapshot(row))
        }
    }

    /// The order records' administrator confirms the survey, which sets actual M1 on the new
    /// system's order line (its go-live date), or returns it to the practice with a reason.
    static func decideDeploymentSurvey(_ input: some StepInput) throws -> WorkflowStep {
        let body = try input.body(SurveyDecisionBody.self)
        let (today, actor) = (input.today, try input.actor)
        return WorkflowStep(authorize: { _ in .decideDeploymentSurvey }) { a, db in
            let before = a.deploymentSurveys.first
            switch body.decision {
            case .confirm: try a.confirmDeploymentSurvey(by: actor.userID, today: today)
            case .return: try a.returnDeploymentSurvey(reason: body.reason ?? "", by: actor.userID, today: today)
            }
            let row = a.deploymentSurveys[0]
            return AuditEntry(action: body.decision == .confirm ? "deployment-survey.confirmed" : "deployment-survey.returned", entity: "deployment-survey",
                              entityID: row.id, supplierID: a.record.targetSupplierID, before: before.map(SurveySnapshot.init), after: SurveySnapshot(row))
        }
    }

    /// The commissioner confirms service stability (M2) on the new system's order line.
    static func recordServiceStability(_ input: some StepInput) throws -> WorkflowStep {
        let body = try input.body(DayBody.self)
        let today = input.today
        return WorkflowStep(authorize: { _ in .recordServiceStability }) { a, db in
            let line = try a.recordServiceStability(on: body.day, today: today)
            return AuditEntry(action: "order.service-stability", entity: "order-line", entityID: line.id, supplierID: a.record.targetSupplierID, after: ["m2": body.day])
        }
    }

    /// The order records' administrator puts the old system's cease date on its
    /// decommissioning Schedule A (the old system's order line).
    static func recordCeaseDate(_ input: some StepInput) throws -> WorkflowStep {
        let body = try input.body(DayBody.self)
        let itemID = try input.itemID(what: "Schedule A")
        let today = input.today
        return WorkflowStep(authorize: { _ in .recordCeaseDate }) { a, db in
            let before = a.ceaseDate
            let line = try a.recordCeaseDate(body.day, scheduleA: itemID, today: today)
            return AuditEntry(action: "order.cease-date", entity: "order-line", entityID: line.id, supplierID: try a.scheduleA(itemID).supplierID,
                              before: before.map { ["cease": $0] }, after: ["cease": body.day])
        }
    }

    // MARK: Notices and action items

    static func addNotice(_ input: some StepInput) throws -> WorkflowStep {
        let body = try input.body(NoticeBody.self)
        let recipient = try Validate.text(body.recipient, field: "recipient", maximum: 200)
        let today = input.today
        return WorkflowStep(authorize: { _ in .manageNotices }, creates: .notice) { a, db in
            let row = try a.addNotice(to: recipient, service: body.service, today: today)
            return AuditEntry(action: "notice.added", entity: "notice", entityID: row.id, after: ["recipient": recipient, "service": body.service.rawValue])
        }
    }

    static func noticeSent(_ input: some StepInput) throws -> WorkflowStep {
        let body = try input.body(DayBody.self)
        let itemID = try input.itemID(what: "notice")
        let today = input.today
        _ = try Validate.past(body.day, field: "day", today: today)
        return WorkflowStep(authorize: { _ in .manageNotices }) { a, db in
            try a.markNoticeSent(itemID, on: body.day, today: today)
            return AuditEntry(action: "notice.sent", entity: "notice", entityID: itemID, after: ["sentOn": body.day])
        }
    }

    static func addActionItem(_ input: some StepInput) throws -> WorkflowStep {
        let body = try input.body(ActionItemBody.self)
        if let due = body.due { _ = try DayBounds(today: input.today).within(due, field: "due") }
        let title = try Validate.text(body.title, field: "title", maximum: 300)
        let today = input.today
        return WorkflowStep(authorize: { _ in .manageActionItems }, creates: .actionItem) { a, db in
            let row = try a.addActionItem(title, phase: body.phase, owner: body.owner, due: body.due, today: today)
            return AuditEntry(action: "action-item.added", entity: "action-item", entityID: row.id, after: ["title": title, "owner": body.owner.rawValue])
        }
    }

    static func updateActionItem(_ input: some StepInput) throws -> WorkflowStep {
        let body = try input.body(ActionItemUpdateBody.self)
        let itemID = try input.itemID(what: "action item")
        let (actor, policy, today) = (try input.actor, input.policy, input.today)
        return WorkflowStep(authorize: { _ in .manageActionItems }) { a, db in
            let before = try a.moveActionItem(itemID, to: body.status, by: actor, policy: policy, today: today)
            return AuditEntry(action: "action-item.\(body.status.rawValue)", entity: "action-item", entityID: itemID, before: ["status": before], after: ["status": body.status])
        }
    }

    /// Records by hand that a deadline was met: only those no other record shows, such as
    /// switching off links (`MigrationFacts.deadlinesToMarkMet`).
    static func markDeadlineMet(_ input: some StepInput) throws -> WorkflowStep {
        let body = try input.body(DayBody.self)
        guard let deadline = DeadlineID(rawValue: input.parameter("deadline") ?? "") else { throw APIError.notFound("deadline") }
        let today = input.today
        _ = try Validate.past(body.day, field: "day", today: today)
        return WorkflowStep(authorize: { _ in .markDeadlineMet(owner: deadline.kind.owner) }) { a, db in
            try a.markDeadlineMet(deadline, on: body.day, today: today)
            return AuditEntry(action: "deadline.met", entity: "deadline:\(deadline.rawValue)", entityID: a.id, after: ["day": body.day])
        }
    }
}

struct ScheduleASnapshot: Encodable {
    let kind: ScheduleA.Kind, status: ScheduleA.Status, confirmedGoLive: Day?, rejectionReason: String?
    init(_ row: ScheduleARow) {
        kind = row.kind
        status = row.status
        confirmedGoLive = row.confirmedGoLive
        rejectionReason = row.rejectionReason
    }
}

struct ExtractSnapshot: Encodable {
    let status: DataExtractRequest.Status, dataProductionDays: [Day]
    init(_ row: ExtractRequestRow) {
        status = row.status
        dataProductionDays = row.dataProductionDays
    }
}

struct SurveySnapshot: Encodable {
    let goLive: Day, score: Int, comments: String, status: DeploymentSurvey.Status, returnReason: String?
    init(_ row: DeploymentSurveyRow) {
        goLive = row.goLive
        score = row.score
        comments = row.comments
        status = row.status
        returnReason = row.returnReason
    }
}
