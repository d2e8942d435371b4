import Fluent
import MigrationKit
import Vapor

/// A supplier's product: a principal clinical system, a module of one, or a subsidiary system.
final class Product: Model, @unchecked Sendable {
    static let schema = "products"

    typealias Kind = ProductKind

    @ID(key: .id) var id: UUID?
    /// The national product ID, e.g. 10052-002.
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    @Parent(key: "supplier_id") var supplier: Organisation
    @Field(key: "kind") var kind: Kind
    /// Calendar days of notice the supplier needs for a data extract; nil when its data does not move.
    @OptionalField(key: "extract_lead_days") var extractLeadDays: Int?

    init() {}

    init(id: UUID? = nil, code: String, name: String, supplierID: UUID, kind: Kind, extractLeadDays: Int?) {
        self.id = id
        self.code = code
        self.name = name
        self.$supplier.id = supplierID
        self.kind = kind
        self.extractLeadDays = extractLeadDays
    }
}
