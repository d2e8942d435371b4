import Foundation
import MigrationKit
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import CutoverServer

/// Order files through the API: who may import and export, a bad row stops the whole file,
/// skipping bad rows, an export importing back with no change, files that cannot be read,
/// and the audit of what an import changed.
@Suite struct OrderFileAPITests {
    static let header = "Service Recipient ID,Service Recipient Name,Supplier ID,Product ID,Call Off Agreement ID,Actual M1 date,Cease Date"

    func upload(_ call: Call, _ world: World, _ role: World.Role, _ csv: String, query: String = "", type: String = "text/csv") async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        headers.bearerAuthorization = BearerAuthorization(token: world.token(role))
        headers.replaceOrAdd(name: .contentType, value: type)
        return try await call.app.testing().sendRequest(.POST, "/api/v1/imports/orders" + query, headers: headers, body: ByteBuffer(string: csv))
    }

    /// A registered migration of Aire Valley Surgery (A81001), EMIS Web to SystmOne.
    func migration(_ call: Call, _ world: World) async throws -> Journey {
        let journey = Journey(call: call, world: world, id: try await world.createMigration(call))
        try await journey.procure()
        return journey
    }

    func lines(_ journey: Journey) async throws -> [String: [String: Any]] {
        let lines = try await journey.migration()["orderLines"] as? [[String: Any]] ?? []
        return Dictionary(uniqueKeysWithValues: lines.map { (($0["product"] as? [String: Any])?["code"] as? String ?? "", $0) })
    }

    @Test func onlyDeliveryPartnersAndTheNationalTeamImport() async throws {
        try await withCutover { app, world in
            let call = Call(app: app)
            let csv = Self.header + "\r\nA81001,,10052,10052-002,C1,,\r\n"
            for role in [World.Role.practice, .commissioner, .targetSupplier, .viewer] {
                do {
                    let response = try await upload(call, world, role, csv)
                    #expect(response.status == .forbidden, "\(role)")
                }
            }
            do {
                let response = try await upload(call, world, .deliveryPartner, csv, type: "application/json")
                #expect(response.status == .unsupportedMediaType)
            }
            do {
                let response = try await upload(call, world, .deliveryPartner, csv, query: "?dryRun=maybe")
                #expect(response.status == .unprocessableEntity)
            }
            do {
                let response = try await upload(call, world, .deliveryPartner, csv)
                #expect(response.status == .ok)
            }
            do {
                let response = try await upload(call, world, .national, csv)
                #expect(response.status == .ok)
            }
            // Exports: those who oversee a portfolio.
            for role in [World.Role.practice, .targetSupplier] {
                do {
                    let response = try await call.send(.GET, "/api/v1/exports/orders", as: world.token(role))
                    #expect(response.status == .forbidden, "\(role)")
                }
            }
            do {
                let response = try await call.send(.GET, "/api/v1/exports/orders?format=xml", as: world.token(.commissioner))
                #expect(response.status == .unprocessableEntity)
            }
            do {
                let response = try await call.send(.GET, "/api/v1/exports/orders?month=2027-13", as: world.token(.commissioner))
                #expect(response.status == .unprocessableEntity)
            }
        }
    }

    @Test func aBadRowStopsTheWholeFileUnlessSkippedAndTheSameFileTwiceChangesNothing() async throws {
        try await withCutover { app, world in
            let call = Call(app: app)
            let journey = try await migration(call, world)
            let csv = Self.header + "\r\nA81001,,10052,10052-002,C0042-01,14/12/2026,\r\n\"A81001\",\"Aire Valley Surgery\",10000,10000-001,C0042-01,,31/02/2027\r\n"
            let refused = try await upload(call, world, .deliveryPartner, csv)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.json["imported"] as? Bool == false && refused.json["badRows"] as? Int == 1)
            let problem = (refused.json["problems"] as? [[String: Any]])?.first
            #expect(problem?["line"] as? Int == 3 && problem?["column"] as? String == "Cease Date")
            #expect(try await lines(journey).isEmpty, "nothing was imported")

            let skipped = try await upload(call, world, .deliveryPartner, csv, query: "?skipBad=true")
            #expect(skipped.status == .ok && skipped.json["created"] as? Int == 1 && skipped.json["imported"] as? Bool == true)
            let systmOne = try #require(try await lines(journey)["10052-002"])
            #expect(systmOne["callOffId"] as? String == "C0042-01" && systmOne["m1Actual"] as? String == "2026-12-14")

            let good = Self.header + "\r\nA81001,,10052,10052-002,C0042-01,14/12/2026,\r\n"
            let again = try await upload(call, world, .deliveryPartner, good)
            #expect(again.json["unchanged"] as? Int == 1 && (again.json["summary"] as? String)?.hasPrefix("Nothing changed") == true)
            let dry = try await upload(call, world, .deliveryPartner, Self.header + "\nA81001,,10052,10052-002,C0042-02,,\n", query: "?dryRun=true")
            #expect(dry.json["updated"] as? Int == 1 && dry.json["imported"] as? Bool == false)
            #expect(try await lines(journey)["10052-002"]?["callOffId"] as? String == "C0042-01", "a dry run writes nothing")

            // Audited as the import's, with the migration's version.
            let history = try await call.send(.GET, journey.base + "/history?per=100", as: world.token(.deliveryPartner)).json
            let imported = (history["items"] as? [[String: Any]] ?? []).filter { $0["action"] as? String == "order.imported" }
            #expect(imported.count == 1)
        }
    }

    /// A supplier's new name in a file reaches the plans that name it: the import queues
    /// them, and once `PlanKeeper` has replanned them the calendar entry of its extract
    /// deadline is kept under the new name.
    @Test func aRenamedSupplierIsRenamedInThePlansThatNameIt() async throws {
        try await withCutover { app, world in
            let call = Call(app: app)
            let journey = try await migration(call, world)
            let csv = "Service Recipient ID,Service Recipient Name,Supplier ID,Supplier Name,Product ID,Call Off Agreement ID,Actual M1 date,Cease Date\r\n"
                + "A81001,,10046,Advanced Health,10046-001,C1,,\r\n"
            let imported = try await upload(call, world, .deliveryPartner, csv)
            #expect(imported.status == .ok, "\(imported.body.string)")
            let titles = {
                try await (app.db as! any SQLDatabase).raw("""
                    SELECT title FROM calendar_events WHERE migration_id = \(bind: try #require(UUID(uuidString: journey.id))) AND key LIKE 'deadline-data-extract-request-%'
                    """).all().map { try $0.decode(column: "title", as: String.self) }
            }
            #expect(try await titles() == ["Send the data extract request to Advanced"])
            #expect(try await PlanKeeper(services: app.cutover, db: app.db).catchUp() == 1)
            #expect(try await titles() == ["Send the data extract request to Advanced Health"])
        }
    }

    /// A practice's and a product's new names in a file reach the lists at once: a list
    /// shows what was kept with each migration's judgement, so the import forgets the
    /// judgements of the migrations that show either name.
    @Test func aRenamedPracticeAndProductAreRenamedInTheLists() async throws {
        try await withCutover { app, world in
            let call = Call(app: app)
            let journey = try await migration(call, world)
            let header = "Service Recipient ID,Service Recipient Name,Supplier ID,Product ID,Product Name,Call Off Agreement ID,Actual M1 date,Cease Date\r\n"
            // The order line first, so that the file with new names changes nothing else
            // (a changed line would give the migration a new version, judged again anyway).
            let first = try await upload(call, world, .deliveryPartner, header + "A81001,Aire Valley Surgery,10000,10000-001,EMIS Web,C1,,\r\n")
            #expect(first.status == .ok, "\(first.body.string)")
            try await JudgementRefresher(services: app.cutover, db: app.db).refresh()
            func listed() async throws -> [String: Any] {
                let list = try await call.send(.GET, "/api/v1/migrations", as: world.token(.deliveryPartner))
                return try #require((list.json["items"] as? [[String: Any]])?.first { $0["id"] as? String == journey.id }, "\(list.body.string)")
            }
            let before = try await listed()
            #expect(before["practiceName"] as? String == "Aire Valley Surgery" && before["sourceProduct"] as? String == "EMIS Web")
            let version = try await journey.migration()["version"] as? Int
            // Each name alone: a product's new name forgets the judgements of all the
            // migrations that use it, whatever their practice.
            for (practice, product) in [("Aire Valley Medical Centre", "EMIS Web"), ("Aire Valley Medical Centre", "EMIS Web Enterprise")] {
                let imported = try await upload(call, world, .deliveryPartner, header + "A81001,\(practice),10000,10000-001,\(product),C1,,\r\n")
                #expect(imported.status == .ok, "\(imported.body.string)")
                let after = try await listed()
                #expect(after["practiceName"] as? String == practice && after["sourceProduct"] as? String == product, "\(after)")
            }
            #expect(try await journey.migration()["version"] as? Int == version, "only the names changed")
            // Judged again, the list keeps the new names.
            try await JudgementRefresher(services: app.cutover, db: app.db).refresh()
            #expect(try await listed()["practiceName"] as? String == "Aire Valley Medical Centre")
        }
    }

    @Test func anExportImportsBackWithNoChange() async throws {
        try await withCutover { app, world in
            let call = Call(app: app)
            let journey = try await migration(call, world)
            let seeded = Self.header + "\nA81001,,10052,10052-002,=CMD(),14/12/2026,\nA81001,,10000,10000-001,C9,,30/04/2027\n"
            do {
                let response = try await upload(call, world, .deliveryPartner, seeded)
                #expect(response.status == .ok)
            }
            for format in ["order-csv", "order-tracker"] {
                let export = try await call.send(.GET, "/api/v1/exports/orders?format=\(format)", as: world.token(.deliveryPartner))
                #expect(export.status == .ok && export.headers.contentType?.subType == "csv")
                let text = export.body.string
                if format == "order-csv" { #expect(text.contains("'=CMD()") && !text.contains(",=CMD()"), "formulas are defused") }
                let back = try await upload(call, world, .deliveryPartner, text)
                #expect(back.status == .ok && back.json["created"] as? Int == 0 && back.json["updated"] as? Int == 0, "\(format): \(back.body.string)")
            }
            #expect(try await lines(journey)["10052-002"]?["callOffId"] as? String == "=CMD()")
            // Another delivery partner's export holds none of these practices.
            let theirs = try await call.send(.GET, "/api/v1/exports/orders", as: world.token(.otherDeliveryPartner)).body.string
            #expect(!theirs.contains("A81001"))
        }
    }

    @Test func aFileThatCannotBeReadIsNamedAndNothingIsImported() async throws {
        try await withCutover { app, world in
            let call = Call(app: app)
            _ = try await migration(call, world)
            let missing = try await upload(call, world, .deliveryPartner, "Practice,Product\nA81001,x\n")
            #expect(missing.status == .unprocessableEntity && (missing.json["fileError"] as? String)?.contains("Service Recipient ID") == true)
            var latin1 = ByteBuffer(string: Self.header + "\nA81001,Caf")
            latin1.writeBytes([0xE9])
            latin1.writeString(",10052,10052-002,,,\n")
            var headers = HTTPHeaders()
            headers.bearerAuthorization = BearerAuthorization(token: world.token(.deliveryPartner))
            headers.contentType = HTTPMediaType(type: "text", subType: "csv")
            let notUTF8 = try await app.testing().sendRequest(.POST, "/api/v1/imports/orders", headers: headers, body: latin1)
            #expect(notUTF8.status == .unprocessableEntity && (notUTF8.json["fileError"] as? String)?.contains("line 2 is not UTF-8") == true, "\(notUTF8.body.string)")
            // A byte-order mark, a quoted name with a comma and a line break, LF endings.
            let bom = "\u{FEFF}" + Self.header + "\nA81001,\"Aire Valley, \"\"the\"\"\nSurgery\",10052,10052-002,C1,,\nA81001,,10034,10034-005,C1,,\n"
            let read = try await upload(call, world, .deliveryPartner, bom, query: "?dryRun=true")
            #expect(read.status == .ok && read.json["rows"] as? Int == 2, "\(read.body.string)")
            // Vision 3 is not part of this migration: reported on its line (4, after the line break).
            #expect((read.json["leftOut"] as? [[String: Any]])?.first?["line"] as? Int == 4, "\(read.body.string)")
            let unclosed = try await upload(call, world, .deliveryPartner, Self.header + "\nA81001,\"Never closed,10052,10052-002,,,\n" + String(repeating: "x,", count: 3000))
            #expect(unclosed.status == .unprocessableEntity && (unclosed.json["fileError"] as? String)?.contains("closing quote") == true, "\(unclosed.body.string)")
        }
    }
}
