import Foundation
import Testing
@testable import MigrationKit

/// What each person sees of a migration (`MigrationAggregate.seen`), over generated
/// migrations at every status, with subsidiary systems, offers of other dates, extracts,
/// notices and blackouts, read by every kind of organisation: a supplier never sees another
/// supplier's Schedule A, its offer or (unless it receives it) its extract, nor the business
/// case, approval, notices or blackouts; and those who see the migration whole see all of it.
@Suite struct SeenMigrationTests {
    static let policy = AccessPolicy()

    @Test(arguments: [1, 2, 3])
    func aSupplierSeesOnlyWhatConcernsItAndOthersSeeEverything(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        var suppliersChecked = 0, wholeChecked = 0, offersHidden = 0
        for _ in 0..<300 {
            let a = Self.migration(&random)
            for actor in Self.readers(of: a) where Self.policy.canSee(actor, a.parties) {
                let seen = a.seen(by: actor, policy: Self.policy, today: Self.today)
                let org = actor.organisationID
                let context = "\(actor.kind) on a \(a.record.status) migration"
                guard actor.kind == .supplier else {
                    wholeChecked += 1
                    #expect(seen.whole && seen.scheduleAs == a.scheduleAs && seen.extractRequests == a.extractRequests, "\(context)")
                    #expect(seen.notices == a.notices && seen.blackouts == a.record.blackouts && seen.businessCase == a.record.businessCase, "\(context)")
                    #expect(seen.actionItems == a.actionItems && seen.subsidiaries == a.subsidiaries, "\(context)")
                    #expect(seen.findings == a.findings(today: Self.today), "\(context)")
                    continue
                }
                suppliersChecked += 1
                let receivesExtracts = org == a.record.targetSupplierID
                #expect(seen.scheduleAs.allSatisfy { $0.supplierID == org }, "\(context) sees another supplier's Schedule A")
                #expect(seen.extractRequests.allSatisfy { $0.supplierID == org || receivesExtracts }, "\(context) sees another supplier's extract")
                #expect(seen.businessCase == nil && seen.returnedBusinessCase == nil && !seen.approved, "\(context) sees the business case")
                #expect(seen.notices == nil && seen.blackouts.isEmpty, "\(context) sees the notices or blackouts")
                #expect(seen.actionItems.allSatisfy { a.parties.organisation(of: $0.owner) == org }, "\(context) sees another party's action item")
                let othersOffers = a.scheduleAs.filter { $0.supplierID != org }.flatMap(\.proposedGoLives)
                for finding in seen.findings {
                    switch finding.audience {
                    case .everyone: break
                    case .wholeMigration: Issue.record("\(context) reads a finding for the whole migration: \(finding.message)")
                    case .scheduleA(let supplier): #expect(supplier == org, "\(context) reads: \(finding.message)")
                    case .extract(let supplier): #expect(supplier == org || receivesExtracts, "\(context) reads: \(finding.message)")
                    }
                    // The offer's finding names the days as the rule words them.
                    for day in othersOffers {
                        #expect(!finding.message.contains(day.shortDescription), "\(context) reads another supplier's offer in: \(finding.message)")
                    }
                }
                if !othersOffers.isEmpty, a.findings(today: Self.today).contains(where: { $0.rule == GoLiveNotConfirmedRule().id }) {
                    offersHidden += 1
                }
            }
        }
        // The generator reaches what the properties are about.
        #expect(suppliersChecked > 500 && wholeChecked > 500, "\(suppliersChecked) supplier and \(wholeChecked) whole readings")
        #expect(offersHidden > 10, "offers named in findings that other suppliers must not read: \(offersHidden)")
    }

    // MARK: - Generated migrations

    static let today = try! Day(parsing: "2026-11-27")

    static func uuid(_ random: inout SplitMix64) -> UUID {
        let (high, low) = (random.next(), random.next())
        return withUnsafeBytes(of: (high, low)) { UUID(uuid: $0.load(as: uuid_t.self)) }
    }

