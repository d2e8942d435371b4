import Fluent
import MigrationKit
import Vapor

/// A stored Schedule A; its rules live in `MigrationKit.ScheduleA`.
final class ScheduleARecord: Model, @unchecked Sendable {
    static let schema = "schedule_as"

    @ID(key: .id) var id: UUID?
    @Parent(key: "migration_id") var migration: MigrationRecord
    @Field(key: "kind") var kind: ScheduleA.Kind
    @Parent(key: "product_id") var product: Product
    @Field(key: "supplier_id") var supplierID: UUID
    @Field(key: "status") var status: ScheduleA.Status
    @Field(key: "called_off_on") var calledOffOn: Day
    @OptionalField(key: "commissioner_decided_on") var commissionerDecidedOn: Day?
    @OptionalField(key: "supplier_decided_on") var supplierDecidedOn: Day?
    @OptionalField(key: "rejection_reason") var rejectionReason: String?
    @OptionalField(key: "confirmed_go_live") var confirmedGoLive: Day?
    @Field(key: "proposed_go_lives") var proposedGoLivesJSON: String

    init() {}

    init(migrationID: UUID, _ scheduleA: ScheduleA) {
        self.$migration.id = migrationID
        self.kind = scheduleA.kind
        self.$product.id = scheduleA.product
        self.supplierID = scheduleA.supplier
        apply(scheduleA)
    }

    var domain: ScheduleA {
        ScheduleA(
            kind: kind, supplier: supplierID, product: $product.id, status: status, calledOffOn: calledOffOn,
            commissionerDecidedOn: commissionerDecidedOn, supplierDecidedOn: supplierDecidedOn, rejectionReason: rejectionReason,
            confirmedGoLive: confirmedGoLive, proposedGoLives: JSONText.decode([Day].self, proposedGoLivesJSON) ?? [])
    }

    func apply(_ scheduleA: ScheduleA) {
        status = scheduleA.status
        calledOffOn = scheduleA.calledOffOn
        commissionerDecidedOn = scheduleA.commissionerDecidedOn
        supplierDecidedOn = scheduleA.supplierDecidedOn
        rejectionReason = scheduleA.rejectionReason
        confirmedGoLive = scheduleA.confirmedGoLive
        proposedGoLivesJSON = JSONText.encode(scheduleA.proposedGoLives)
    }
}
