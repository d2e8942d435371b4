import Foundation

/// What importing an order file would do, row by row, decided against what Cutover holds
/// (`OrderReference`) before anything is written: the suppliers, products and practices
/// it brings in or renames, each migration's order lines it sets, and the report. A row is
/// bad when it cannot be matched or read; a row for a practice without a migration, or
/// for a product its migration does not move, is listed as left out (what it says of the
/// practice, supplier or product is still taken).
public struct OrderImportPlan: Sendable {
    public enum Change: Hashable, Sendable {
        case newSupplier(OrderReference.Supplier)
        case renamedSupplier(OrderReference.Supplier, from: String)
        case newProduct(OrderReference.Product, role: ProductRole)
        case renamedProduct(OrderReference.Product, from: String)
        /// A practice the order brings in, with its own organisation to be created.
        case newPractice(OrderReference.Practice, organisation: UUID)
        case renamedPractice(OrderReference.Practice, from: String)
        case orderLine(migration: UUID, supplier: UUID, before: OrderLine?, after: OrderLine, line: Int)
    }

    public private(set) var changes: [Change] = []
    public private(set) var report = OrderImportReport()

    /// Plans the import of `rows` (each read, or the problems that made it unreadable).
    public init(rows: [Result<OrderRecord, OrderProblems>], reference: OrderReference, importer: OrderReference.Importer) {
        var reference = reference
        var firstLine: [String: Int] = [:]
        for row in rows {
            report.rows += 1
            let record: OrderRecord
            switch row {
            case .failure(let problems):
                report.bad(problems.problems)
                continue
            case .success(let read): record = read
            }
            let key = record.practiceCode + " " + record.productID
            if let first = firstLine[key] {
                report.bad([OrderProblem(line: record.line, column: .productID, reason: "the same practice and product as line \(first)")])
                continue
            }
            firstLine[key] = record.line
            switch Self.plan(record, &reference, importer: importer) {
            case .failure(let problem): report.bad([problem])
            case .success(let (changes, note)):
                self.changes += changes
                if let note { report.leftOut.append(note) }
                if changes.isEmpty {
                    report.unchanged += 1
                } else if changes.contains(where: { $0.creates }) {
                    report.created += 1
                } else {
                    report.updated += 1
                }
            }
        }
    }

