import Foundation
import Testing
@testable import MigrationKit

/// Every supplier whose data moves is asked within its own notice period, so the plan has
/// one extract request deadline per supplier. Go-live Monday 14 June 2027: initial data
/// production on Wednesday 19 May.
@Suite struct ExtractDeadlineTests {
    static func day(_ text: String) -> Day { try! Day(parsing: text) }
    let emis = ExtractSupplier(supplier: UUID(uuidString: "00000000-0000-0000-0000-000000000004")!, name: "EMIS Health", noticeDays: 35)
    let docman = ExtractSupplier(supplier: UUID(uuidString: "5F0C2A9E-0000-4000-8000-00000000D0C5")!, name: "Advanced", noticeDays: 21)

    var plan: Plan { Planner(extractSuppliers: [emis, docman]).plan(goLive: Self.day("2027-06-14")) }

    @Test func eachSupplierHasItsOwnDeadlineFromItsOwnNotice() {
        let extracts = plan.deadlines.filter { $0.kind == .dataExtractRequest }
        #expect(extracts.map(\.id) == ["data-extract-request", "data-extract-request-5f0c2a9e-0000-4000-8000-00000000d0c5"])
        // 19 May less 35 days is Wednesday 14 April; less 21 days, Wednesday 28 April.
        #expect(extracts.map(\.due) == [Self.day("2027-04-14"), Self.day("2027-04-28")])
        #expect(extracts.map(\.title) == ["Send the data extract request to EMIS Health", "Send the data extract request to Advanced"])
        #expect(extracts.allSatisfy { $0.owner == .deliveryPartner && $0.phase == .preMigration })
        #expect(plan.deadline(.dataExtractRequest).due == Self.day("2027-04-14"), "the old system's is the kind's own")
    }

    @Test func withoutSuppliersThePlanKeepsOneDeadlineFromTheTemplate() {
        let extracts = Planner().plan(goLive: Self.day("2027-06-14")).deadlines.filter { $0.kind == .dataExtractRequest }
        #expect(extracts.map(\.id) == ["data-extract-request"])
        #expect(extracts.map(\.title) == [DeadlineKind.dataExtractRequest.title])
    }

    @Test func aSubsidiarySuppliersDeadlineIsMetByItsOwnRequestOnly() {
        func state(askedOf suppliers: [ExtractSupplier]) -> MigrationState {
            MigrationState(
                plan: plan, planner: Planner(extractSuppliers: [emis, docman]), today: Self.day("2027-05-03"), status: .registered,
                extractSuppliers: [emis, docman],
                extractRequests: suppliers.map { DataExtractRequest(supplier: $0.supplier, status: .formRequested, requestedOn: Self.day("2027-04-01")) })
        }
        let docmanDeadline = DeadlineID(.dataExtractRequest, supplier: docman.supplier)
        #expect(state(askedOf: [emis]).deadlinesDone == [DeadlineID(.dataExtractRequest)])
        #expect(state(askedOf: [docman]).deadlinesDone == [docmanDeadline])
        #expect(state(askedOf: [emis, docman]).deadlinesDone == [DeadlineID(.dataExtractRequest), docmanDeadline])
        // Missed: the subsidiary's deadline passed on 28 April with no request.
        #expect(state(askedOf: [emis]).overdueDeadlines.map(\.key).contains(docmanDeadline))
        #expect(!state(askedOf: [emis, docman]).overdueDeadlines.map(\.key).contains(docmanDeadline))
    }

    @Test func aLongerSubsidiaryNoticeMovesTheEarliestGoLive() {
        let today = Self.day("2027-01-04")
        let alone = Planner(extractSuppliers: [emis]).earliestFeasibleGoLive(from: today)!
        let slowSubsidiary = ExtractSupplier(supplier: docman.supplier, name: "Advanced", noticeDays: 120)
        let withSlow = Planner(extractSuppliers: [emis, slowSubsidiary]).earliestFeasibleGoLive(from: today)!
        #expect(withSlow > alone)
        let plan = Planner(extractSuppliers: [emis, slowSubsidiary]).plan(goLive: withSlow)
        #expect(plan.deadlines.allSatisfy { $0.due >= today })
    }

    @Test func deadlineIdsReadBackFromTheirText() {
        for id in [DeadlineID(.training), DeadlineID(.dataExtractRequest), DeadlineID(.dataExtractRequest, supplier: docman.supplier)] {
            #expect(DeadlineID(rawValue: id.rawValue) == id)
        }
        #expect(DeadlineID(rawValue: "data-extract-request-not-a-uuid") == nil)
        #expect(DeadlineID(rawValue: "training-5f0c2a9e-0000-4000-8000-00000000d0c5") == nil, "only extract requests are per supplier")
        #expect(DeadlineID(rawValue: "") == nil)
    }
}
