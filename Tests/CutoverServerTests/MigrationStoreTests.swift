import Foundation
import MigrationKit
import SQLiteKit
import SQLKit
import Testing
@testable import CutoverServer

/// The store reads back exactly what it wrote, every column of every kind of record.
@Suite struct MigrationStoreTests {
    /// A column left out of a table's list would come back as NULL, silently.
    @Test func everyRecordTableReadsEveryColumnOfItsRow() {
        func check<Row: StoredRow>(_ type: Row.Type, _ keys: [String]) {
            #expect(Row.columns.map(\.name).sorted() == keys.sorted(), "\(Row.table)")
        }
        check(ScheduleARow.self, ScheduleARow.CodingKeys.allCases.map(\.rawValue))
        check(ExtractRequestRow.self, ExtractRequestRow.CodingKeys.allCases.map(\.rawValue))
        check(NoticeRow.self, NoticeRow.CodingKeys.allCases.map(\.rawValue))
        check(MilestoneRow.self, MilestoneRow.CodingKeys.allCases.map(\.rawValue))
        check(SignOffRow.self, SignOffRow.CodingKeys.allCases.map(\.rawValue))
        check(ActionItemRow.self, ActionItemRow.CodingKeys.allCases.map(\.rawValue))
        check(OrderLineRow.self, OrderLineRow.CodingKeys.allCases.map(\.rawValue))
        check(DeploymentSurveyRow.self, DeploymentSurveyRow.CodingKeys.allCases.map(\.rawValue))
        #expect(MigrationRow.columns.map(\.name).sorted() == MigrationRow.CodingKeys.allCases.map(\.rawValue).sorted())
        #expect(RecordTables.records.count == 7, "the milestones are read packed, one row a migration")
    }

