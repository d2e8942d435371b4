import Foundation
import MigrationKit
import Vapor

/// A product as the API shows it, in one shape wherever it appears: the reference list,
/// and a migration's old and new systems, modules and subsidiary systems.
struct ProductJSON: Content {
    let id: UUID
    let code: String
    let name: String
    let kind: Product.Kind
    let supplierId: UUID
    let supplierName: String
    let extractLeadDays: Int?

    init(_ product: Product, supplierName: String) {
        self.init(ProductRow(id: product.id!, code: product.code, name: product.name, supplierID: product.$supplier.id,
                             supplierName: supplierName, kind: product.kind, extractLeadDays: product.extractLeadDays))
    }

    init(_ product: ProductRow) {
        id = product.id
        code = product.code
        name = product.name
        kind = product.kind
        supplierId = product.supplierID
        supplierName = product.supplierName
        extractLeadDays = product.extractLeadDays
    }
}

extension ProductJSON: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.member("id", id)
            json.member("code", code)
            json.member("name", name)
            json.member("kind", kind)
            json.member("supplierId", supplierId)
            json.member("supplierName", supplierName)
            json.member("extractLeadDays", extractLeadDays)
        }
    }
}

extension ProductKind: JSONWritableText {}
