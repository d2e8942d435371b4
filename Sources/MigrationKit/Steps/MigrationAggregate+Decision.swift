import Foundation

/// The steps before tracking: the business case, the provisional go-live and registration.
/// Each checks its command (`check`, the rule the pages' forms ask too) and changes this
/// copy of the migration; the server saves what changed and audits it.
extension MigrationAggregate {
    public mutating func approveBusinessCase(fundingAmount: Int, fundingSource: String, by user: UUID, today: Day) throws(WorkflowError) {
        try check(.approveBusinessCase, today: today)
        record.status = try record.status.approving(returned: record.returnedBusinessCase)
        record.approvedBy = user
        record.approvedOn = today
        record.fundingAmount = fundingAmount
        record.fundingSource = fundingSource
    }

    @discardableResult
    public mutating func returnBusinessCase(reason: String, today: Day) throws(WorkflowError) -> ReturnedBusinessCase {
        try check(.returnBusinessCase, today: today)
        let returned = try ReturnedBusinessCase.returning(reason: reason, on: today, status: record.status, current: record.returnedBusinessCase)
        record.returnedBusinessCase = returned
        return returned
    }

    /// The practice's revised case, which answers the commissioner's return.
    public mutating func reviseBusinessCase(_ revised: BusinessCase, today: Day) throws(WorkflowError) {
        try check(.reviseBusinessCase(reason: record.returnedBusinessCase?.reason ?? ""), today: today)
        try ReturnedBusinessCase.revising(status: record.status, current: record.returnedBusinessCase)
        record.businessCase = revised
        record.returnedBusinessCase = nil
    }

    /// What giving `goLive` as the provisional go-live is: agreeing to the day proposed, or
    /// proposing another.
    public func provisionalGoLiveAction(_ goLive: Day) -> WorkflowAction {
        record.provisionalGoLive == goLive ? .agreeProvisionalGoLive : .proposeProvisionalGoLive
    }

    /// Proposes `goLive` as the provisional go-live, or agrees to it when it is the day
    /// proposed, as the party `actor` takes the step for. Answers whether a new day was
    /// proposed (rather than agreed to).
    @discardableResult
    public mutating func giveProvisionalGoLive(_ goLive: Day, by actor: Actor, policy: AccessPolicy, today: Day) throws(WorkflowError) -> Bool {
        let action = provisionalGoLiveAction(goLive)
        try check(action == .agreeProvisionalGoLive ? .agreeProvisionalGoLive(goLive) : .proposeProvisionalGoLive(current: record.provisionalGoLive), today: today)
        guard let party = policy.party(of: actor, taking: action, on: parties) else { throw .notFound("migration") }
        let agreed = try ProvisionalGoLive.proposing(goLive, by: party, on: today, replacing: record.provisional)
        let proposed = agreed.day != record.provisionalGoLive
        record.provisional = agreed
        return proposed
    }

    public mutating func register(reference: String?, today: Day) throws(WorkflowError) {
        try check(.register, today: today)
        record.status = try record.status.registering()
        record.registeredOn = today
        record.registrationReference = reference
    }
}
