import Fluent
import MigrationKit
import Vapor

/// Every workflow step, once, for the API and the web pages alike. Each takes its input
/// (a decoded body, the path's ids, today, the actor), checks what can be checked before
/// touching the database, and returns the step: who may take it, and the change, which
/// `MigrationWriter` runs in a transaction with its audit event.
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
            try a.check(.approveBusinessCase, today: today)
            var r = a.record
            let before = MigrationDatesSnapshot(r)
            r.status = try r.status.approving(returned: r.returnedBusinessCase)
            r.approvedBy = actor.userID
            r.approvedOn = today
            r.fundingAmount = body.fundingAmount
            r.fundingSource = source
            a.record = r
            return AuditEntry(action: "business-case.approved", entity: "migration", entityID: a.id, before: before, after: MigrationDatesSnapshot(r))
        }
    }

    static func returnBusinessCase(_ input: some StepInput) throws -> WorkflowStep {
        let body = try input.body(ReturnBusinessCaseBody.self)
        let today = input.today
        return WorkflowStep(authorize: { _ in .returnBusinessCase }) { a, db in
            try a.check(.returnBusinessCase, today: today)
            let returned = try ReturnedBusinessCase.returning(reason: body.reason, on: today, status: a.record.status, current: a.record.returnedBusinessCase)
            a.record.returnedBusinessCase = returned
            return AuditEntry(action: "business-case.returned", entity: "migration", entityID: a.id, after: returned)
        }
    }

    /// The practice's revised case, which answers the commissioner's return.
    static func reviseBusinessCase(_ input: some StepInput) throws -> WorkflowStep {
        let revised = try input.body(ReviseBusinessCaseBody.self).businessCase
        try revised.validate(prefix: "")
        let today = input.today
        return WorkflowStep(authorize: { _ in .reviseBusinessCase }) { a, db in
            try a.check(.reviseBusinessCase(reason: a.record.returnedBusinessCase?.reason ?? ""), today: today)
            try ReturnedBusinessCase.revising(status: a.record.status, current: a.record.returnedBusinessCase)
            let before = MigrationSnapshot(a.record)
            a.record.businessCase = revised
            a.record.returnedBusinessCase = nil
            return AuditEntry(action: "business-case.revised", entity: "migration", entityID: a.id, before: before, after: MigrationSnapshot(a.record))
        }
    }

    /// Proposes a provisional go-live, or agrees to the one proposed when `goLive` is that
    /// day (the new system's supplier may only agree).
    static func provisionalGoLive(_ input: some StepInput) throws -> WorkflowStep {
        let body = try input.body(GoLiveBody.self)
        let (today, actor, policy) = (input.today, try input.actor, input.policy)
        let goLive = try Validate.future(body.goLive, field: "goLive", today: today)
        let action: @Sendable (MigrationAggregate) -> WorkflowAction = { a in
            a.record.provisionalGoLive == goLive ? .agreeProvisionalGoLive : .proposeProvisionalGoLive
        }
        return WorkflowStep(authorize: action) { a, db in
            var r = a.record
            try a.check(action(a) == .agreeProvisionalGoLive ? .agreeProvisionalGoLive(goLive) : .proposeProvisionalGoLive(current: r.provisionalGoLive), today: today)
            guard let party = policy.party(of: actor, taking: action(a), on: a.parties) else { throw APIError.notFound() }
            let before = MigrationDatesSnapshot(r)
            let agreed = try ProvisionalGoLive.proposing(goLive, by: party, on: today, replacing: r.provisional)
            let proposed = agreed.day != r.provisionalGoLive
            r.provisional = agreed
            a.record = r
            return AuditEntry(action: proposed ? "go-live.provisional" : "go-live.provisional-agreed", entity: "migration", entityID: a.id,
                              before: before, after: MigrationDatesSnapshot(r))
        }
    }

    static func register(_ input: some StepInput) throws -> WorkflowStep {
        let body = try input.body(RegisterBody.self)
        let reference = try body.reference.map { try Validate.text($0, field: "reference", maximum: 100) }
        let today = input.today
        return WorkflowStep(authorize: { _ in .register }) { a, db in
            var r = a.record
            try a.check(.register, today: today)
            let before = MigrationDatesSnapshot(r)
            r.status = try r.status.registering()
            r.registeredOn = today
            r.registrationReference = reference
            a.record = r
            return AuditEntry(action: "migration.registered", entity: "migration", entityID: a.id, before: before, after: MigrationDatesSnapshot(r))
        }
    }

    // MARK: Schedule As

    static func callOff(_ input: some StepInput) throws -> WorkflowStep {
        let body = try input.body(CallOffBody.self)
        let today = input.today
        return WorkflowStep(authorize: { _ in .callOffScheduleA }, creates: .scheduleA) { a, db in
            let product: ProductRow
            switch body.kind {
            case .target: product = a.targetProduct
            case .decommission: product = a.sourceProduct
            case .submodule:
                guard let code = body.productCode else {
                    throw APIError.invalid("productCode", "say which module this Schedule A buys")
                }
                guard let module = a.submodules.first(where: { $0.code == code }) else {
                    throw APIError.invalid("productCode", "'\(code)' is not one of this migration's modules")
                }
                product = module
            }
            try a.check(.callOffScheduleA(body.kind, product: product.id), today: today)
            let row = ScheduleARow(migrationID: a.id, ScheduleA.callOff(body.kind, supplier: product.supplierID, product: product.id, on: today))
            a.scheduleAs.append(row)
            return AuditEntry(action: "schedule-a.called-off", entity: "schedule-a", entityID: row.id, supplierID: row.supplierID, after: ScheduleASnapshot(row))
        }
    }

    static func commissionerDecision(_ input: some StepInput) throws -> WorkflowStep {
        let body = try input.body(CommissionerDecisionBody.self)
        let itemID = try input.itemID(what: "Schedule A")
        let today = input.today
        return WorkflowStep(authorize: { _ in .commissionerDecidesScheduleA }) { a, db in
            let index = try Self.index(of: itemID, in: a.scheduleAs, what: "Schedule A")
            try a.check(.commissionerDecides(scheduleA: itemID), today: today)
            let before = ScheduleASnapshot(a.scheduleAs[index])
            a.scheduleAs[index].apply(try a.scheduleAs[index].domain.commissionerDecides(body.decision, reason: body.reason, on: today))
            let row = a.scheduleAs[index]
            return AuditEntry(action: "schedule-a.commissioner-\(body.decision.rawValue)", entity: "schedule-a", entityID: row.id, supplierID: row.supplierID, before: before, after: ScheduleASnapshot(row))
        }
    }

    static func supplierDecision(_ input: some StepInput) throws -> WorkflowStep {
        let body = try input.body(DecisionBody.self)
        let itemID = try input.itemID(what: "Schedule A")
        let today = input.today
        return WorkflowStep(authorize: { a in
            .supplierDecidesScheduleA(supplier: try Self.find(itemID, in: a.scheduleAs, what: "Schedule A").supplierID)
        }) { a, db in
            let index = try Self.index(of: itemID, in: a.scheduleAs, what: "Schedule A")
            try a.check(.supplierDecides(scheduleA: itemID, kind: a.scheduleAs[index].kind), today: today)
            let before = ScheduleASnapshot(a.scheduleAs[index])
            let decided = try a.scheduleAs[index].domain.supplierDecides(body.decision, reason: body.reason, confirmGoLive: body.goLive, proposedGoLives: body.proposedGoLives ?? [], on: today)
            a.scheduleAs[index].apply(decided)
            if let confirmed = decided.confirmedGoLive { a.record.confirmedGoLive = confirmed }
            let row = a.scheduleAs[index]
            return AuditEntry(action: "schedule-a.supplier-\(body.decision.rawValue)", entity: "schedule-a", entityID: row.id, supplierID: row.supplierID, before: before, after: ScheduleASnapshot(row))
        }
    }

    static func confirmGoLive(_ input: some StepInput) throws -> WorkflowStep {
        let body = try input.body(GoLiveBody.self)
        let itemID = try input.itemID(what: "Schedule A")
        let today = input.today
        return WorkflowStep(authorize: { a in
            .supplierDecidesScheduleA(supplier: try Self.find(itemID, in: a.scheduleAs, what: "Schedule A").supplierID)
        }) { a, db in
            let index = try Self.index(of: itemID, in: a.scheduleAs, what: "Schedule A")
            try a.check(.confirmGoLive(scheduleA: itemID, current: a.scheduleAs[index].confirmedGoLive), today: today)
            let before = ScheduleASnapshot(a.scheduleAs[index])
            a.scheduleAs[index].apply(try a.scheduleAs[index].domain.confirmingGoLive(body.goLive, on: today))
            a.record.confirmedGoLive = body.goLive
            let row = a.scheduleAs[index]
            return AuditEntry(action: "go-live.confirmed", entity: "schedule-a", entityID: row.id, supplierID: row.supplierID, before: before, after: ScheduleASnapshot(row))
        }
    }

    // MARK: Data extracts

    static func requestExtract(_ input: some StepInput) throws -> WorkflowStep {
        let body = try input.body(ExtractRequestBody.self)
        let today = input.today
        return WorkflowStep(authorize: { _ in .requestExtractForm }, creates: .extractRequest) { a, db in
            let supplier = body.supplierId ?? a.record.sourceSupplierID
            guard let moving = a.extractSuppliers.first(where: { $0.supplier == supplier }) else {
                throw APIError.invalid("supplierId", "that supplier's data does not move in this migration")
            }
            try a.check(.requestExtractForm(supplier: moving), today: today)
            let row = ExtractRequestRow(migrationID: a.id, .request(from: supplier, on: today))
            a.extractRequests.append(row)
            return AuditEntry(action: "extract.form-requested", entity: "extract-request", entityID: row.id, supplierID: supplier, after: ExtractSnapshot(row))
        }
    }

    static func extractFormSent(_ input: some StepInput) throws -> WorkflowStep {
        try extractStep(input, action: "extract.form-sent", command: MigrationCommand.sendExtractForm, authorize: { .sendExtractForm(supplier: $0.supplierID) }) { request, today, _ in
            try request.formSent(on: today)
        }
    }

    static func extractFormReturned(_ input: some StepInput) throws -> WorkflowStep {
        let body = try input.body(FormReturnedBody.self)
        guard body.dataProductionDays.count <= 10 else { throw APIError.invalid("dataProductionDays", "at most 10 days") }
        return try extractStep(input, action: "extract.form-returned", command: MigrationCommand.returnExtractForm, authorize: { _ in .returnExtractForm }) { request, today, a in
            try request.formReturned(dataProductionDays: body.dataProductionDays, calendar: a.planner.calendar, goLive: a.record.planGoLive, on: today)
        }
    }

    static func extractTransferred(_ input: some StepInput) throws -> WorkflowStep {
        try extractStep(input, action: "extract.transferred", command: MigrationCommand.confirmExtractTransfer, authorize: { .confirmExtractTransfer(supplier: $0.supplierID) }) { request, today, _ in
            try request.transferConfirmed(on: today)
        }
    }

    private static func extractStep(
        _ input: some StepInput, action: String, command: @escaping @Sendable (_ request: UUID, _ supplier: UUID) -> MigrationCommand,
        authorize: @escaping @Sendable (ExtractRequestRow) -> WorkflowAction,
        _ step: @escaping @Sendable (DataExtractRequest, Day, MigrationAggregate) throws -> DataExtractRequest
    ) throws -> WorkflowStep {
        let itemID = try input.itemID(what: "extract request")
        let today = input.today
        return WorkflowStep(authorize: { a in authorize(try Self.find(itemID, in: a.extractRequests, what: "extract request")) }) { a, db in
            let index = try Self.index(of: itemID, in: a.extractRequests, what: "extract request")
            try a.check(command(itemID, a.extractRequests[index].supplierID), today: today)
            let before = ExtractSnapshot(a.extractRequests[index])
            a.extractRequests[index].apply(try step(a.extractRequests[index].domain, today, a))
            let row = a.extractRequests[index]
            return AuditEntry(action: action, entity: "extract-request", entityID: row.id, supplierID: row.supplierID, before: before, after: ExtractSnapshot(row))
        }
    }

    // MARK: Bookings, milestones, sign-offs, go-live, end

    static func bookKickOff(_ input: some StepInput) throws -> WorkflowStep {
        try book(input, keyPath: \.kickOffOn, action: "kick-off.booked", command: MigrationCommand.bookKickOff)
    }

    static func bookSurvey(_ input: some StepInput) throws -> WorkflowStep {
        try book(input, keyPath: \.surveyOn, action: "technical-survey.booked", command: MigrationCommand.bookTechnicalSurvey)
    }

    private static func book(
        _ input: some StepInput, keyPath: WritableKeyPath<MigrationRow, Day?> & Sendable, action: String,
        command: @escaping @Sendable (_ booked: Day?) -> MigrationCommand
    ) throws -> WorkflowStep {
        let body = try input.body(DayBody.self)
        let today = input.today
        let day = try Validate.future(body.day, field: "day", today: today)
        return WorkflowStep(authorize: { _ in .book }) { a, db in
            try a.check(command(a.record[keyPath: keyPath]), today: today)
            let before = a.record[keyPath: keyPath]
            a.record[keyPath: keyPath] = try MeetingBooking.booking(day, calendar: a.planner.calendar)
            return AuditEntry(action: action, entity: "migration", entityID: a.id, before: before.map { ["day": $0] }, after: ["day": day])
        }
    }

    static func recordMilestone(_ input: some StepInput) throws -> WorkflowStep {
        let body = try input.body(MilestoneBody.self)
        let text = input.parameter("phase") ?? ""
        guard let phase = Phase(id: text) ?? Int(text).flatMap(Phase.init(rawValue:)) else { throw APIError.notFound("phase") }
        let today = input.today
        _ = try Validate.past(body.actualStart, field: "actualStart", today: today)
        if let end = body.actualEnd {
            _ = try Validate.past(end, field: "actualEnd", today: today)
            if end < body.actualStart { throw APIError.invalid("actualEnd", "the phase cannot end before it starts") }
        }
        guard !phase.hasItsOwnStep else {
            throw APIError.invalid("phase", "record the go-live and the end of the migration with their own steps")
        }
        return WorkflowStep(authorize: { _ in .recordMilestone }) { a, db in
            try a.check(.recordMilestone, today: today)
            if !a.milestones.contains(where: { $0.phase == phase.rawValue }) {
                a.milestones.append(MilestoneRow(id: UUID(), migrationID: a.id, phase: phase.rawValue))
            }
            let index = a.milestones.firstIndex { $0.phase == phase.rawValue }!
            let before = ["actualStart": a.milestones[index].actualStart, "actualEnd": a.milestones[index].actualEnd]
            a.milestones[index].actualStart = body.actualStart
            a.milestones[index].actualEnd = body.actualEnd
            let row = a.milestones[index]
            return AuditEntry(action: "milestone.recorded", entity: "milestone:\(phase.id)", entityID: row.id, before: before, after: ["actualStart": row.actualStart, "actualEnd": row.actualEnd])
        }
    }

    static func signOff(_ input: some StepInput) throws -> WorkflowStep {
        let body = try input.body(SignOffBody.self)
        let name = try Validate.text(body.signerName, field: "signerName", maximum: 200)
        let comment = try body.comment.map { try Validate.text($0, field: "comment", maximum: 2000) } ?? ""
        let (today, actor) = (input.today, try input.actor)
        return WorkflowStep(authorize: { _ in .signOff }) { a, db in
            try a.check(.signOff(body.kind), today: today)
            let row = SignOffRow(id: UUID(), migrationID: a.id, kind: body.kind, userID: actor.userID, signerName: name, signedOn: today, comment: comment)
            a.signOffs.append(row)
            return AuditEntry(action: "sign-off.\(body.kind.rawValue)", entity: "sign-off", entityID: row.id, after: ["signerName": name, "signedOn": today.description, "comment": comment])
        }
    }

    static func recordGoLive(_ input: some StepInput) throws -> WorkflowStep {
        let body = try input.body(DayBody.self)
        let today = input.today
        _ = try Validate.past(body.day, field: "day", today: today)
        return WorkflowStep(authorize: { _ in .recordGoLive }) { a, db in
            try a.check(.recordGoLive(confirmed: body.day), today: today)
            var r = a.record
            let before = MigrationDatesSnapshot(r)
            r.status = try a.goLive.recording(on: body.day)
            r.actualGoLive = body.day
            a.record = r
            return AuditEntry(action: "go-live.recorded", entity: "migration", entityID: a.id, before: before, after: MigrationDatesSnapshot(r))
        }
    }

    static func end(_ input: some StepInput) throws -> WorkflowStep {
        let body = try input.body(DayBody.self)
        let today = input.today
        _ = try Validate.past(body.day, field: "day", today: today)
        return WorkflowStep(authorize: { _ in .endMigration }) { a, db in
            try a.check(.end, today: today)
            var r = a.record
            let before = MigrationDatesSnapshot(r)
            r.status = try r.status.ending(deploymentSurveyConfirmed: a.deploymentSurveyConfirmed)
            r.endedOn = body.day
            a.record = r
            return AuditEntry(action: "migration.ended", entity: "migration", entityID: a.id, before: before, after: MigrationDatesSnapshot(r))
        }
    }

    // MARK: Deployment survey and payment milestones

    /// The practice fills in the deployment survey after go-live (again, once returned).
    static func fillInDeploymentSurvey(_ input: some StepInput) throws -> WorkflowStep {
        let body = try input.body(DeploymentSurveyBody.self)
        let (today, actor) = (input.today, try input.actor)
        return WorkflowStep(authorize: { _ in .fillInDeploymentSurvey }) { a, db in
            try a.check(.fillInDeploymentSurvey(returned: a.deploymentSurvey?.returnReason), today: today)
            let before = a.deploymentSurveys.first
            let survey = try DeploymentSurvey.fillingIn(goLive: body.goLive, score: body.score, comments: body.comments ?? "", by: actor.userID, today: today,
                                                        wentLiveOn: a.record.actualGoLive, current: before?.domain)
            let row = DeploymentSurveyRow(id: before?.id ?? UUID(), migrationID: a.id, survey)
            a.deploymentSurveys = [row]
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
            try a.check(.decideDeploymentSurvey, today: today)
            let current = a.deploymentSurveys[0] // the check found it sent
            var row = current
            switch body.decision {
            case .confirm:
                row.apply(try current.domain.confirming(by: actor.userID, on: today))
                var line = a.orderLine(of: a.targetProduct.id)
                line.m1Actual = row.goLive
                a.setOrderLine(line)
            case .return:
                row.apply(try current.domain.returning(reason: body.reason ?? "", by: actor.userID, on: today))
            }
            a.deploymentSurveys = [row]
            return AuditEntry(action: body.decision == .confirm ? "deployment-survey.confirmed" : "deployment-survey.returned", entity: "deployment-survey",
                              entityID: row.id, supplierID: a.record.targetSupplierID, before: SurveySnapshot(current), after: SurveySnapshot(row))
        }
    }

    /// The commissioner confirms service stability (M2) on the new system's order line.
    static func recordServiceStability(_ input: some StepInput) throws -> WorkflowStep {
        let body = try input.body(DayBody.self)
        let today = input.today
        return WorkflowStep(authorize: { _ in .recordServiceStability }) { a, db in
            try a.check(.recordServiceStability, today: today)
            var line = a.orderLine(of: a.targetProduct.id)
            line.m2 = try PaymentMilestones.recordingServiceStability(on: body.day, wentLiveOn: a.record.actualGoLive, current: line.m2, today: today)
            a.setOrderLine(line)
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
            let scheduleA = try Self.find(itemID, in: a.scheduleAs, what: "Schedule A")
            let facts = a.facts(today: today)
            try facts.check(.recordCeaseDate(scheduleA: itemID, current: a.ceaseDate), today: today)
            let supportEnds = facts.state!.legacySupportEnds // the check found a plan
            var line = a.orderLine(of: scheduleA.productID)
            let before = line.ceaseOn
            line.ceaseOn = try PaymentMilestones.recordingCease(body.day, on: scheduleA.domain, wentLiveOn: a.record.actualGoLive, legacySupportEnds: supportEnds, today: today)
            a.setOrderLine(line)
            return AuditEntry(action: "order.cease-date", entity: "order-line", entityID: line.id, supplierID: scheduleA.supplierID,
                              before: before.map { ["cease": $0] }, after: ["cease": body.day])
        }
    }

    // MARK: Notices and action items

    static func addNotice(_ input: some StepInput) throws -> WorkflowStep {
        let body = try input.body(NoticeBody.self)
        let recipient = try Validate.text(body.recipient, field: "recipient", maximum: 200)
        let today = input.today
        return WorkflowStep(authorize: { _ in .manageNotices }, creates: .notice) { a, db in
            try a.check(.addNotice, today: today)
            let row = NoticeRow(id: UUID(), migrationID: a.id, recipient: recipient, service: body.service)
            a.notices.append(row)
            return AuditEntry(action: "notice.added", entity: "notice", entityID: row.id, after: ["recipient": recipient, "service": body.service.rawValue])
        }
    }

    static func noticeSent(_ input: some StepInput) throws -> WorkflowStep {
        let body = try input.body(DayBody.self)
        let itemID = try input.itemID(what: "notice")
        let today = input.today
        _ = try Validate.past(body.day, field: "day", today: today)
        return WorkflowStep(authorize: { _ in .manageNotices }) { a, db in
            // The item is looked for first: an item of another migration is "not found"
            // whatever state this one is in, so the answer says nothing about it.
            let index = try Self.index(of: itemID, in: a.notices, what: "notice")
            try a.check(.markNoticeSent(notice: itemID), today: today)
            a.notices[index].sentOn = body.day
            let row = a.notices[index]
            return AuditEntry(action: "notice.sent", entity: "notice", entityID: row.id, after: ["sentOn": body.day])
        }
    }

    static func addActionItem(_ input: some StepInput) throws -> WorkflowStep {
        let body = try input.body(ActionItemBody.self)
        if let due = body.due { _ = try DayBounds(today: input.today).within(due, field: "due") }
        let title = try Validate.text(body.title, field: "title", maximum: 300)
        let today = input.today
        return WorkflowStep(authorize: { _ in .manageActionItems }, creates: .actionItem) { a, db in
            try a.check(.addActionItem, today: today)
            let row = ActionItemRow(id: UUID(), migrationID: a.id, title: title, phase: body.phase.rawValue, owner: body.owner, due: body.due, status: .open)
            a.actionItems.append(row)
            return AuditEntry(action: "action-item.added", entity: "action-item", entityID: row.id, after: ["title": title, "owner": body.owner.rawValue])
        }
    }

    static func updateActionItem(_ input: some StepInput) throws -> WorkflowStep {
        let body = try input.body(ActionItemUpdateBody.self)
        let itemID = try input.itemID(what: "action item")
        let (actor, policy, today) = (try input.actor, input.policy, input.today)
        return WorkflowStep(authorize: { _ in .manageActionItems }) { a, db in
            // Not found before not open, as for notices.
            let index = try Self.index(of: itemID, in: a.actionItems, what: "action item")
            guard policy.seesActionItem(actor, a.parties, owner: a.actionItems[index].owner) else { throw APIError.notFound("action item") }
            let before = a.actionItems[index].status
            try a.check(.moveActionItem(itemID, from: before, to: body.status), today: today)
            a.actionItems[index].status = body.status
            let row = a.actionItems[index]
            return AuditEntry(action: "action-item.\(body.status.rawValue)", entity: "action-item", entityID: row.id, before: ["status": before], after: ["status": body.status])
        }
    }

    /// Records by hand that a deadline was met: only those no other record shows, such as
    /// switching off links (`MigrationState.deadlinesToMarkMet`).
    static func markDeadlineMet(_ input: some StepInput) throws -> WorkflowStep {
        let body = try input.body(DayBody.self)
        guard let deadline = DeadlineID(rawValue: input.parameter("deadline") ?? "") else { throw APIError.notFound("deadline") }
        let today = input.today
        _ = try Validate.past(body.day, field: "day", today: today)
        return WorkflowStep(authorize: { _ in .markDeadlineMet(owner: deadline.kind.owner) }) { a, db in
            let facts = a.facts(today: today)
            guard let planned = try facts.plannedDeadline(deadline) else { throw APIError.notFound("deadline") }
            try facts.check(.markDeadlineMet(planned), today: today)
            a.record.metDeadlines[deadline.rawValue] = body.day
            return AuditEntry(action: "deadline.met", entity: "deadline:\(deadline.rawValue)", entityID: a.id, after: ["day": body.day])
        }
    }

    static func find<Row: StoredRow>(_ id: UUID, in rows: [Row], what: String) throws -> Row {
        rows[try index(of: id, in: rows, what: what)]
    }

    static func index<Row: StoredRow>(of id: UUID, in rows: [Row], what: String) throws -> Int {
        guard let index = rows.firstIndex(where: { $0.id == id }) else { throw APIError.notFound(what) }
        return index
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
