import Fluent
import Vapor

/// A GP practice, with the commissioner that funds it and the delivery partner that supports it.
final class Practice: Model, @unchecked Sendable {
    static let schema = "practices"

    @ID(key: .id) var id: UUID?
    @Field(key: "ods_code") var odsCode: String
    @Field(key: "name") var name: String
    /// The practice's own organisation, whose users act for it.
    @Parent(key: "organisation_id") var organisation: Organisation
    @Parent(key: "commissioner_id") var commissioner: Organisation
    @Parent(key: "delivery_partner_id") var deliveryPartner: Organisation
    @Field(key: "list_size") var listSize: Int

    init() {}

    init(id: UUID? = nil, odsCode: String, name: String, organisationID: UUID, commissionerID: UUID, deliveryPartnerID: UUID, listSize: Int) {
        self.id = id
        self.odsCode = odsCode
        self.name = name
        self.$organisation.id = organisationID
        self.$commissioner.id = commissionerID
        self.$deliveryPartner.id = deliveryPartnerID
        self.listSize = listSize
    }
}
