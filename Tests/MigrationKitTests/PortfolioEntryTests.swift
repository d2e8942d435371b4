import Foundation
import Testing
@testable import MigrationKit

/// What a migration adds to the portfolio's sums: kept for the audiences that see it (the
/// same answer as `canSee`), subtracted exactly on the next change, and stored as text
/// that reads back as the same entry.
@Suite struct PortfolioEntryTests {
    static let today = SeenMigrationTests.today

    @Test func anActorsAudienceIsAmongAMigrationsExactlyWhenTheActorSeesIt() {
        let policy = AccessPolicy()
        for who in AccessPolicyTests.Who.allCases {
            for parties in [AccessPolicyTests.ours, AccessPolicyTests.theirs] {
                let actor = who.actor()
                #expect(AccessPolicy.audiences(of: parties).contains(AccessPolicy.audience(of: actor)) == policy.canSee(actor, parties), "\(who)")
            }
        }
        // Generated: a few organisations playing any part, one supplier often playing two.
        var random = SplitMix64(seed: 45)
        let pool = (1...5).map(AccessPolicyTests.id)
        func any() -> UUID { pool[Int(random.next() % UInt64(pool.count))] }
        var seen = 0, unseen = 0
        for _ in 0..<2_000 {
            let parties = MigrationParties(practice: any(), commissioner: any(), deliveryPartner: any(), sourceSupplier: any(), targetSupplier: any(),
                                           subsidiarySuppliers: random.next() % 2 == 0 ? [] : [any()])
            let kind = OrganisationKind.allCases[Int(random.next() % UInt64(OrganisationKind.allCases.count))]
            let actor = Actor(userID: UUID(), organisationID: any(), kind: kind, role: .member)
            let sees = policy.canSee(actor, parties)
            #expect(AccessPolicy.audiences(of: parties).contains(AccessPolicy.audience(of: actor)) == sees, "\(kind) \(actor.organisationID) on \(parties)")
            if sees { seen += 1 } else { unseen += 1 }
        }
        #expect(seen > 100 && unseen > 100)
    }

    static let supplier = AccessPolicyTests.id(5)
    static let entry = PortfolioEntry(
        audiences: [.national, Audience(key: "commissioner:C")], phase: 3, status: .registered, goLive: workflowDay("2027-06-14"),
        newSystemSupplier: supplier, openDeadlines: [workflowDay("2027-03-01"), workflowDay("2027-01-04"), workflowDay("2027-03-01")])

    @Test func anEntryCountsItsStageGoLiveAndOpenDeadlinesForEachAudience() {
        let counts = Self.entry.counts
        for audience in [Audience.national, Audience(key: "commissioner:C")] {
            func n(_ measure: PortfolioEntry.Measure, _ value: String) -> Int? { counts[.init(audience: audience, measure: measure, value: value)] }
            #expect(n(.stage, "3 registered") == 1)
            #expect(n(.goLiveWeek, "2027-06-14 \(Self.supplier.uuidString)") == 1)
            #expect(n(.due, "2027-03-01") == 2 && n(.due, "2027-01-04") == 1)
            #expect(n(.firstDue, "2027-01-04") == 1 && n(.firstDue, "2027-03-01") == nil)
        }
        #expect(counts.count == 2 * 5)
        // The values read back.
        #expect(PortfolioEntry.stage(of: "3 registered")! == (3, .registered))
        #expect(PortfolioEntry.goLiveWeek(of: "2027-06-14 \(Self.supplier.uuidString)")! == (workflowDay("2027-06-14"), Self.supplier))
        for bad in ["", "3", "3 gone", "x registered", "2027-06-14", "2027-06-14 x", "2027-06-14" + Self.supplier.uuidString, "2027-02-30 \(Self.supplier.uuidString)"] {
            #expect(PortfolioEntry.stage(of: bad) == nil && PortfolioEntry.goLiveWeek(of: bad) == nil, "\(bad)")
        }
        let wednesday = PortfolioEntry(audiences: [.national], phase: 3, status: .registered, goLive: workflowDay("2027-06-16"),
                                       newSystemSupplier: Self.supplier, openDeadlines: [])
        #expect(wednesday.counts[.init(audience: .national, measure: .goLiveWeek, value: "2027-06-14 \(Self.supplier.uuidString)")] == 1)
    }