    /// One row's changes, applied to `reference` so later rows see them; or why it is bad.
    private static func plan(_ r: OrderRecord, _ reference: inout OrderReference, importer: OrderReference.Importer)
        -> Result<([Change], OrderProblem?), OrderProblem> {
        var changes: [Change] = []
        func bad(_ column: OrderColumn, _ reason: String) -> Result<([Change], OrderProblem?), OrderProblem> {
            .failure(OrderProblem(line: r.line, column: column, reason: reason))
        }

        // The supplier and its product, brought in when the row names them.
        var supplier: OrderReference.Supplier
        if let known = reference.suppliers[r.supplierID] {
            supplier = known
            if let name = r.supplierName, name != known.name {
                supplier = OrderReference.Supplier(id: known.id, code: known.code, name: name)
                changes.append(.renamedSupplier(supplier, from: known.name))
            }
        } else if let name = r.supplierName {
            supplier = OrderReference.Supplier(id: UUID(), code: r.supplierID, name: name)
            changes.append(.newSupplier(supplier))
        } else {
            return bad(.supplierID, "no supplier has the ID \(r.supplierID); give its name in '\(OrderColumn.supplierName.rawValue)' to add it")
        }
        reference.suppliers[supplier.code] = supplier

        var product: OrderReference.Product
        if let known = reference.products[r.productID] {
            guard known.supplier == supplier.id else { return bad(.productID, "\(r.productID) belongs to another supplier in Cutover") }
            product = known
            if let name = r.productName, name != known.name {
                product = OrderReference.Product(id: known.id, code: known.code, name: name, supplier: known.supplier)
                changes.append(.renamedProduct(product, from: known.name))
            }
        } else if let name = r.productName {
            product = OrderReference.Product(id: UUID(), code: r.productID, name: name, supplier: supplier.id)
            changes.append(.newProduct(product, role: ProductRole(catalogueType: r.productType)))
        } else {
            return bad(.productID, "no product has the ID \(r.productID); give its name in '\(OrderColumn.productName.rawValue)' to add it")
        }
        reference.products[product.code] = product

        // The practice: known, or brought in under the commissioner that ordered.
        var practice: OrderReference.Practice
        if let known = reference.practices[r.practiceCode] {
            practice = known
            guard Self.importer(importer, touches: practice) else {
                return bad(.practiceCode, "\(r.practiceCode) is not one of the practices your organisation supports")
            }
            if let name = r.practiceName, name != known.name {
                practice = OrderReference.Practice(id: known.id, code: known.code, name: name, commissioner: known.commissioner, deliveryPartner: known.deliveryPartner)
                changes.append(.renamedPractice(practice, from: known.name))
            }
        } else {
            guard let name = r.practiceName else {
                return bad(.practiceCode, "no practice has the ODS code \(r.practiceCode); give its name in '\(OrderColumn.practiceName.rawValue)' to add it")
            }
            guard let party = r.orderingPartyID, let commissioner = reference.commissioners[party.uppercased()] else {
                return bad(.orderingPartyID, "no practice has the ODS code \(r.practiceCode), and to add it the ordering party must be a commissioner Cutover knows"
                           + (r.orderingPartyID.map { " ('\($0)' is not)" } ?? ""))
            }
            let partner: UUID
            switch importer {
            case .deliveryPartner(let own): partner = own
            case .everything:
                guard let usual = reference.usualDeliveryPartner[commissioner] else {
                    return bad(.orderingPartyID, "no delivery partner supports \(party)'s practices yet, so \(r.practiceCode) cannot be added")
                }
                partner = usual
            }
            practice = OrderReference.Practice(id: UUID(), code: r.practiceCode, name: name, commissioner: commissioner, deliveryPartner: partner)
            changes.append(.newPractice(practice, organisation: UUID()))
        }
        reference.practices[practice.code] = practice

        // The migration whose order this is: the open one, or the last that ended.
        let update = r.milestones
        guard let migration = reference.migrations[practice.id]?.first(where: { $0.products.contains(product.id) }) else {
            let reason = reference.migrations[practice.id]?.isEmpty == false
                ? "\(product.name) is not part of \(practice.name)'s migration, so its milestones are not recorded"
                : "\(practice.name) has no migration in Cutover, so the order is not recorded against one"
            return .success((changes, OrderProblem(line: r.line, column: nil, reason: reason)))
        }
        let before = migration.lines[product.id]
        let planned = migration.plannedDelivery[product.id]
        let after = (before ?? OrderLine(product: product.id)).effective(plannedDelivery: planned).applying(update)
        if after != (before ?? OrderLine(product: product.id)).effective(plannedDelivery: planned) {
            changes.append(.orderLine(migration: migration.id, supplier: supplier.id, before: before, after: after, line: r.line))
            var lines = migration.lines
            lines[product.id] = after
            let updated = OrderReference.Migration(id: migration.id, products: migration.products, lines: lines, plannedDelivery: migration.plannedDelivery)
            reference.migrations[practice.id] = reference.migrations[practice.id]?.map { $0.id == migration.id ? updated : $0 }
        }
        return .success((changes, nil))
    }

    private static func importer(_ importer: OrderReference.Importer, touches practice: OrderReference.Practice) -> Bool {
        switch importer {
        case .everything: true
        case .deliveryPartner(let own): practice.deliveryPartner == own
        }
    }
}

extension OrderImportPlan.Change {
    /// Whether the change adds something new (a row that does is counted as created).
    var creates: Bool {
        switch self {
        case .newSupplier, .newProduct, .newPractice: true
        case .orderLine(_, _, let before, _, _): before == nil
        default: false
        }
    }
}

/// What a product is to a practice's system, from the catalogue's product type: a
/// catalogue solution is a principal system, an additional service a module of one, an
/// associated service a subsidiary system.
public enum ProductRole: String, CaseIterable, Sendable {
    case principal, submodule, subsidiary

    public init(catalogueType: String?) {
        let type = catalogueType?.trimmingSpaces.lowercased()
        self = Self.allCases.first { $0.catalogueType.lowercased() == type } ?? .principal
    }

    /// The catalogue's name for it.
    public var catalogueType: String {
        switch self {
        case .principal: "Catalogue Solution"
        case .submodule: "Additional Service"
        case .subsidiary: "Associated Service"
        }
    }
}