    /// Milestones read packed (`PackedMilestones`) come back whole, and a text that does not
    /// read as milestones is an error naming its migration, never a milestone lost.
    @Test func packedMilestonesReadBackWhole() throws {
        let migration = UUID(), id = UUID()
        let rows = try PackedMilestones.rows("\(id.uuidString.lowercased()),3,2027-01-04,2027-01-08,,2027-01-09;\(UUID()),4,,,,", of: migration)
        #expect(rows.count == 2)
        #expect(rows[0] == MilestoneRow(id: id, migrationID: migration, phase: 3, plannedStart: try Day(year: 2027, month: 1, day: 4),
                                        plannedEnd: try Day(year: 2027, month: 1, day: 8), actualEnd: try Day(year: 2027, month: 1, day: 9)))
        #expect(rows[1].plannedStart == nil && rows[1].actualEnd == nil)
        #expect(try PackedMilestones.rows("\(id),3,,,,;;\(id),15,,,,2027-01-09", of: migration).map(\.phase) == [3, 15])
        for corrupt in ["\(id),3,2027-01-04", "not-an-id,3,,,,", "\(id),3,2027-02-30,,,", "\(id),3,,,,,", "\(id),x,,,,", "\(id),,,,,", "\(id),1234,,,,"] {
            #expect(throws: DecodingError.self, "\(corrupt)") { try PackedMilestones.rows(corrupt, of: migration) }
        }
    }

    /// A save writes only the columns that changed (`aSavedMigrationLoadsBackAsItWasSaved`
    /// reads back what it wrote): a new version alone changes two.
    @Test func aNewVersionChangesItsVersionAndTime() throws {
        let row = MigrationRow(id: UUID(), practiceID: UUID(), sourceProductID: UUID(), targetProductID: UUID(), practiceOrgID: UUID(), commissionerID: UUID(),
                               deliveryPartnerID: UUID(), sourceSupplierID: UUID(), targetSupplierID: UUID(), status: .proposed, currentPhase: 1, createdAt: testNow)
        var later = row
        later.version = 2
        later.updatedAt = testNow + 60
        #expect(try ColumnChanges.between(row, later).map(\.0) == ["version", "updated_at"])
        var approved = later
        approved.approvedOn = try Day(year: 2027, month: 1, day: 4)
        #expect(try ColumnChanges.between(later, approved).map(\.0) == ["approved_on"])
        #expect(try ColumnChanges.between(approved, later).map(\.0) == ["approved_on"], "a value set to nil is a change")
    }

    /// The changed columns are bound as SQLKit's own encoder binds them, so the driver stores
    /// the same value (a UUID as text, a day as its text, a time as a number); a value set to
    /// nil is NULL.
    @Test func changedColumnsAreBoundAsSQLKitBindsThem() throws {
        let empty = MigrationRow(id: UUID(), practiceID: UUID(), sourceProductID: UUID(), targetProductID: UUID(), practiceOrgID: UUID(), commissionerID: UUID(),
                                 deliveryPartnerID: UUID(), sourceSupplierID: UUID(), targetSupplierID: UUID(), status: .proposed, currentPhase: 1, createdAt: testNow)
        var full = MigrationRow(id: UUID(), practiceID: UUID(), sourceProductID: UUID(), targetProductID: UUID(), practiceOrgID: UUID(), commissionerID: UUID(),
                                deliveryPartnerID: UUID(), sourceSupplierID: UUID(), targetSupplierID: UUID(), status: .approved, currentPhase: 4, createdAt: testNow + 1)
        let day = try Day(year: 2027, month: 3, day: 1)
        (full.drivers, full.considerations, full.strategicFit) = ("cost", "staff", "good")
        (full.businessCaseReturnedOn, full.businessCaseReturnReason, full.approvedBy, full.approvedOn) = (day, "more", UUID(), day)
        (full.fundingAmount, full.fundingSource, full.provisionalGoLive, full.confirmedGoLive) = (9_000, "ICB", day, day.adding(days: 7))
        (full.actualGoLive, full.endedOn, full.registeredOn, full.registrationReference) = (day.adding(days: 8), day.adding(days: 9), day, "REF-1")
        (full.kickOffOn, full.surveyOn, full.overridesJSON, full.blackoutsJSON) = (day, day, "{\"a\":1}", "[1]")
        (full.metDeadlinesJSON, full.provisionalGoLiveAgreementsJSON, full.outcomePhases) = ("{\"b\":1}", "{\"c\":1}", "1,2")
        (full.version, full.updatedAt) = (7, testNow + 99)

        func stored(_ columns: [(String, any SQLExpression)]) throws -> [String: SQLiteData?] {
            try Dictionary(uniqueKeysWithValues: columns.map { column, value in
                (column, try (value as? SQLBind).map { try SQLiteDataEncoder().encode($0.encodable) })
            })
        }
        let sqlKit = try stored(SQLQueryEncoder(nilEncodingStrategy: .asNil).encode(full))
        #expect(sqlKit.count == MigrationRow.CodingKeys.allCases.count)
        #expect(try stored(ColumnChanges.between(empty, full)) == sqlKit, "every column differs")
        let cleared = try stored(ColumnChanges.between(full, empty))
        #expect(cleared["approved_on"] == .some(nil) && cleared["funding_amount"] == .some(nil), "NULL, not a bound value")
        #expect(cleared["id"] == .some(try SQLiteDataEncoder().encode(empty.id)))
        #expect(cleared.count == MigrationRow.CodingKeys.allCases.count)
    }

    /// Every optional field filled, saved, and loaded again, alone and among others.
    @Test func aSavedMigrationLoadsBackAsItWasSaved() async throws {
        try await withCutover { app, world in
            let call = Call(app: app)
            let first = try #require(UUID(uuidString: try await world.createMigration(call)))
            let read = try #require(try await MigrationStore(app.db).load(first))
            var next = read
            let day = try Day(year: 2027, month: 2, day: 3)
            var scheduleA = ScheduleARow(migrationID: first, ScheduleA(kind: .target, supplier: read.record.targetSupplierID, product: read.record.targetProductID, status: .accepted, calledOffOn: day))
            scheduleA.commissionerDecidedOn = day
            scheduleA.supplierDecidedOn = day.adding(days: 1)
            scheduleA.rejectionReason = "dates"
            scheduleA.confirmedGoLive = day.adding(days: 40)
            scheduleA.proposedGoLivesJSON = "[\"2027-03-20\"]"
            var extract = ExtractRequestRow(migrationID: first, DataExtractRequest(supplier: read.record.sourceSupplierID, status: .transferred, requestedOn: day))
            extract.formSentOn = day
            extract.formReturnedOn = day.adding(days: 2)
            extract.dataProductionDaysJSON = "[\"2027-03-01\"]"
            extract.transferredOn = day.adding(days: 30)
            next.scheduleAs.append(scheduleA)
            next.extractRequests.append(extract)
            next.notices.append(NoticeRow(id: UUID(), migrationID: first, recipient: "Pharmacy", service: .other, sentOn: day))
            next.milestones[0].plannedStart = day
            next.milestones[0].plannedEnd = day.adding(days: 5)
            next.milestones[0].actualStart = day
            next.milestones[0].actualEnd = day.adding(days: 6)
            next.signOffs.append(SignOffRow(id: UUID(), migrationID: first, kind: .goLiveData, userID: UUID(), signerName: "Sam", signedOn: day, comment: "fine"))
            next.deploymentSurveys.append(DeploymentSurveyRow(migrationID: first, DeploymentSurvey(goLive: day, score: 4, comments: "fine", submittedBy: UUID(), submittedOn: day)))
            next.orderLines.append(OrderLineRow(migrationID: first, OrderLine(product: read.targetProduct.id, callOffID: "C0001-01", m1Planned: day, m2: day.adding(days: 40))))
            next.actionItems.append(ActionItemRow(id: UUID(), migrationID: first, title: "Call", phase: 3, owner: .practice, due: day, status: .done))
            // Columns of the migration's own row, which a save writes only when they change.
            next.record.registrationReference = "REF-9"
            next.record.fundingAmount = 12_000
            next.record.blackouts = [Blackout(range: try DayRange(day, day.adding(days: 2)), reason: "audit")]
            next.record.metDeadlines = ["links-switch-off": day]
            #expect(Set(try ColumnChanges.between(read.record, next.record).map(\.0)) == ["registration_reference", "funding_amount", "blackouts", "met_deadlines"])
            let changed = next
            let saved = try await app.db.transaction { db in try await MigrationStore(db).save(changed, over: read, at: testNow) }

            let created = try await call.send(.POST, "/api/v1/migrations", as: world.token(.deliveryPartner),
                                              json: World.newMigrationJSON.replacingOccurrences(of: "A81001", with: "A81003"))
            #expect(created.status == .created, "\(created.body.string)")
            let second = try #require(UUID(uuidString: created.json["id"] as? String ?? ""))
            let both = try await MigrationStore(app.db).load([second, first])
            #expect(both.map(\.id) == [second, first])
            #expect(both[1] == saved)
            #expect(try await MigrationStore(app.db).load(first) == saved)
            #expect(both[0] == (try await MigrationStore(app.db).load(second)))
            #expect(both[0].scheduleAs.isEmpty && both[0].signOffs.isEmpty)
        }
    }

    /// A list comes soonest go-live first and migrations with none last, whatever order
    /// they were made in (the order the list indexes walk, M029 and M047).
    @Test func listsComeInGoLiveOrderWithNoneLast() async throws {
        try await withCutover { app, world in
            let call = Call(app: app)
            let noDate = World.newMigrationJSON.replacingOccurrences(of: #""provisionalGoLive": "2027-06-14", "#, with: "")
                .replacingOccurrences(of: "A81001", with: "A81003")
            let undated = try await call.send(.POST, "/api/v1/migrations", as: world.token(.deliveryPartner), json: noDate)
            #expect(undated.status == .created, "\(undated.body.string)")
            let dated = try await world.createMigration(call)
            for path in ["/api/v1/migrations", "/api/v1/migrations?status=proposed&phase=decision-and-funding"] {
                let list = try await call.send(.GET, path, as: world.token(.deliveryPartner))
                let items = list.json["items"] as? [[String: Any]] ?? []
                #expect(items.map { $0["id"] as? String } == [dated, undated.json["id"] as? String], "\(path)")
                #expect(list.json["total"] as? Int == 2)
            }
        }
    }

    /// Migrations going live on one day come in their practices' ODS code order, whatever
    /// order they were made in, on every list index's walk (M047 keeps each migration's
    /// practice code for it).
    @Test func aDaysGoLivesComeInPracticeCodeOrder() async throws {
        try await withCutover { app, world in
            let call = Call(app: app)
            let codes = ["A81020", "A81014", "A81019", "A81011", "A81017", "A81012"]
            for code in codes {
                let organisation = Organisation(kind: .practice, name: "Surgery \(code)", code: code)
                try await organisation.create(on: app.db)
                let commissioner = world.organisations[.commissioner]!, partner = world.organisations[.deliveryPartner]!
                try await Practice(odsCode: code, name: "Surgery \(code)", organisationID: organisation.id!, commissionerID: commissioner, deliveryPartnerID: partner, listSize: 4000).create(on: app.db)
                let created = try await call.send(.POST, "/api/v1/migrations", as: world.token(.deliveryPartner),
                                                  json: World.newMigrationJSON.replacingOccurrences(of: "A81001", with: code))
                #expect(created.status == .created, "\(created.body.string)")
            }
            for path in ["/api/v1/migrations", "/api/v1/migrations?status=proposed&phase=decision-and-funding"] {
                for role in [World.Role.deliveryPartner, .commissioner, .national] {
                    let list = try await call.send(.GET, path, as: world.token(role))
                    #expect(list.status == .ok)
                    let items = list.json["items"] as? [[String: Any]] ?? []
                    #expect(items.map { $0["practiceOdsCode"] as? String } == codes.sorted(), "\(role) \(path)")
                }
            }
        }
    }
}
