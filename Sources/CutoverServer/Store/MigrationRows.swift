import Foundation
import MigrationKit

// Plain rows of the tables that hold a migration, read and written by `MigrationStore`
// with SQLKit. Each coding key is the column's name, so a row encodes to its columns and
// decodes from them on SQLite and PostgreSQL alike (through the driver's own encoders,
// exactly as Fluent stores the same columns). Fluent models remain for creating rows
// elsewhere and for the schema.

/// A row of `migrations`.
struct MigrationRow: Codable, Hashable, Sendable {
    var id: UUID
    var practiceID: UUID
    var sourceProductID: UUID
    var targetProductID: UUID
    var practiceOrgID: UUID
    var commissionerID: UUID
    var deliveryPartnerID: UUID
    var sourceSupplierID: UUID
    var targetSupplierID: UUID
    var status: MigrationStatus
    var currentPhase: Int
    var drivers: String
    var considerations: String
    var strategicFit: String
    var businessCaseReturnedOn: Day?
    var businessCaseReturnReason: String?
    var approvedBy: UUID?
    var approvedOn: Day?
    var fundingAmount: Int?
    var fundingSource: String?
    var provisionalGoLive: Day?
    var confirmedGoLive: Day?
    var actualGoLive: Day?
    var endedOn: Day?
    var registeredOn: Day?
    var registrationReference: String?
    var kickOffOn: Day?
    var surveyOn: Day?
    var overridesJSON: String
    var blackoutsJSON: String
    var metDeadlinesJSON: String
    var provisionalGoLiveAgreementsJSON: String
    /// The phases recorded as started or finished, kept as text for the metrics
    /// (`OutcomePhases`): written with the milestones, read in one select.
    var outcomePhases: String
    var version: Int
    var createdAt: Date
    var updatedAt: Date

    enum CodingKeys: String, CodingKey, CaseIterable {
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
    init(id: UUID, practiceID: UUID, sourceProductID: UUID, targetProductID: UUID, practiceOrgID: UUID, commissionerID: UUID,
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
struct PracticeRow: Codable, Hashable, Sendable {
    var id: UUID
    var odsCode: String
    var name: String
    var listSize: Int
}

/// A product in a migration, with its supplier's name.
struct ProductRow: Codable, Hashable, Sendable {
    var id: UUID
    var code: String
    var name: String
    var supplierID: UUID
    var supplierName: String
    var kind: Product.Kind
    var extractLeadDays: Int?

    enum CodingKeys: String, CodingKey {
        case id, code, name, kind
        case supplierID = "supplier_id", supplierName = "supplier_name", extractLeadDays = "extract_lead_days"
    }
}

/// A row of `schedule_as`; its rules live in `MigrationKit.ScheduleA`.
extension ProductRow {
    /// The product's supplier as a possible source of an extract (`ExtractSupplier`).
    var extractSource: ExtractSupplier.Source {
        ExtractSupplier.Source(supplier: supplierID, name: supplierName, leadDays: extractLeadDays)
    }
}

struct ScheduleARow: Codable, Hashable, Sendable {
    var id: UUID
    var migrationID: UUID
    var kind: ScheduleA.Kind
    var productID: UUID
    var supplierID: UUID
    var status: ScheduleA.Status
    var calledOffOn: Day
    var commissionerDecidedOn: Day?
    var supplierDecidedOn: Day?
    var rejectionReason: String?
    var confirmedGoLive: Day?
    var proposedGoLivesJSON: String

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, kind, status
        case migrationID = "migration_id", productID = "product_id", supplierID = "supplier_id", calledOffOn = "called_off_on"
        case commissionerDecidedOn = "commissioner_decided_on", supplierDecidedOn = "supplier_decided_on"
        case rejectionReason = "rejection_reason", confirmedGoLive = "confirmed_go_live", proposedGoLivesJSON = "proposed_go_lives"
    }

    init(id: UUID = UUID(), migrationID: UUID, _ scheduleA: ScheduleA) {
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

    var domain: ScheduleA {
        ScheduleA(
            kind: kind, supplier: supplierID, product: productID, status: status, calledOffOn: calledOffOn,
            commissionerDecidedOn: commissionerDecidedOn, supplierDecidedOn: supplierDecidedOn, rejectionReason: rejectionReason,
            confirmedGoLive: confirmedGoLive, proposedGoLives: proposedGoLives)
    }

    var proposedGoLives: [Day] { JSONText.decode([Day].self, proposedGoLivesJSON) ?? [] }

    mutating func apply(_ scheduleA: ScheduleA) {
        status = scheduleA.status
        calledOffOn = scheduleA.calledOffOn
        commissionerDecidedOn = scheduleA.commissionerDecidedOn
        supplierDecidedOn = scheduleA.supplierDecidedOn
        rejectionReason = scheduleA.rejectionReason
        confirmedGoLive = scheduleA.confirmedGoLive
        proposedGoLivesJSON = JSONText.encode(scheduleA.proposedGoLives)
    }
}

/// A row of `extract_requests`; its rules live in `MigrationKit.DataExtractRequest`.
struct ExtractRequestRow: Codable, Hashable, Sendable {
    var id: UUID
    var migrationID: UUID
    var supplierID: UUID
    var status: DataExtractRequest.Status
    var requestedOn: Day
    var formSentOn: Day?
    var formReturnedOn: Day?
    var dataProductionDaysJSON: String
    var transferredOn: Day?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, status
        case migrationID = "migration_id", supplierID = "supplier_id", requestedOn = "requested_on", formSentOn = "form_sent_on"
        case formReturnedOn = "form_returned_on", dataProductionDaysJSON = "data_production_days", transferredOn = "transferred_on"
    }

    init(id: UUID = UUID(), migrationID: UUID, _ request: DataExtractRequest) {
        self.id = id
        self.migrationID = migrationID
        supplierID = request.supplier
        status = request.status
        requestedOn = request.requestedOn
        dataProductionDaysJSON = "[]"
        apply(request)
    }

    var domain: DataExtractRequest {
        DataExtractRequest(
            supplier: supplierID, status: status, requestedOn: requestedOn, formSentOn: formSentOn, formReturnedOn: formReturnedOn,
            dataProductionDays: dataProductionDays, transferredOn: transferredOn)
    }

    var dataProductionDays: [Day] { JSONText.decode([Day].self, dataProductionDaysJSON) ?? [] }

    mutating func apply(_ request: DataExtractRequest) {
        status = request.status
        requestedOn = request.requestedOn
        formSentOn = request.formSentOn
        formReturnedOn = request.formReturnedOn
        dataProductionDaysJSON = JSONText.encode(request.dataProductionDays)
        transferredOn = request.transferredOn
    }
}

/// A row of `notices`: a service or supplier to be told of the dates.
struct NoticeRow: Codable, Hashable, Sendable {
    var id: UUID
    var migrationID: UUID
    var recipient: String
    var service: NoticeService
    var sentOn: Day?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, recipient, service
        case migrationID = "migration_id", sentOn = "sent_on"
    }
}

/// A row of `milestones`: a phase's planned window and what actually happened.
struct MilestoneRow: Codable, Hashable, Sendable {
    var id: UUID
    var migrationID: UUID
    var phase: Int
    var plannedStart: Day?
    var plannedEnd: Day?
    var actualStart: Day?
    var actualEnd: Day?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, phase
        case migrationID = "migration_id", plannedStart = "planned_start", plannedEnd = "planned_end"
        case actualStart = "actual_start", actualEnd = "actual_end"
    }
}

