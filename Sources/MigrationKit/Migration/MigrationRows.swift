import Foundation

// Plain rows of the tables that hold a migration, read and written by the server's store
// with SQLKit. Each coding key is the column's name, so a row encodes to its columns and
// decodes from them on SQLite and PostgreSQL alike (through the driver's own encoders,
// exactly as Fluent stores the same columns). Fluent models remain for creating rows
// elsewhere and for the schema.

/// A row of `migrations`.
public struct MigrationRow: Codable, Hashable, Sendable {
    public var id: UUID
    public var practiceID: UUID
    public var sourceProductID: UUID
    public var targetProductID: UUID
    public var practiceOrgID: UUID
    public var commissionerID: UUID
    public var deliveryPartnerID: UUID
    public var sourceSupplierID: UUID
    public var targetSupplierID: UUID
    public var status: MigrationStatus
    public var currentPhase: Int
    public var drivers: String
    public var considerations: String
    public var strategicFit: String
    public var businessCaseReturnedOn: Day?
    public var businessCaseReturnReason: String?
    public var approvedBy: UUID?
    public var approvedOn: Day?
    public var fundingAmount: Int?
    public var fundingSource: String?
    public var provisionalGoLive: Day?
    public var confirmedGoLive: Day?
    public var actualGoLive: Day?
    public var endedOn: Day?
    public var registeredOn: Day?
    public var registrationReference: String?
    public var kickOffOn: Day?
    public var surveyOn: Day?
    public var overridesJSON: String
    public var blackoutsJSON: String
    public var metDeadlinesJSON: String
    public var provisionalGoLiveAgreementsJSON: String
    /// The phases recorded as started or finished, kept as text for the metrics
    /// (`OutcomePhases`): written with the milestones, read in one select.
    public var outcomePhases: String
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case id, status, drivers, considerations, version
        case practiceID = "practice_id", sourceProductID = "source_product_id", targetProductID = "target_product_id"
        case practiceOrgID = "practice_org_id", commissionerID = "commissioner_id", deliveryPartnerID = "delivery_partner_id"
        case sourceSupplierID = "source_supplier_id", targetSupplierID = "target_supplier_id"
        case currentPhase = "current_phase", strategicFit = "strategic_fit"
        case businessCaseReturnedOn = "business_case_returned_on", businessCaseReturnReason = "business_case_return_reason"
        case approvedBy = "approved_by", approvedOn = "approved_on", fundingAmount = "funding_amount", fundingSource = "funding_source"
        case provisionalGoLive = "provisional_go_live", confirmedGoLive = "confirmed_go_live", actualGoLive = "actual_go_live"
        case endedOn = "ended_on", registeredOn = "registered_on", registrationReference = "registration_reference"
        case kickOffOn = "kick_off_on", surveyOn = "survey_on"
        case overridesJSON = "overrides", blackoutsJSON = "blackouts", metDeadlinesJSON = "met_deadlines"
        case provisionalGoLiveAgreementsJSON = "provisional_go_live_agreements"
        case outcomePhases = "outcome_phases"
        case createdAt = "created_at", updatedAt = "updated_at"
    }

    /// A new migration at version 1, with empty details to fill in.
    public init(id: UUID, practiceID: UUID, sourceProductID: UUID, targetProductID: UUID, practiceOrgID: UUID, commissionerID: UUID,
         deliveryPartnerID: UUID, sourceSupplierID: UUID, targetSupplierID: UUID, status: MigrationStatus, currentPhase: Int, createdAt: Date) {
        self.id = id
        self.practiceID = practiceID
        self.sourceProductID = sourceProductID
        self.targetProductID = targetProductID
        self.practiceOrgID = practiceOrgID
        self.commissionerID = commissionerID
        self.deliveryPartnerID = deliveryPartnerID
        self.sourceSupplierID = sourceSupplierID
        self.targetSupplierID = targetSupplierID
        self.status = status
        self.currentPhase = currentPhase
        drivers = ""
        considerations = ""
        strategicFit = ""
        overridesJSON = "{}"
        blackoutsJSON = "[]"
        metDeadlinesJSON = "{}"
        provisionalGoLiveAgreementsJSON = "{}"
        outcomePhases = ""
        version = 1
        self.createdAt = createdAt
        updatedAt = createdAt
    }
}

