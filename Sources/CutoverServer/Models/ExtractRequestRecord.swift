import Fluent
import MigrationKit
import Vapor

/// A stored data extract request; its rules live in `MigrationKit.DataExtractRequest`.
final class ExtractRequestRecord: Model, @unchecked Sendable {
    static let schema = "extract_requests"

    @ID(key: .id) var id: UUID?
    @Parent(key: "migration_id") var migration: MigrationRecord
    @Field(key: "supplier_id") var supplierID: UUID
    @Field(key: "status") var status: DataExtractRequest.Status
    @Field(key: "requested_on") var requestedOn: Day
    @OptionalField(key: "form_sent_on") var formSentOn: Day?
    @OptionalField(key: "form_returned_on") var formReturnedOn: Day?
    @Field(key: "data_production_days") var dataProductionDaysJSON: String
    @OptionalField(key: "transferred_on") var transferredOn: Day?

    init() {}

    init(migrationID: UUID, _ request: DataExtractRequest) {
        self.$migration.id = migrationID
        self.supplierID = request.supplier
        apply(request)
    }

    var domain: DataExtractRequest {
        DataExtractRequest(
            supplier: supplierID, status: status, requestedOn: requestedOn, formSentOn: formSentOn, formReturnedOn: formReturnedOn,
            dataProductionDays: JSONText.decode([Day].self, dataProductionDaysJSON) ?? [], transferredOn: transferredOn)
    }

    func apply(_ request: DataExtractRequest) {
        status = request.status
        requestedOn = request.requestedOn
        formSentOn = request.formSentOn
        formReturnedOn = request.formReturnedOn
        dataProductionDaysJSON = JSONText.encode(request.dataProductionDays)
        transferredOn = request.transferredOn
    }
}
