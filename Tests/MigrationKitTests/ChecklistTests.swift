import Testing
@testable import MigrationKit

@Suite struct ChecklistTests {
    @Test func everyPhaseAndEveryPartyHasWork() {
        for phase in Phase.allCases {
            #expect(Checklists.all.contains { $0.phase == phase }, "\(phase.id)")
        }
        for party in Party.allCases {
            #expect(Checklists.items(for: party).count >= 5, "\(party.rawValue)")
        }
    }

    @Test func idsAreUniqueAndNameTheirPartyAndPhase() {
        #expect(Set(Checklists.all.map(\.id)).count == Checklists.all.count)
        for item in Checklists.all {
            #expect(item.id.hasPrefix("\(item.party.rawValue).\(item.phase.id)."), "\(item.id)")
            #expect(Checklists.item(id: item.id) == item)
        }
        #expect(Checklists.item(id: "practice.go-live.no-such-thing") == nil)
    }

    @Test func coversTheGuidesLessons() {
        let text = Checklists.all.map(\.text).joined(separator: " ").lowercased()
        for phrase in ["schedule a", "module", "decommission", "extract", "eps", "deployment survey", "read-only", "bowel screening"] {
            #expect(text.contains(phrase), "\(phrase)")
        }
        #expect(Checklists.items(for: .commissioner, in: .procurement).contains { $0.text.lowercased().contains("schedule a") })
    }
}