/// The practice a migration belongs to (read with the migration).
public struct PracticeRow: Codable, Hashable, Sendable {
    public var id: UUID
    public var odsCode: String
    public var name: String
    public var listSize: Int

    public init(id: UUID, odsCode: String, name: String, listSize: Int) {
        self.id = id
        self.odsCode = odsCode
        self.name = name
        self.listSize = listSize
    }
}

/// A product in a migration, with its supplier's name.
public struct ProductRow: Codable, Hashable, Sendable {
    public var id: UUID
    public var code: String
    public var name: String
    public var supplierID: UUID
    public var supplierName: String
    public var kind: ProductKind
    public var extractLeadDays: Int?

    public enum CodingKeys: String, CodingKey {
        case id, code, name, kind
        case supplierID = "supplier_id", supplierName = "supplier_name", extractLeadDays = "extract_lead_days"
    }

    public init(id: UUID, code: String, name: String, supplierID: UUID, supplierName: String, kind: ProductKind, extractLeadDays: Int?) {
        self.id = id
        self.code = code
        self.name = name
        self.supplierID = supplierID
        self.supplierName = supplierName
        self.kind = kind
        self.extractLeadDays = extractLeadDays
    }
}

extension ProductRow {
    /// The product's supplier as a possible source of an extract (`ExtractSupplier`).
    public var extractSource: ExtractSupplier.Source {
        ExtractSupplier.Source(supplier: supplierID, name: supplierName, leadDays: extractLeadDays)
    }
}

/// A row of `schedule_as`; its rules live in `ScheduleA`.
public struct ScheduleARow: Codable, Hashable, Sendable {
    public var id: UUID
    public var migrationID: UUID
    public var kind: ScheduleA.Kind
    public var productID: UUID
    public var supplierID: UUID
    public var status: ScheduleA.Status
    public var calledOffOn: Day
    public var commissionerDecidedOn: Day?
    public var supplierDecidedOn: Day?
    public var rejectionReason: String?
    public var confirmedGoLive: Day?
    public var proposedGoLivesJSON: String

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case id, kind, status
        case migrationID = "migration_id", productID = "product_id", supplierID = "supplier_id", calledOffOn = "called_off_on"
        case commissionerDecidedOn = "commissioner_decided_on", supplierDecidedOn = "supplier_decided_on"
        case rejectionReason = "rejection_reason", confirmedGoLive = "confirmed_go_live", proposedGoLivesJSON = "proposed_go_lives"
    }

    public init(id: UUID = UUID(), migrationID: UUID, _ scheduleA: ScheduleA) {
        self.id = id
        self.migrationID = migrationID
        kind = scheduleA.kind
        productID = scheduleA.product
        supplierID = scheduleA.supplier
        status = scheduleA.status
        calledOffOn = scheduleA.calledOffOn
        proposedGoLivesJSON = "[]"
        apply(scheduleA)
    }

    public var domain: ScheduleA {
        ScheduleA(
            kind: kind, supplier: supplierID, product: productID, status: status, calledOffOn: calledOffOn,
            commissionerDecidedOn: commissionerDecidedOn, supplierDecidedOn: supplierDecidedOn, rejectionReason: rejectionReason,
            confirmedGoLive: confirmedGoLive, proposedGoLives: proposedGoLives)
    }

    public var proposedGoLives: [Day] { JSONText.dayList(proposedGoLivesJSON) ?? [] }

    public mutating func apply(_ scheduleA: ScheduleA) {
        status = scheduleA.status
        calledOffOn = scheduleA.calledOffOn
        commissionerDecidedOn = scheduleA.commissionerDecidedOn
        supplierDecidedOn = scheduleA.supplierDecidedOn
        rejectionReason = scheduleA.rejectionReason
        confirmedGoLive = scheduleA.confirmedGoLive
        proposedGoLivesJSON = JSONText.encode(scheduleA.proposedGoLives)
    }
}

