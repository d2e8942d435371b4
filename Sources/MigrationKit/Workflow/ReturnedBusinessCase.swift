/// A business case the commissioner sent back to the practice instead of approving it,
/// with the reason. The practice revises the case, which goes back to the commissioner.
public struct ReturnedBusinessCase: Hashable, Sendable, Codable {
    public let reason: String
    public let returnedOn: Day

    public init(reason: String, returnedOn: Day) {
        self.reason = reason
        self.returnedOn = returnedOn
    }

    public static let maximumReasonLength = 2_000

    /// The commissioner returns a proposed case it has not already returned; the practice
    /// needs the reason to revise it, so one must be given.
    public static func returning(reason: String, on day: Day, status: MigrationStatus, current: ReturnedBusinessCase?) throws(WorkflowError) -> ReturnedBusinessCase {
        try canReturn(status: status, current: current)
        let trimmed = reason.trimmingSpaces
        guard !trimmed.isEmpty else { throw .invalid(field: "reason", message: "say what the practice must change in the business case") }
        guard trimmed.count <= maximumReasonLength else { throw .invalid(field: "reason", message: "keep the reason under \(maximumReasonLength) characters") }
        return ReturnedBusinessCase(reason: trimmed, returnedOn: day)
    }

    /// Whether a case in this state can be returned: proposed and not already returned.
    public static func canReturn(status: MigrationStatus, current: ReturnedBusinessCase?) throws(WorkflowError) {
        guard status == .proposed else { throw .wrongState("the business case was already approved") }
        if let current {
            throw .wrongState("the business case was returned to the practice on \(current.returnedOn.longDescription); wait for the revised case")
        }
    }

    /// The practice revises a case the commissioner returned, while it is still proposed
    /// (other changes to a case go through the migration's details).
    public static func revising(status: MigrationStatus, current: ReturnedBusinessCase?) throws(WorkflowError) {
        guard status == .proposed else { throw .wrongState("the business case was approved, so it is no longer revised") }
        guard current != nil else { throw .wrongState("the commissioner has not returned the business case, so there is nothing to revise") }
    }
}
