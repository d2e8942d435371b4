extension AccessPolicy {
    /// Whether a plan's entry belongs in `actor`'s own calendar: the go-live of every
    /// migration they may see, and the deadlines their side owns. (A migration's own
    /// calendar carries all of its plan, as its page does.)
    public func follows(_ actor: Actor, _ parties: MigrationParties, _ event: PlanEvent) -> Bool {
        guard canSee(actor, parties) else { return false }
        if event.isGoLive { return true }
        guard let owner = event.owner else { return false }
        return relations(of: actor, to: parties).contains { $0.party == owner }
    }
}
