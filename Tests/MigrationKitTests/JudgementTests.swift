import Foundation
import Testing
@testable import MigrationKit

/// A judgement gives each reader the status their own findings give, and survives being
/// kept as text (the lists read it back).
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

    /// A list item's status, read back from its kept judgement, is the one the migration's
    /// page gives each reader, though the judgement keeps only the findings that can be
    /// someone's reason.
    @Test(arguments: [4, 5])
    func aKeptJudgementGivesEachReaderThePagesStatus(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let policy = SeenMigrationTests.policy, today = SeenMigrationTests.today
        var readings = 0, pruned = 0, suppliersWithTheirOwnReason = 0
        for _ in 0..<300 {
            let a = SeenMigrationTests.migration(&random)
            let judgement = a.judgement(today: today)
            let kept = try #require(Judgement(keptText: judgement.keptText))
            if kept.concerns.count < a.findings(today: today).count(where: { $0.severity != .info }) { pruned += 1 }
            for reader in SeenMigrationTests.readers(of: a) where policy.canSee(reader, a.parties) {
                let page = RAG(findings: a.seen(by: reader, policy: policy, today: today).findings)
                #expect(kept.rag(for: reader, policy: policy) == page, "\(reader.kind) on a \(a.record.status) migration")
                // As a list reads it: the concerns alone, and the parties only for those.
                #expect(Judgement.rag(keptText: judgement.keptText, for: reader, policy: policy) == page, "\(reader.kind) on a \(a.record.status) migration")
                readings += 1
                if reader.kind == .supplier, page.colour != .green, page != RAG(findings: a.findings(today: today)) { suppliersWithTheirOwnReason += 1 }
            }
        }
        // The generator reaches what the property is about.
        #expect(readings > 1_000 && pruned > 50 && suppliersWithTheirOwnReason > 10, "\(readings) readings, \(pruned) pruned, \(suppliersWithTheirOwnReason)")
    }

    @Test func aKeptJudgementReadsBackTheSame() throws {
        let judgement = Judgement(state, parties: parties, day: state.today)
        #expect(!judgement.concerns.isEmpty && judgement.nextDeadline != nil)
        #expect(Judgement(keptText: judgement.keptText) == judgement)
        // A message with line breaks and backslashes, and the next deadline a subsidiary
        // supplier's extract request (its id holds the supplier's).
        let odd = Judgement(
            day: state.today, parties: parties,
            concerns: [.init(severity: .critical, message: "Two\nlines \\ and\r\nmore\\", audience: .scheduleA(supplier: rules.targetSupplier)),
                       .init(severity: .warning, message: "", audience: .everyone)],
            nextDeadline: .init(id: DeadlineID(.dataExtractRequest, supplier: rules.docManSupplier), due: state.today + 3), overdueDeadlines: 12)
        #expect(Judgement(keptText: odd.keptText) == odd)
        // What an older release kept (JSON) or a damaged row reads as nothing, to judge again.
        for bad in ["{\"day\":\"2027-04-16\"}", "", judgement.keptText.replacingOccurrences(of: parties.commissioner.uuidString, with: "not-an-id"), judgement.keptText.replacingOccurrences(of: "judgement 1", with: "judgement 2")] {
            #expect(Judgement(keptText: bad) == nil, "\(bad)")
            #expect(Judgement.rag(keptText: bad, for: actor(parties.practice, .practice), policy: AccessPolicy()) == nil, "\(bad)")
        }
        for audience: Finding.Audience in [.everyone, .wholeMigration, .scheduleA(supplier: rules.targetSupplier), .extract(supplier: rules.docManSupplier)] {
            #expect(try JSONDecoder().decode(Finding.Audience.self, from: JSONEncoder().encode(audience)) == audience)
            #expect(Finding.Audience(text: audience.text) == audience)
        }
        for bad in [#""extract""#, #""everyone:x""#, #""schedule-a:not-an-id""#, #""nobody""#] {
            #expect(throws: DecodingError.self) { try JSONDecoder().decode(Finding.Audience.self, from: Data(bad.utf8)) }
        }
    }

    /// `UUID(text:)` reads a well-formed UUID as Foundation's `UUID(uuidString:)` does, and
    /// refuses anything else (where the C library's `sscanf` behind Foundation's lets
    /// through a sign or a space inside a byte).
    @Test func uuidTextReadsAsFoundationDoes() {
        var random = SplitMix64(seed: 20261127)
        let alphabet = Array("0123456789abcdefABCDEF-gz ")
        for round in 0..<20_000 {
            var bytes: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            withUnsafeMutableBytes(of: &bytes) { out in
                for index in out.indices { out[index] = UInt8(truncatingIfNeeded: random.next()) }
            }
            var text = UUID(uuid: bytes).uuidString
            if round % 2 == 0 { text = text.lowercased() }
            if round % 3 == 0 {
                // One character changed, dropped or added somewhere.
                var characters = Array(text)
                let at = Int(random.next() % UInt64(characters.count))
                switch random.next() % 3 {
                case 0: characters[at] = alphabet[Int(random.next() % UInt64(alphabet.count))]
                case 1: characters.remove(at: at)
                default: characters.insert(alphabet[Int(random.next() % UInt64(alphabet.count))], at: at)
                }
                text = String(characters)
            }
            let wellFormed = text.count == 36 && text.enumerated().allSatisfy { offset, character in
                [8, 13, 18, 23].contains(offset) ? character == "-" : character.isHexDigit
            }
            #expect(UUID(text: text) == (wellFormed ? UUID(uuidString: text) : nil), "\(text)")
            if wellFormed { #expect(UUID(text: text) != nil) }
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
