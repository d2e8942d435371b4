/// One thing a party must do in a phase, as the guide describes it.
public struct ChecklistItem: Hashable, Sendable, Codable, Identifiable {
    /// Stable id, e.g. `practice.kick-off.share-third-party-list`; ticks are stored against it.
    public let id: String
    public let party: Party
    public let phase: Phase
    public let text: String

    public init(id: String, party: Party, phase: Phase, text: String) {
        self.id = id
        self.party = party
        self.phase = phase
        self.text = text
    }
}