/// A row of `sign_offs`.
struct SignOffRow: Codable, Hashable, Sendable {
    var id: UUID
    var migrationID: UUID
    var kind: SignOffKind
    var userID: UUID
    var signerName: String
    var signedOn: Day
    var comment: String

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, kind, comment
        case migrationID = "migration_id", userID = "user_id", signerName = "signer_name", signedOn = "signed_on"
    }
}

/// A row of `action_items`.
struct ActionItemRow: Codable, Hashable, Sendable {
    var id: UUID
    var migrationID: UUID
    var title: String
    var phase: Int
    var owner: Party
    var due: Day?
    var status: ActionItemStatus

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, title, phase, owner, due, status
        case migrationID = "migration_id"
    }
}

/// A row of `order_lines`: one product's line of the practice's order; its meaning lives in
/// `MigrationKit.OrderLine`.
struct OrderLineRow: Codable, Hashable, Sendable {
    var id: UUID
    var migrationID: UUID
    var productID: UUID
    var callOffID: String?
    var m1Planned: Day?
    var m1Actual: Day?
    var m2: Day?
    var ceaseOn: Day?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, m2
        case migrationID = "migration_id", productID = "product_id", callOffID = "call_off_id"
        case m1Planned = "m1_planned", m1Actual = "m1_actual", ceaseOn = "cease_on"
    }

    init(id: UUID = UUID(), migrationID: UUID, _ line: OrderLine) {
        self.id = id
        self.migrationID = migrationID
        productID = line.product
        apply(line)
    }

    var domain: OrderLine {
        OrderLine(product: productID, callOffID: callOffID, m1Planned: m1Planned, m1Actual: m1Actual, m2: m2, cease: ceaseOn)
    }

    mutating func apply(_ line: OrderLine) {
        callOffID = line.callOffID
        m1Planned = line.m1Planned
        m1Actual = line.m1Actual
        m2 = line.m2
        ceaseOn = line.cease
    }
}

/// A row of `deployment_surveys` (at most one per migration); its rules live in
/// `MigrationKit.DeploymentSurvey`.
struct DeploymentSurveyRow: Codable, Hashable, Sendable {
    var id: UUID
    var migrationID: UUID
    var goLive: Day
    var score: Int
    var comments: String
    var submittedBy: UUID
    var submittedOn: Day
    var status: DeploymentSurvey.Status
    var decidedBy: UUID?
    var decidedOn: Day?
    var returnReason: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, score, comments, status
        case migrationID = "migration_id", goLive = "go_live", submittedBy = "submitted_by", submittedOn = "submitted_on"
        case decidedBy = "decided_by", decidedOn = "decided_on", returnReason = "return_reason"
    }

    init(id: UUID = UUID(), migrationID: UUID, _ survey: DeploymentSurvey) {
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

    var domain: DeploymentSurvey {
        DeploymentSurvey(goLive: goLive, score: score, comments: comments, submittedBy: submittedBy, submittedOn: submittedOn,
                         status: status, decidedBy: decidedBy, decidedOn: decidedOn, returnReason: returnReason)
    }

    mutating func apply(_ survey: DeploymentSurvey) {
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