    /// A migration with its parties, products and records chosen at random: any status, a
    /// go-live around today, up to two subsidiary systems, Schedule As at every stage (the
    /// new supplier's sometimes offering other days), extracts, notices and blackouts.
    static func migration(_ random: inout SplitMix64) -> MigrationAggregate {
        func id() -> UUID { uuid(&random) }
        func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &random) < percent }
        func day(_ range: ClosedRange<Int>) -> Day { today + Int.random(in: range, using: &random) }
        let (source, target) = (id(), id())
        func product(_ kind: ProductKind, _ supplier: UUID, lead: Int?) -> ProductRow {
            ProductRow(id: id(), code: "P\(random.next() % 1000)", name: "\(kind) \(random.next() % 100)", supplierID: supplier,
                       supplierName: "Supplier \(random.next() % 100)", kind: kind, extractLeadDays: lead)
        }
        let sourceProduct = product(.principal, source, lead: 28), targetProduct = product(.principal, target, lead: nil)
        let extra = (0..<Int.random(in: 0...2, using: &random)).map { _ in product(.subsidiary, id(), lead: chance(70) ? 21 : nil) }
            + (chance(40) ? [product(.submodule, target, lead: nil)] : [])
        // Half are under way, where Schedule As, offers and extracts matter most.
        let status = chance(50) ? .registered : MigrationStatus.allCases.randomElement(using: &random)!
        var record = MigrationRow(
            id: id(), practiceID: id(), sourceProductID: sourceProduct.id, targetProductID: targetProduct.id, practiceOrgID: id(),
            commissionerID: id(), deliveryPartnerID: id(), sourceSupplierID: source, targetSupplierID: target, status: status,
            currentPhase: Int.random(in: 1...8, using: &random), createdAt: Date(timeIntervalSince1970: 0))
        let goLive = day(-30...200)
        record.provisionalGoLive = goLive
        record.businessCase = BusinessCase(drivers: "Shared care", considerations: "Training", strategicFit: "ICB plan")
        if chance(50) { record.approvedOn = day(-300 ... -100); record.fundingAmount = 18_500; record.fundingSource = "ICB" }
        if chance(30) { record.blackouts = [Blackout(range: DayRange(uncheckedStart: goLive - 20, end: goLive - 16), reason: "flu clinics")] }
        var a = MigrationAggregate(record: record, practice: PracticeRow(id: record.practiceID, odsCode: "B82001", name: "Practice", listSize: 9_000),
                                   sourceProduct: sourceProduct, targetProduct: targetProduct, extraProducts: extra)
        for (kind, product) in [(ScheduleA.Kind.target, targetProduct), (.decommission, sourceProduct)] + a.submodules.map({ (.submodule, $0) }) where chance(80) {
            let state = ScheduleA.Status.allCases.randomElement(using: &random)!
            // An accepted order either confirms the go-live or offers other days.
            let offered = kind == .target && state == .accepted && chance(60) ? [goLive + 7, goLive + 14] : []
            let confirmed = kind == .target && state == .accepted && offered.isEmpty ? goLive : nil
            let scheduleA = ScheduleA(kind: kind, supplier: product.supplierID, product: product.id, status: state, calledOffOn: day(-120 ... -60),
                                      rejectionReason: state == .rejected ? "Wrong module" : nil, confirmedGoLive: confirmed, proposedGoLives: offered)
            a.scheduleAs.append(ScheduleARow(id: id(), migrationID: a.id, scheduleA))
        }
        for supplier in a.extractSuppliers where chance(60) {
            let state = DataExtractRequest.Status.allCases.randomElement(using: &random)!
            a.extractRequests.append(ExtractRequestRow(id: id(), migrationID: a.id, DataExtractRequest(supplier: supplier.supplier, status: state, requestedOn: day(-90 ... -30))))
        }
        if chance(50) { a.notices.append(NoticeRow(id: id(), migrationID: a.id, recipient: "Pharmacy", service: .eps, sentOn: chance(50) ? day(-20 ... -1) : nil)) }
        for owner in Party.allCases where chance(30) {
            a.actionItems.append(ActionItemRow(id: id(), migrationID: a.id, title: "Check \(owner)", phase: 3, owner: owner, due: day(-10...10), status: .open))
        }
        return a
    }

    /// A member of each organisation party to the migration, another supplier and a
    /// national viewer.
    static func readers(of a: MigrationAggregate) -> [Actor] {
        let p = a.parties
        let organisations: [(UUID, OrganisationKind)] = [
            (p.practice, .practice), (p.commissioner, .commissioner), (p.deliveryPartner, .deliveryPartner),
            (p.sourceSupplier, .supplier), (p.targetSupplier, .supplier), (UUID(), .supplier), (UUID(), .national),
        ] + p.subsidiarySuppliers.map { ($0, .supplier) }
        return organisations.map { Actor(userID: UUID(), organisationID: $0.0, kind: $0.1, role: .member) }
    }
}
