import Foundation
import Testing
@testable import MigrationKit

/// Reading order rows and planning their import against what Cutover holds: columns by
/// name, dates dd/mm/yyyy, every problem named by line and column, duplicates, practices
/// without a migration reported, a second import of the same rows changing nothing.
@Suite struct OrderImportPlanTests {
    let today = try! Day(parsing: "2026-11-25")
    let emis = OrderReference.Supplier(id: UUID(), code: "10000", name: "EMIS Health")
    let tpp = OrderReference.Supplier(id: UUID(), code: "10052", name: "TPP")
    let csu = UUID(), otherCSU = UUID(), icb = UUID()
    var emisWeb: OrderReference.Product { .init(id: UUID(uuidString: "00000000-0000-0000-0000-000000000001")!, code: "10000-001", name: "EMIS Web", supplier: emis.id) }
    var systmOne: OrderReference.Product { .init(id: UUID(uuidString: "00000000-0000-0000-0000-000000000002")!, code: "10052-002", name: "SystmOne", supplier: tpp.id) }
    var aire: OrderReference.Practice { .init(id: UUID(uuidString: "00000000-0000-0000-0000-000000000010")!, code: "B82001", name: "Aire Valley Surgery", commissioner: icb, deliveryPartner: csu) }
    var dales: OrderReference.Practice { .init(id: UUID(uuidString: "00000000-0000-0000-0000-000000000011")!, code: "B82002", name: "Dales Road Surgery", commissioner: icb, deliveryPartner: otherCSU) }
    let migration = UUID()

    func reference(lines: [UUID: OrderLine] = [:]) -> OrderReference {
        OrderReference(
            suppliers: [emis, tpp], products: [emisWeb, systmOne], practices: [aire, dales], commissioners: ["QWR": icb], usualDeliveryPartner: [icb: csu],
            migrations: [aire.id: [.init(id: migration, products: [emisWeb.id, systmOne.id], lines: lines, plannedDelivery: [systmOne.id: today + 60])]])
    }

    func row(_ line: Int, _ cells: [OrderColumn: String]) -> Result<OrderRecord, OrderProblems> {
        let base: [OrderColumn: String] = [.practiceCode: "B82001", .supplierID: "10052", .productID: "10052-002"]
        return OrderRecord.read(line: line, cells: base.merging(cells) { $1 }, today: today)
    }

    func problems(_ result: Result<OrderRecord, OrderProblems>) -> [String] {
        if case .failure(let p) = result { return p.problems.map(\.description) }
        return []
    }

