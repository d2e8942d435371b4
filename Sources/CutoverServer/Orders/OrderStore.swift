import Fluent
import Foundation
import MigrationKit
import SQLKit

/// The SQL of order imports: what an order file is matched against (`OrderReference`), read
/// in a few selects however long the file, and the planned changes written in bulk.
struct OrderStore {
    let sql: any SQLDatabase

    init(_ db: any Database) {
        sql = db as! any SQLDatabase
    }

    /// Binds per statement: SQLite allows 32,766, PostgreSQL 65,535.
    static let chunk = 500

    /// Everything the rows of a file may refer to: every supplier, product and commissioner
    /// (short lists), and the practices the file names with their migrations and order lines.
    /// With `lock` (PostgreSQL), the migrations read are locked until the transaction ends,
    /// so a step taken meanwhile waits instead of being overwritten.
    func reference(practiceCodes: Set<String>, lock: Bool) async throws -> OrderReference {
        struct Organisation: Decodable { let id: UUID, kind: String, name: String, code: String? }
        let organisations = try await sql.raw("SELECT id, kind, name, code FROM organisations WHERE kind IN ('supplier', 'commissioner')")
            .all(decoding: Organisation.self)
        let suppliers = organisations.filter { $0.kind == OrganisationKind.supplier.rawValue }.compactMap { o in
            o.code.map { OrderReference.Supplier(id: o.id, code: $0, name: o.name) }
        }
        let commissioners = Dictionary(organisations.filter { $0.kind == OrganisationKind.commissioner.rawValue }.compactMap { o in o.code.map { ($0.uppercased(), o.id) } },
                                       uniquingKeysWith: { first, _ in first })
        struct ProductRow: Decodable { let id: UUID, code: String, name: String, supplier_id: UUID }
        let products = try await sql.raw("SELECT id, code, name, supplier_id FROM products").all(decoding: ProductRow.self)
            .map { OrderReference.Product(id: $0.id, code: $0.code, name: $0.name, supplier: $0.supplier_id) }
        struct Usual: Decodable { let commissioner_id: UUID, delivery_partner_id: UUID, practices: Int }
        var usual: [UUID: (UUID, Int)] = [:]
        for row in try await sql.raw("SELECT commissioner_id, delivery_partner_id, COUNT(*) AS practices FROM practices GROUP BY commissioner_id, delivery_partner_id")
            .all(decoding: Usual.self) where row.practices > usual[row.commissioner_id]?.1 ?? 0 {
            usual[row.commissioner_id] = (row.delivery_partner_id, row.practices)
        }

        struct PracticeRow: Decodable { let id: UUID, ods_code: String, name: String, commissioner_id: UUID, delivery_partner_id: UUID }
        struct MigrationRow: Decodable {
            let id: UUID, practice_id: UUID, status: MigrationStatus, source_product_id: UUID, target_product_id: UUID, created_at: Date
            let confirmed_go_live: Day?, provisional_go_live: Day?, target_supplier_id: UUID, source_supplier_id: UUID
        }
        struct LinkRow: Decodable { let migration_id: UUID, product_id: UUID, supplier_id: UUID }
        var practices: [OrderReference.Practice] = []
        var migrations: [MigrationRow] = []
        var links: [UUID: [LinkRow]] = [:]
        var lines: [UUID: [UUID: OrderLine]] = [:]
        let codes = Array(practiceCodes)
        for start in stride(from: 0, to: codes.count, by: Self.chunk) {
            let some = Array(codes[start..<min(start + Self.chunk, codes.count)])
            let found = try await sql.raw("SELECT id, ods_code, name, commissioner_id, delivery_partner_id FROM practices WHERE ods_code IN (\(binds: some))")
                .all(decoding: PracticeRow.self)
            practices += found.map { .init(id: $0.id, code: $0.ods_code, name: $0.name, commissioner: $0.commissioner_id, deliveryPartner: $0.delivery_partner_id) }
            guard !found.isEmpty else { continue }
            let theirs = try await sql.raw("""
                SELECT id, practice_id, status, source_product_id, target_product_id, created_at, confirmed_go_live, provisional_go_live, target_supplier_id, source_supplier_id FROM migrations
                WHERE practice_id IN (\(binds: found.map(\.id)))\(unsafeRaw: lock ? " FOR UPDATE" : "")
                """).all(decoding: MigrationRow.self)
            migrations += theirs
            guard !theirs.isEmpty else { continue }
            let ids = theirs.map(\.id)
            for link in try await sql.raw("SELECT migration_id, product_id, supplier_id FROM migration_products WHERE migration_id IN (\(binds: ids))").all(decoding: LinkRow.self) {
                links[link.migration_id, default: []].append(link)
            }
            for row in try await sql.raw("SELECT * FROM order_lines WHERE migration_id IN (\(binds: ids))").all(decoding: OrderLineRow.self) {
                lines[row.migrationID, default: [:]][row.productID] = row.domain
            }
        }
        // The open migration first, then the latest started.
        let byPractice = Dictionary(grouping: migrations, by: \.practice_id).mapValues { rows in
            rows.sorted { ($0.status != .completed ? 0 : 1, -$0.created_at.timeIntervalSince1970) < ($1.status != .completed ? 0 : 1, -$1.created_at.timeIntervalSince1970) }
                .map { m in
                    let linked = links[m.id] ?? []
                    let products = linked.map { ($0.product_id, $0.supplier_id) } + [(m.source_product_id, m.source_supplier_id), (m.target_product_id, m.target_supplier_id)]
                    var planned: [UUID: Day] = [:]
                    for (product, supplier) in products {
                        planned[product] = OrderLine.plannedDelivery(productSupplier: supplier, newSystemSupplier: m.target_supplier_id,
                                                                     isOldSystem: product == m.source_product_id, plannedGoLive: m.confirmed_go_live ?? m.provisional_go_live)
                    }
                    return OrderReference.Migration(id: m.id, products: Set(products.map(\.0)), lines: lines[m.id] ?? [:], plannedDelivery: planned)
                }
        }
        return OrderReference(suppliers: suppliers, products: products, practices: practices, commissioners: commissioners,
                              usualDeliveryPartner: usual.mapValues(\.0), migrations: byPractice)
    }
}

