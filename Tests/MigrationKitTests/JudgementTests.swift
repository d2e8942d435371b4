import Foundation
import Testing
@testable import MigrationKit

/// A judgement gives each reader the status their own findings give, and survives being
/// kept as JSON (the lists read it back).
@Suite struct JudgementTests {
    let rules = TrackingRuleTests()
    var parties: MigrationParties {
        MigrationParties(practice: TrackingRuleTests.id(1), commissioner: TrackingRuleTests.id(2), deliveryPartner: TrackingRuleTests.id(3),
                         sourceSupplier: rules.sourceSupplier, targetSupplier: rules.targetSupplier, subsidiarySuppliers: [rules.docManSupplier])
    }

    /// The go-live confirmed, but the decommission Schedule A not called off and no extract
    /// requested from either supplier: findings for the whole migration and for each
    /// supplier alone.
    var state: MigrationState {
        rules.state(today: "2027-04-16", scheduleAs: [rules.scheduleA(.target, .accepted, confirmedGoLive: "2027-06-14")], extractSuppliers: [rules.emis, rules.docMan])
    }

    func actor(_ organisation: UUID, _ kind: OrganisationKind) -> Actor {
        Actor(userID: TrackingRuleTests.id(99), organisationID: organisation, kind: kind, role: .member)
    }

    @Test func eachReaderGetsTheStatusOfTheFindingsTheyMayRead() {
        let judgement = Judgement(state, parties: parties, day: state.today)
        let findings = RuleSet<MigrationState>.tracking.evaluate(state)
        let audiences = Set(findings.map(\.audience))
        #expect(audiences == [.wholeMigration, .extract(supplier: rules.sourceSupplier)])
        let policy = AccessPolicy()
        let readers = [
            actor(parties.practice, .practice), actor(parties.commissioner, .commissioner), actor(parties.deliveryPartner, .deliveryPartner),
            actor(rules.targetSupplier, .supplier), actor(rules.sourceSupplier, .supplier), actor(rules.docManSupplier, .supplier),
        ]
        var statuses = Set<RAG>()
        for reader in readers {
            let own = RAG(findings: findings.filter { policy.seesFinding(reader, parties, $0) })
            #expect(judgement.rag(for: reader, policy: policy) == own, "\(reader.kind) \(reader.organisationID)")
            statuses.insert(own)
        }
        #expect(statuses.count == 3, "red for the whole migration, red for EMIS's extract, green for the others")
        #expect(judgement.overdueDeadlines == state.overdueDeadlines.count)
        #expect(judgement.nextDeadline?.id == state.nextDeadline?.key)
    }

    @Test func aKeptJudgementReadsBackTheSame() throws {
        let judgement = Judgement(state, parties: parties, day: state.today)
        let read = try JSONDecoder().decode(Judgement.self, from: JSONEncoder().encode(judgement))
        #expect(read == judgement)
        for audience: Finding.Audience in [.everyone, .wholeMigration, .scheduleA(supplier: rules.targetSupplier), .extract(supplier: rules.docManSupplier)] {
            #expect(try JSONDecoder().decode(Finding.Audience.self, from: JSONEncoder().encode(audience)) == audience)
        }
        for bad in [#""extract""#, #""everyone:x""#, #""schedule-a:not-an-id""#, #""nobody""#] {
            #expect(throws: DecodingError.self) { try JSONDecoder().decode(Finding.Audience.self, from: Data(bad.utf8)) }
        }
    }

    @Test func theStatusInWords() {
        let amber = RAG(colour: .amber, reason: "Give EPS notice: due Wednesday 5 May 2027.")
        #expect(amber.words(for: .registered) == "Amber: Give EPS notice: due Wednesday 5 May 2027.")
        #expect(RAG(findings: []).words(for: .completed) == "Completed")
        #expect(RAG(findings: []).words(for: .live) == "Green: Nothing is late or at risk")
    }

    @Test func noGoLiveIsNothingToJudge() {
        let judgement = Judgement(nil, parties: parties, day: state.today)
        #expect(judgement.rag(for: actor(parties.practice, .practice), policy: AccessPolicy()).colour == .green)
        #expect(judgement.nextDeadline == nil && judgement.overdueDeadlines == 0 && judgement.deadlineStatus == "on-track")
    }
}
