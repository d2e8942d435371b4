import Fluent
import Vapor

/// A module of the new system or a subsidiary system that is part of a migration.
final class MigrationProduct: Model, @unchecked Sendable {
    static let schema = "migration_products"

    @ID(key: .id) var id: UUID?
    @Parent(key: "migration_id") var migration: MigrationRecord
    @Parent(key: "product_id") var product: Product
    /// Copied from the product, for access filtering.
    @Field(key: "supplier_id") var supplierID: UUID

    init() {}

    init(migrationID: UUID, productID: UUID, supplierID: UUID) {
        self.$migration.id = migrationID
        self.$product.id = productID
        self.supplierID = supplierID
    }
}
