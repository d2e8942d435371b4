import Fluent
import MigrationKit
import Vapor

/// One practice's move from one principal system to another, as Fluent knows the table:
/// for queries by other tables' parents and for tests. Migrations are read and written as
/// `MigrationRow`s by `MigrationStore`. (Named `MigrationRecord` because Fluent already has
/// a `Migration`.)
final class MigrationRecord: Model, @unchecked Sendable {
    static let schema = "migrations"

    @ID(key: .id) var id: UUID?
    @Parent(key: "practice_id") var practice: Practice
    @Parent(key: "source_product_id") var sourceProduct: Product
    @Parent(key: "target_product_id") var targetProduct: Product

    // The parties, copied from the practice and products so that list queries can filter
    // by access without joins.
    @Field(key: "practice_org_id") var practiceOrgID: UUID
    @Field(key: "commissioner_id") var commissionerID: UUID
    @Field(key: "delivery_partner_id") var deliveryPartnerID: UUID
    @Field(key: "source_supplier_id") var sourceSupplierID: UUID
    @Field(key: "target_supplier_id") var targetSupplierID: UUID

    @Field(key: "status") var status: MigrationStatus
    @Field(key: "current_phase") var currentPhase: Int

    @Field(key: "drivers") var drivers: String
    @Field(key: "considerations") var considerations: String
    @Field(key: "strategic_fit") var strategicFit: String
    @OptionalField(key: "approved_by") var approvedBy: UUID?
    @OptionalField(key: "approved_on") var approvedOn: Day?
    @OptionalField(key: "funding_amount") var fundingAmount: Int?
    @OptionalField(key: "funding_source") var fundingSource: String?

    @OptionalField(key: "provisional_go_live") var provisionalGoLive: Day?
    @OptionalField(key: "confirmed_go_live") var confirmedGoLive: Day?
    @OptionalField(key: "actual_go_live") var actualGoLive: Day?
    @OptionalField(key: "ended_on") var endedOn: Day?
    @OptionalField(key: "registered_on") var registeredOn: Day?
    @OptionalField(key: "registration_reference") var registrationReference: String?
    @OptionalField(key: "kick_off_on") var kickOffOn: Day?
    @OptionalField(key: "survey_on") var surveyOn: Day?

    /// Process overrides and blackouts, as JSON (small, always read with the record).
    @Field(key: "overrides") var overridesJSON: String
    @Field(key: "blackouts") var blackoutsJSON: String
    @Field(key: "met_deadlines") var metDeadlinesJSON: String
    @Field(key: "provisional_go_live_agreements") var provisionalGoLiveAgreementsJSON: String

    /// Optimistic lock: bumped by every change, sent as the ETag.
    @Field(key: "version") var version: Int
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}
}
