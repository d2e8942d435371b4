import Foundation

/// The form the practice fills in after go-live (the go-live date, a deployment score and
/// comments) and sends to whoever keeps the area's order records. That administrator
/// confirms it, which sets the actual M1 (delivery) date the supplier is paid on, or
/// returns it to the practice to correct.
public struct DeploymentSurvey: Hashable, Sendable, Codable {
    public enum Status: String, Hashable, Sendable, Codable, CaseIterable {
        /// Filled in by the practice, waiting for the administrator.
        case submitted
        /// Recorded by the administrator; its go-live date is the actual M1.
        case confirmed
        /// Sent back to the practice with a reason.
        case returned
    }

    public static let scores = 1...5
    public static let maximumCommentLength = 2_000

    public let goLive: Day
    public let score: Int
    public let comments: String
    public let submittedBy: UUID
    public let submittedOn: Day
    public let status: Status
    public let decidedBy: UUID?
    public let decidedOn: Day?
    public let returnReason: String?

    public init(goLive: Day, score: Int, comments: String, submittedBy: UUID, submittedOn: Day, status: Status = .submitted,
                decidedBy: UUID? = nil, decidedOn: Day? = nil, returnReason: String? = nil) {
        self.goLive = goLive
        self.score = score
        self.comments = comments
        self.submittedBy = submittedBy
        self.submittedOn = submittedOn
        self.status = status
        self.decidedBy = decidedBy
        self.decidedOn = decidedOn
        self.returnReason = returnReason
    }

    /// Whether the practice can fill in the survey now (`current` is the one it sent, if
    /// any); throws why not.
    public static func canFillIn(wentLiveOn actualGoLive: Day?, current: DeploymentSurvey?) throws(WorkflowError) {
        guard actualGoLive != nil else { throw .wrongState("the deployment survey is filled in after the go-live is recorded") }
        switch current?.status {
        case .submitted?: throw .wrongState("the deployment survey was sent on \(current!.submittedOn.longDescription) and waits for the order records' administrator")
        case .confirmed?: throw .wrongState("the deployment survey was already confirmed")
        case .returned?, nil: break
        }
    }

    /// The practice fills in the survey after go-live, once, or again after it was returned.
    /// The go-live date is mandatory and has happened (`DayBounds.past`).
    public static func fillingIn(goLive: Day, score: Int, comments: String, by user: UUID, today: Day,
                                 wentLiveOn actualGoLive: Day?, current: DeploymentSurvey?) throws(WorkflowError) -> DeploymentSurvey {
        try canFillIn(wentLiveOn: actualGoLive, current: current)
        _ = try DayBounds(today: today).past(goLive, field: "goLive")
        guard scores.contains(score) else { throw .invalid(field: "score", message: "the deployment score is from 1 to 5") }
        let trimmed = comments.trimmingSpaces
        guard trimmed.count <= maximumCommentLength else {
            throw .invalid(field: "comments", message: "keep the comments under \(maximumCommentLength) characters")
        }
        return DeploymentSurvey(goLive: goLive, score: score, comments: trimmed, submittedBy: user, submittedOn: today)
    }

    /// The administrator records a survey sent to them.
    public func confirming(by user: UUID, on day: Day) throws(WorkflowError) -> DeploymentSurvey {
        try canDecide()
        return DeploymentSurvey(goLive: goLive, score: score, comments: comments, submittedBy: submittedBy, submittedOn: submittedOn,
                                status: .confirmed, decidedBy: user, decidedOn: day)
    }

    /// The administrator sends a survey back; the practice needs the reason to correct it.
    public func returning(reason: String, by user: UUID, on day: Day) throws(WorkflowError) -> DeploymentSurvey {
        try canDecide()
        let trimmed = reason.trimmingSpaces
        guard !trimmed.isEmpty else { throw .invalid(field: "reason", message: "say what the practice must correct in the survey") }
        guard trimmed.count <= ReturnedBusinessCase.maximumReasonLength else {
            throw .invalid(field: "reason", message: "keep the reason under \(ReturnedBusinessCase.maximumReasonLength) characters")
        }
        return DeploymentSurvey(goLive: goLive, score: score, comments: comments, submittedBy: submittedBy, submittedOn: submittedOn,
                                status: .returned, decidedBy: user, decidedOn: day, returnReason: trimmed)
    }

    /// Whether the administrator can confirm or return it now; throws why not.
    public func canDecide() throws(WorkflowError) {
        switch status {
        case .submitted: return
        case .confirmed: throw .wrongState("the deployment survey was already confirmed")
        case .returned: throw .wrongState("the deployment survey was returned to the practice; wait for it to come back")
        }
    }

    /// The day the practice's deadline for the survey was met: it was sent and not returned.
    public var sentOn: Day? { status == .returned ? nil : submittedOn }
}
