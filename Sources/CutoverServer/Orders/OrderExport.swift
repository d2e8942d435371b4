import Fluent
import Foundation
import MigrationKit
import SQLKit

/// The portfolio's orders as CSV: every product of every migration under way or done (the
/// new system, its modules, subsidiary systems and the old system) with its order line, in
/// the order export's columns or as the monthly Order Tracker return. Either imports back
/// with no change (`OrderColumn.trackerName`).
struct OrderExport {
    enum Format: String, CaseIterable {
        case orderCSV = "order-csv"
        case orderTracker = "order-tracker"
    }

    /// A month of the return, `YYYY-MM`: only lines with a milestone in it.
    struct Month: Equatable {
        let year: Int, month: Int

        init?(_ text: String) {
            let parts = text.split(separator: "-")
            guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let year = Int(parts[0]), let month = Int(parts[1]),
                  (2000...2100).contains(year), (1...12).contains(month) else { return nil }
            (self.year, self.month) = (year, month)
        }

        func contains(_ day: Day) -> Bool {
            let (y, m, _) = day.parts
            return y == year && m == month
        }
    }

    /// Reads the export's options as the API and the shell give them, naming a bad one.
    static func options(format: String?, month: String?) throws -> (Format, Month?) {
        guard let chosen = Format(rawValue: format ?? Format.orderCSV.rawValue) else {
            throw APIError.invalid("format", "format is one of \(Format.allCases.map(\.rawValue).joined(separator: ", ")), not '\(format ?? "")'")
        }
        guard let month, !month.isEmpty else { return (chosen, nil) }
        guard let parsed = Month(month) else { throw APIError.invalid("month", "month is written YYYY-MM, for example 2027-06, not '\(month)'") }
        return (chosen, parsed)
    }

    let sql: any SQLDatabase

    init(_ db: any Database) {
        sql = db as! any SQLDatabase
    }

    struct Line: Decodable {
        let ods_code: String, practice_name: String, commissioner_code: String?, commissioner_name: String
        let supplier_code: String?, supplier_name: String, product_code: String, product_name: String, product_kind: String
        let old_system: Int
        let product_supplier_id: UUID, target_supplier_id: UUID, planned_go_live: Day?
        let call_off_id: String?, m1_planned: Day?, m1_actual: Day?, m2: Day?, cease_on: Day?

        /// The line as the national records should read it (`OrderLine.effective`).
        var line: OrderLine {
            OrderLine(product: UUID(), callOffID: call_off_id, m1Planned: m1_planned, m1Actual: m1_actual, m2: m2, cease: cease_on)
                .effective(plannedDelivery: OrderLine.plannedDelivery(productSupplier: product_supplier_id, newSystemSupplier: target_supplier_id,
                                                                      isOldSystem: old_system == 1, plannedGoLive: planned_go_live))
        }

        var milestones: [Day] { let l = line; return [l.m1Planned, l.m1Actual, l.m2, l.cease].compactMap { $0 } }
    }

    /// The lines of the migrations `scope` lets the reader see (nil for every one).
    func lines(scope: SQLQueryString?, month: Month?) async throws -> [Line] {
        let inScope: SQLQueryString = scope.map { " AND \($0)" } ?? ""
        let rows = try await sql.raw("""
            WITH ms AS (SELECT m.* FROM migrations m WHERE m.status IN ('registered', 'live', 'completed')\(inScope)),
            links AS (SELECT id AS migration_id, source_product_id AS product_id FROM ms
                      UNION ALL SELECT id, target_product_id FROM ms
                      UNION ALL SELECT mp.migration_id, mp.product_id FROM migration_products mp JOIN ms ON ms.id = mp.migration_id)
            SELECT p.ods_code, p.name AS practice_name, c.code AS commissioner_code, c.name AS commissioner_name,
                   s.code AS supplier_code, s.name AS supplier_name, pr.code AS product_code, pr.name AS product_name, pr.kind AS product_kind,
                   CASE WHEN pr.id = m.source_product_id THEN 1 ELSE 0 END AS old_system,
                   pr.supplier_id AS product_supplier_id, m.target_supplier_id, COALESCE(m.confirmed_go_live, m.provisional_go_live) AS planned_go_live,
                   ol.call_off_id, ol.m1_planned, ol.m1_actual, ol.m2, ol.cease_on
            FROM links JOIN ms m ON m.id = links.migration_id
            JOIN practices p ON p.id = m.practice_id
            JOIN organisations c ON c.id = m.commissioner_id
            JOIN products pr ON pr.id = links.product_id
            JOIN organisations s ON s.id = pr.supplier_id
            LEFT JOIN order_lines ol ON ol.migration_id = m.id AND ol.product_id = pr.id
            ORDER BY p.ods_code, pr.code
            """).all(decoding: Line.self)
        guard let month else { return rows }
        return rows.filter { $0.milestones.contains(where: month.contains) }
    }

    /// The CSV of `lines` in `format`.
    static func csv(_ lines: [Line], format: Format) throws -> Data {
        func date(_ day: Day?) -> String { day.map(\.ukDate) ?? "" }
        switch format {
        case .orderCSV:
            let columns: [OrderColumn] = [.callOffID, .orderingPartyID, .orderingPartyName, .practiceCode, .practiceName, .supplierID, .supplierName,
                                          .productID, .productName, .productType, .quantity, .m1Planned, .m1Actual, .m2, .cease]
            return try OrderFile.write(header: columns.map(\.rawValue), rows: lines.map { l in
                let o = l.line
                return [o.callOffID ?? "", l.commissioner_code ?? "", l.commissioner_name, l.ods_code, l.practice_name, l.supplier_code ?? "", l.supplier_name,
                        l.product_code, l.product_name, (ProductRole(rawValue: l.product_kind) ?? .principal).catalogueType, "1",
                        date(o.m1Planned), date(o.m1Actual), date(o.m2), date(o.cease)]
            })
        case .orderTracker:
            let columns: [OrderColumn] = [.practiceName, .practiceCode, .supplierID, .supplierName, .productID, .productName]
            let header = columns.map { $0.trackerName ?? $0.rawValue } + ["Change"] + [OrderColumn.m1Planned, .m1Actual, .m2, .cease].map { $0.trackerName! }
            return try OrderFile.write(header: header, rows: lines.map { l in
                let o = l.line
                return [l.practice_name, l.ods_code, l.supplier_code ?? "", l.supplier_name, l.product_code, l.product_name,
                        OrderLine.trackerChange(isOldSystem: l.old_system == 1, role: ProductRole(rawValue: l.product_kind) ?? .principal),
                        date(o.m1Planned), date(o.m1Actual), date(o.m2), date(o.cease)]
            })
        }
    }

}