/// A row of `extract_requests`; its rules live in `DataExtractRequest`.
public struct ExtractRequestRow: Codable, Hashable, Sendable {
    public var id: UUID
    public var migrationID: UUID
    public var supplierID: UUID
    public var status: DataExtractRequest.Status
    public var requestedOn: Day
    public var formSentOn: Day?
    public var formReturnedOn: Day?
    public var dataProductionDaysJSON: String
    public var transferredOn: Day?

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case id, status
        case migrationID = "migration_id", supplierID = "supplier_id", requestedOn = "requested_on", formSentOn = "form_sent_on"
        case formReturnedOn = "form_returned_on", dataProductionDaysJSON = "data_production_days", transferredOn = "transferred_on"
    }

    public init(id: UUID = UUID(), migrationID: UUID, _ request: DataExtractRequest) {
        self.id = id
        self.migrationID = migrationID
        supplierID = request.supplier
        status = request.status
        requestedOn = request.requestedOn
        dataProductionDaysJSON = "[]"
        apply(request)
    }

    public var domain: DataExtractRequest {
        DataExtractRequest(
            supplier: supplierID, status: status, requestedOn: requestedOn, formSentOn: formSentOn, formReturnedOn: formReturnedOn,
            dataProductionDays: dataProductionDays, transferredOn: transferredOn)
    }

    public var dataProductionDays: [Day] { JSONText.dayList(dataProductionDaysJSON) ?? [] }

    public mutating func apply(_ request: DataExtractRequest) {
        status = request.status
        requestedOn = request.requestedOn
        formSentOn = request.formSentOn
        formReturnedOn = request.formReturnedOn
        dataProductionDaysJSON = JSONText.encode(request.dataProductionDays)
        transferredOn = request.transferredOn
    }
}

/// A row of `notices`: a service or supplier to be told of the dates.
public struct NoticeRow: Codable, Hashable, Sendable {
    public var id: UUID
    public var migrationID: UUID
    public var recipient: String
    public var service: NoticeService
    public var sentOn: Day?

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case id, recipient, service
        case migrationID = "migration_id", sentOn = "sent_on"
    }

    public init(id: UUID, migrationID: UUID, recipient: String, service: NoticeService, sentOn: Day? = nil) {
        self.id = id
        self.migrationID = migrationID
        self.recipient = recipient
        self.service = service
        self.sentOn = sentOn
    }
}

/// A row of `milestones`: a phase's planned window and what actually happened.
public struct MilestoneRow: Codable, Hashable, Sendable {
    public var id: UUID
    public var migrationID: UUID
    public var phase: Int
    public var plannedStart: Day?
    public var plannedEnd: Day?
    public var actualStart: Day?
    public var actualEnd: Day?

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case id, phase
        case migrationID = "migration_id", plannedStart = "planned_start", plannedEnd = "planned_end"
        case actualStart = "actual_start", actualEnd = "actual_end"
    }

    public init(id: UUID, migrationID: UUID, phase: Int, plannedStart: Day? = nil, plannedEnd: Day? = nil, actualStart: Day? = nil, actualEnd: Day? = nil) {
        self.id = id
        self.migrationID = migrationID
        self.phase = phase
        self.plannedStart = plannedStart
        self.plannedEnd = plannedEnd
        self.actualStart = actualStart
        self.actualEnd = actualEnd
    }
}

/// A row of `sign_offs`.
public struct SignOffRow: Codable, Hashable, Sendable {
    public var id: UUID
    public var migrationID: UUID
    public var kind: SignOffKind
    public var userID: UUID
    public var signerName: String
    public var signedOn: Day
    public var comment: String

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case id, kind, comment
        case migrationID = "migration_id", userID = "user_id", signerName = "signer_name", signedOn = "signed_on"
    }

    public init(id: UUID, migrationID: UUID, kind: SignOffKind, userID: UUID, signerName: String, signedOn: Day, comment: String) {
        self.id = id
        self.migrationID = migrationID
        self.kind = kind
        self.userID = userID
        self.signerName = signerName
        self.signedOn = signedOn
        self.comment = comment
    }
}