    @Test func columnsAreFoundByNameInAnyOrderAndMissingOnesAreNamed() throws {
        let positions = try OrderColumn.positions(in: ["Quantity", " product id ", "Service Recipient ID", "Unknown", "Supplier ID", "ODS Code"].dropLast())
        #expect(positions[.productID] == 1 && positions[.practiceCode] == 2 && positions[.supplierID] == 4)
        #expect(throws: OrderFileError.missingColumns(["Supplier ID", "Product ID"])) { try OrderColumn.positions(in: ["Service Recipient ID"]) }
        #expect(throws: OrderFileError.duplicateColumn("Service Recipient ID")) {
            try OrderColumn.positions(in: ["Service Recipient ID", "Supplier ID", "Product ID", "ODS Code"])
        }
    }

    @Test func datesAreDayMonthYearAndImpossibleOnesAreNamed() throws {
        let expected = try Day(parsing: "2027-01-05")
        #expect(try row(2, [.m1Actual: "5/1/2027", .cease: "31/03/2027"]).get().m1Actual == expected)
        #expect(problems(row(3, [.m2: "31/02/2027"])) == ["line 3, Buyer verification date (M2): February 2027 has 28 days, so day 31 does not exist"])
        #expect(problems(row(4, [.cease: "2027-13-01"])).first?.hasPrefix("line 4, Cease Date: ") == true)
        #expect(problems(row(5, [.m1Planned: "14.06.2027"])) == ["line 5, M1 planned (Delivery Date): '14.06.2027' is not a date: write it as dd/mm/yyyy, for example 14/06/2027"])
        #expect(problems(row(6, [.m1Planned: "01/01/0415"])).first?.contains("out of range") == true)
        #expect(problems(row(7, [.m1Actual: "10/01/2027", .m2: "09/01/2027"])).first?.hasPrefix("line 7, Buyer verification date (M2): service stability") == true)
    }

    @Test func codesAreCheckedAndEveryProblemOfARowIsNamed() {
        let found = problems(row(9, [.practiceCode: "B8200", .supplierID: "TPP", .productID: ""]))
        #expect(found.count == 3 && found.allSatisfy { $0.hasPrefix("line 9, ") })
        #expect(found.contains { $0.contains("Service Recipient ID") } && found.contains { $0.contains("Supplier ID") } && found.contains { $0.contains("Product ID: is empty") })
        #expect(problems(row(10, [.productID: "10000-001"])) == ["line 10, Product ID: '10000-001' is not one of supplier 10052's products, whose IDs start 10052-"])
    }

    @Test func aRowSetsTheOrderLineAndTheSameRowAgainChangesNothing() throws {
        let rows = [row(2, [.callOffID: "C0001-01", .m1Actual: "14/12/2026"]), row(3, [.productID: "10000-001", .supplierID: "10000", .cease: "31/03/2027"])]
        let first = OrderImportPlan(rows: rows, reference: reference(), importer: .everything)
        #expect(first.report.created == 2 && first.report.badRows == 0)
        var lines: [UUID: OrderLine] = [:]
        for case .orderLine(_, _, _, let after, _) in first.changes { lines[after.product] = after }
        // Planned delivery comes from the plan until the records say otherwise.
        let delivered = try Day(parsing: "2026-12-14")
        #expect(lines[systmOne.id] == OrderLine(product: systmOne.id, callOffID: "C0001-01", m1Planned: today + 60, m1Actual: delivered))
        let again = OrderImportPlan(rows: rows, reference: reference(lines: lines), importer: .everything)
        #expect(again.changes.isEmpty && again.report.unchanged == 2 && again.report.summary.hasPrefix("Nothing changed"))
        // Empty cells leave what is held; a new day replaces it.
        let moved = OrderImportPlan(rows: [row(2, [.m2: "05/01/2027"])], reference: reference(lines: lines), importer: .everything)
        guard case .orderLine(_, _, let before?, let after, 2)? = moved.changes.first else { Issue.record("no change"); return }
        let stable = try Day(parsing: "2027-01-05")
        #expect(after.m1Actual == before.m1Actual && after.m2 == stable && moved.report.updated == 1)
    }

    @Test func duplicatesUnknownCodesAndOtherPartnersPracticesAreBad() {
        let rows = [row(2, [:]), row(3, [:]), row(4, [.practiceCode: "B82999"]), row(5, [.supplierID: "10099", .productID: "10099-001"]), row(6, [.practiceCode: "B82002"])]
        let plan = OrderImportPlan(rows: rows, reference: reference(), importer: .deliveryPartner(csu))
        #expect(plan.report.badRows == 4)
        #expect(plan.report.problems.map(\.line) == [3, 4, 5, 6])
        #expect(plan.report.problems[0].reason == "the same practice and product as line 2")
        #expect(plan.report.problems[1].column == "Service Recipient ID" && plan.report.problems[2].column == "Supplier ID")
        #expect(plan.report.problems[3].reason == "B82002 is not one of the practices your organisation supports")
        #expect(plan.report.summary.hasPrefix("Nothing was imported"))
    }

    @Test func aNewPracticeSupplierAndProductAreBroughtInAndAPracticeWithoutMigrationIsReported() {
        let rows = [row(2, [.practiceCode: "B82050", .practiceName: "New Surgery", .orderingPartyID: "qwr", .supplierID: "10075", .supplierName: "LumiraDx",
                           .productID: "10075-001", .productName: "Care Connect", .productType: "Associated Service"]),
                    row(3, [.practiceName: "Aire Valley Medical Centre"])]
        let plan = OrderImportPlan(rows: rows, reference: reference(), importer: .everything)
        #expect(plan.report.created == 1 && plan.report.updated == 1)
        #expect(plan.changes.contains { if case .newPractice(let p, _) = $0 { p.code == "B82050" && p.deliveryPartner == csu && p.commissioner == icb } else { false } })
        #expect(plan.changes.contains { if case .newProduct(let p, .subsidiary) = $0 { p.code == "10075-001" } else { false } })
        #expect(plan.changes.contains { if case .renamedPractice(let p, "Aire Valley Surgery") = $0 { p.name == "Aire Valley Medical Centre" } else { false } })
        #expect(plan.report.leftOut.map(\.line) == [2] && plan.report.leftOut[0].reason.contains("has no migration"))
    }

    @Test func exportedFieldsAreDefusedForSpreadsheetsAndRestoredOnImport() {
        for field in ["=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)", "\tx", "\rx"] {
            let safe = SpreadsheetField.neutralised(field)
            #expect(safe.hasPrefix("'") && SpreadsheetField.restored(safe) == field)
        }
        #expect(SpreadsheetField.neutralised("Aire Valley") == "Aire Valley" && SpreadsheetField.restored("'quoted'") == "'quoted'")
    }
}

extension OrderImportPlanTests {
    @Test func plannedDeliveryIsTheNewSystemSuppliersAndTheTrackerNamesTheChange() {
        let goLive = today + 60
        #expect(OrderLine.plannedDelivery(productSupplier: tpp.id, newSystemSupplier: tpp.id, isOldSystem: false, plannedGoLive: goLive) == goLive)
        #expect(OrderLine.plannedDelivery(productSupplier: emis.id, newSystemSupplier: tpp.id, isOldSystem: false, plannedGoLive: goLive) == nil)
        // The same supplier's old system is ceased, not delivered.
        #expect(OrderLine.plannedDelivery(productSupplier: tpp.id, newSystemSupplier: tpp.id, isOldSystem: true, plannedGoLive: goLive) == nil)
        #expect(OrderLine.trackerChange(isOldSystem: true, role: .principal) == "Ceased")
        #expect(OrderLine.trackerChange(isOldSystem: false, role: .subsidiary) == "Changed")
        #expect(OrderLine.trackerChange(isOldSystem: false, role: .submodule) == "Added")
    }
}