extension OrderStore {
    /// Writes an import's changes (`OrderImportPlan.changes`) and audits each as the
    /// import's: new and renamed suppliers, products and practices, then each migration's
    /// order lines with its version one higher and one audit event per migration.
    func apply(_ changes: [OrderImportPlan.Change], importID: UUID, actor: Actor?, at now: Date, on db: any Database) async throws {
        var events: [AuditRow] = []
        func audit(_ action: String, entity: String, id: UUID?, migration: UUID? = nil, version: Int? = nil, supplier: UUID? = nil,
                   before: (any Encodable)? = nil, after: some Encodable) {
            events.append(AuditRow(AuditEntry(action: action, entity: entity, entityID: id, supplierID: supplier, before: before, after: after),
                                   migrationID: migration, version: version, actor: actor, at: now))
        }
        struct Named: Encodable { let code: String, name: String, importID: UUID }
        var lines: [UUID: [(supplier: UUID, before: OrderLine?, after: OrderLine, line: Int)]] = [:]
        for change in changes {
            switch change {
            case .newSupplier(let s):
                try await sql.insert(into: "organisations").columns("id", "kind", "name", "code")
                    .values(SQLBind(s.id), SQLBind(OrganisationKind.supplier.rawValue), SQLBind(s.name), SQLBind(s.code)).run()
                audit("supplier.imported", entity: "organisation", id: s.id, after: Named(code: s.code, name: s.name, importID: importID))
            case .renamedSupplier(let s, let from):
                try await sql.update("organisations").set("name", to: s.name).where("id", .equal, s.id).run()
                // Plans name the suppliers whose data moves (their extract deadlines).
                try await ReplanQueue(db).queue(involvingSupplier: s.id, reason: "supplier.renamed", at: now)
                audit("supplier.renamed", entity: "organisation", id: s.id, before: ["name": from], after: Named(code: s.code, name: s.name, importID: importID))
            case .newProduct(let p, let role):
                try await sql.insert(into: "products").columns("id", "code", "name", "supplier_id", "kind", "extract_lead_days")
                    .values(SQLBind(p.id), SQLBind(p.code), SQLBind(p.name), SQLBind(p.supplier), SQLBind(role.rawValue), SQLLiteral.null).run()
                audit("product.imported", entity: "product", id: p.id, supplier: p.supplier, after: Named(code: p.code, name: p.name, importID: importID))
            case .renamedProduct(let p, let from):
                try await sql.update("products").set("name", to: p.name).where("id", .equal, p.id).run()
                // Waiting steps name products: judge those migrations again.
                try await JudgementStore(db).forget(usingProduct: p.id)
                audit("product.renamed", entity: "product", id: p.id, supplier: p.supplier, before: ["name": from], after: Named(code: p.code, name: p.name, importID: importID))
            case .newPractice(let p, let organisation):
                try await sql.insert(into: "organisations").columns("id", "kind", "name", "code")
                    .values(SQLBind(organisation), SQLBind(OrganisationKind.practice.rawValue), SQLBind(p.name), SQLBind(p.code)).run()
                try await sql.insert(into: "practices").columns("id", "ods_code", "name", "organisation_id", "commissioner_id", "delivery_partner_id", "list_size")
                    .values(SQLBind(p.id), SQLBind(p.code), SQLBind(p.name), SQLBind(organisation), SQLBind(p.commissioner), SQLBind(p.deliveryPartner), SQLBind(0)).run()
                audit("practice.imported", entity: "practice", id: p.id, after: Named(code: p.code, name: p.name, importID: importID))
            case .renamedPractice(let p, let from):
                try await sql.update("practices").set("name", to: p.name).where("id", .equal, p.id).run()
                try await sql.raw("UPDATE organisations SET name = \(bind: p.name) WHERE id = (SELECT organisation_id FROM practices WHERE id = \(bind: p.id))").run()
                // Lists show the practice's name: judge its migrations again.
                try await JudgementStore(db).forget(ofPractice: p.id)
                audit("practice.renamed", entity: "practice", id: p.id, before: ["name": from], after: Named(code: p.code, name: p.name, importID: importID))
            case .orderLine(let migration, let supplier, let before, let after, let line):
                lines[migration, default: []].append((supplier, before, after, line))
            }
        }

        // Each migration changed: its version one higher (so readers' ETags move on and its
        // judgement is made again), its lines written, one audit event listing them.
        struct Version: Decodable { let id: UUID, version: Int }

        struct LineChange: Encodable { let line: Int, product: UUID, before: OrderLine?, after: OrderLine }
        struct Imported: Encodable { let importID: UUID, lines: [LineChange] }
        let ids = Array(lines.keys)
        var upserts: [OrderLineRow] = []
        for start in stride(from: 0, to: ids.count, by: Self.chunk) {
            let some = Array(ids[start..<min(start + Self.chunk, ids.count)])
            let versions = try await sql.raw("""
                UPDATE migrations SET version = version + 1, updated_at = \(bind: now) WHERE id IN (\(binds: some)) RETURNING id, version
                """).all(decoding: Version.self)
            for version in versions {
                let changed = lines[version.id] ?? []
                upserts += changed.map { OrderLineRow(migrationID: version.id, $0.after) }
                // One supplier's lines only: that supplier reads its own history.
                let suppliers = Set(changed.map(\.supplier))
                audit("order.imported", entity: "order-lines", id: nil, migration: version.id, version: version.version,
                      supplier: suppliers.count == 1 ? suppliers.first : nil,
                      after: Imported(importID: importID, lines: changed.map { LineChange(line: $0.line, product: $0.after.product, before: $0.before, after: $0.after) }))
            }
        }
        // A line is new or replaces the product's line of that migration (its id stays).
        for start in stride(from: 0, to: upserts.count, by: 100) {
            try await sql.insert(into: OrderLineRow.table).models(Array(upserts[start..<min(start + 100, upserts.count)]), nilEncodingStrategy: .asNil)
                .onConflict(with: ["migration_id", "product_id"]) { update in
                    ["call_off_id", "m1_planned", "m1_actual", "m2", "cease_on"].reduce(update) { $0.set(excludedValueOf: $1) }
                }
                .run()
        }
        for start in stride(from: 0, to: events.count, by: 100) {
            try await sql.insert(into: "audit_events").models(Array(events[start..<min(start + 100, events.count)]), nilEncodingStrategy: .asNil).run()
        }
    }
}