/// A row of `action_items`.
public struct ActionItemRow: Codable, Hashable, Sendable {
    public var id: UUID
    public var migrationID: UUID
    public var title: String
    public var phase: Int
    public var owner: Party
    public var due: Day?
    public var status: ActionItemStatus

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case id, title, phase, owner, due, status
        case migrationID = "migration_id"
    }

    public init(id: UUID, migrationID: UUID, title: String, phase: Int, owner: Party, due: Day? = nil, status: ActionItemStatus) {
        self.id = id
        self.migrationID = migrationID
        self.title = title
        self.phase = phase
        self.owner = owner
        self.due = due
        self.status = status
    }
}

/// A row of `order_lines`: one product's line of the practice's order; its meaning lives in
/// `OrderLine`.
public struct OrderLineRow: Codable, Hashable, Sendable {
    public var id: UUID
    public var migrationID: UUID
    public var productID: UUID
    public var callOffID: String?
    public var m1Planned: Day?
    public var m1Actual: Day?
    public var m2: Day?
    public var ceaseOn: Day?

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case id, m2
        case migrationID = "migration_id", productID = "product_id", callOffID = "call_off_id"
        case m1Planned = "m1_planned", m1Actual = "m1_actual", ceaseOn = "cease_on"
    }

    public init(id: UUID = UUID(), migrationID: UUID, _ line: OrderLine) {
        self.id = id
        self.migrationID = migrationID
        productID = line.product
        apply(line)
    }

    public var domain: OrderLine {
        OrderLine(product: productID, callOffID: callOffID, m1Planned: m1Planned, m1Actual: m1Actual, m2: m2, cease: ceaseOn)
    }

    public mutating func apply(_ line: OrderLine) {
        callOffID = line.callOffID
        m1Planned = line.m1Planned
        m1Actual = line.m1Actual
        m2 = line.m2
        ceaseOn = line.cease
    }
}

/// A row of `deployment_surveys` (at most one per migration); its rules live in
/// `MigrationKit.DeploymentSurvey`.
public struct DeploymentSurveyRow: Codable, Hashable, Sendable {
    public var id: UUID
    public var migrationID: UUID
    public var goLive: Day
    public var score: Int
    public var comments: String
    public var submittedBy: UUID
    public var submittedOn: Day
    public var status: DeploymentSurvey.Status
    public var decidedBy: UUID?
    public var decidedOn: Day?
    public var returnReason: String?

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case id, score, comments, status
        case migrationID = "migration_id", goLive = "go_live", submittedBy = "submitted_by", submittedOn = "submitted_on"
        case decidedBy = "decided_by", decidedOn = "decided_on", returnReason = "return_reason"
    }

    public init(id: UUID = UUID(), migrationID: UUID, _ survey: DeploymentSurvey) {
        self.id = id
        self.migrationID = migrationID
        goLive = survey.goLive
        score = survey.score
        comments = survey.comments
        submittedBy = survey.submittedBy
        submittedOn = survey.submittedOn
        status = survey.status
        apply(survey)
    }

    public var domain: DeploymentSurvey {
        DeploymentSurvey(goLive: goLive, score: score, comments: comments, submittedBy: submittedBy, submittedOn: submittedOn,
                         status: status, decidedBy: decidedBy, decidedOn: decidedOn, returnReason: returnReason)
    }

    public mutating func apply(_ survey: DeploymentSurvey) {
        goLive = survey.goLive
        score = survey.score
        comments = survey.comments
        submittedBy = survey.submittedBy
        submittedOn = survey.submittedOn
        status = survey.status
        decidedBy = survey.decidedBy
        decidedOn = survey.decidedOn
        returnReason = survey.returnReason
    }
}