    @Test func aChangeMovesOnlyTheSumsThatDiffer() {
        #expect(PortfolioEntry.change(from: Self.entry, to: Self.entry).isEmpty)
        #expect(PortfolioEntry.change(from: nil, to: Self.entry) == Self.entry.counts)
        // One deadline met: the day it was due loses one, nothing else moves.
        let met = PortfolioEntry(
            audiences: [.national, Audience(key: "commissioner:C")], phase: 3, status: .registered, goLive: workflowDay("2027-06-14"),
            newSystemSupplier: Self.supplier, openDeadlines: [workflowDay("2027-03-01"), workflowDay("2027-01-04")])
        let change = PortfolioEntry.change(from: Self.entry, to: met)
        #expect(change == [
            .init(audience: .national, measure: .due, value: "2027-03-01"): -1,
            .init(audience: Audience(key: "commissioner:C"), measure: .due, value: "2027-03-01"): -1,
        ])
        // Old counts plus the change are the new counts, whatever the two entries.
        var random = SplitMix64(seed: 46)
        for _ in 0..<200 {
            let (a, b) = (Self.generated(&random), Self.generated(&random))
            var sums = a.counts
            for (bucket, n) in PortfolioEntry.change(from: a, to: b) { sums[bucket, default: 0] += n }
            #expect(sums.filter { $0.value != 0 } == b.counts)
        }
    }

    @Test func anEntryReadsBackFromItsText() throws {
        var random = SplitMix64(seed: 47)
        for entry in [Self.entry] + (0..<200).map({ _ in Self.generated(&random) }) {
            #expect(PortfolioEntry(text: entry.text) == entry, "\(entry.text)")
        }
        for text in ["", "national|3|registered|2027-06-14|\(Self.supplier.uuidString)", "national|x|registered||\(Self.supplier.uuidString)|",
                     "national|3|registered|2027-13-40|\(Self.supplier.uuidString)|", "national|3|registered||\(Self.supplier.uuidString)|2027-01-04,soon"] {
            #expect(PortfolioEntry(text: text) == nil, "\(text)")
        }
    }

    @Test func aMigrationsOpenDeadlinesAreItsPlansDeadlinesNotYetMet() {
        var random = SplitMix64(seed: 48)
        var open = 0, met = 0
        for _ in 0..<300 {
            let migration = MigrationStepsTests.withGoLiveAndSurvey(SeenMigrationTests.migration(&random), &random)
            let state = migration.state(today: Self.today)
            let entry = migration.portfolioEntry(state: state)
            #expect(Set(entry.audiences) == AccessPolicy.audiences(of: migration.parties))
            #expect(entry.goLive == migration.record.planGoLive && entry.status == migration.record.status)
            guard let state else { #expect(entry.openDeadlines.isEmpty); continue }
            let done = state.deadlinesDone
            #expect(entry.openDeadlines == state.plan.deadlines.filter { !done.contains($0.key) }.map(\.due).sorted())
            open += entry.openDeadlines.count
            met += state.plan.deadlines.count - entry.openDeadlines.count
        }
        #expect(open > 0 && met > 0)
    }

    static func generated(_ random: inout SplitMix64) -> PortfolioEntry {
        let audiences: [Audience] = [.national, Audience(key: "commissioner:C"), Audience(key: "supplier:S"), Audience(key: "practice:P")]
        let start = workflowDay("2027-01-01")
        return PortfolioEntry(
            audiences: Set(audiences.filter { _ in random.next() % 3 != 0 }), phase: 1 + Int(random.next() % 9),
            status: MigrationStatus.allCases[Int(random.next() % UInt64(MigrationStatus.allCases.count))],
            goLive: random.next() % 4 == 0 ? nil : start + Int(random.next() % 30), newSystemSupplier: AccessPolicyTests.id(1 + Int(random.next() % 2)),
            openDeadlines: (0..<Int(random.next() % 6)).map { _ in start + Int(random.next() % 20) })
    }
}
