/// Where a migration stands as a whole. Phases track the detail; the status gates which
/// workflow steps make sense.
public enum MigrationStatus: String, CaseIterable, Sendable, Codable {
    /// Business case recorded, waiting for the commissioner.
    case proposed
    /// Business case approved and funded.
    case approved
    /// Registered for tracking: Schedule As and extracts can start.
    case registered
    /// The new system is live; run-off and post go-live work continue.
    case live
    /// End of migration reached.
    case completed

    public var title: String {
        switch self {
        case .proposed: "Proposed"
        case .approved: "Approved"
        case .registered: "In progress"
        case .live: "Live"
        case .completed: "Completed"
        }
    }

    /// The commissioner approves a proposed business case, not one it returned to the
    /// practice until the practice revises it.
    public func approving(returned: ReturnedBusinessCase? = nil) throws(WorkflowError) -> MigrationStatus {
        guard self == .proposed else { throw .wrongState("the business case was already approved") }
        if let returned {
            throw .wrongState("the business case was returned to the practice on \(returned.returnedOn.longDescription); approve it once the practice has revised it")
        }
        return .approved
    }

    /// Registration follows approval: the guide registers an agreed, funded migration.
    public func registering() throws(WorkflowError) -> MigrationStatus {
        switch self {
        case .proposed: throw .wrongState("the commissioner must approve the business case before the migration is registered")
        case .approved: return .registered
        default: throw .wrongState("the migration is already registered")
        }
    }

    /// The end needs the deployment survey recorded in the order records (confirmed), or
    /// supplier payments go wrong.
    public func ending(deploymentSurveyConfirmed: Bool) throws(WorkflowError) -> MigrationStatus {
        guard self == .live else {
            throw .wrongState(self == .completed ? "the migration has already ended" : "a migration ends only after its go-live")
        }
        guard deploymentSurveyConfirmed else { throw .wrongState("the deployment survey must be confirmed in the order records before the migration ends") }
        return .completed
    }

    /// Steps of the tracked workflow (Schedule As, extracts, bookings) need a registered,
    /// not yet finished migration.
    public func requireTracking(_ verb: String) throws(WorkflowError) {
        switch self {
        case .registered, .live: return
        case .proposed, .approved: throw .wrongState("register the migration before you \(verb)")
        case .completed: throw .wrongState("the migration has ended, so you can no longer \(verb)")
        }
    }

    /// Steps that change the plan are closed once the migration has ended.
    public func requireOpen(_ verb: String) throws(WorkflowError) {
        if self == .completed { throw .wrongState("the migration has ended, so you can no longer \(verb)") }
    }
}
