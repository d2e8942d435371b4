import MigrationKit

// Shorthand for the tests: the deadline of each kind that is one per plan, so that sets of
// deadlines read as the guide names them.
extension DeadlineID {
    static let scheduleATarget = DeadlineID(.scheduleATarget)
    static let scheduleADecommission = DeadlineID(.scheduleADecommission)
    static let goLiveConfirmed = DeadlineID(.goLiveConfirmed)
    static let dataExtractRequest = DeadlineID(.dataExtractRequest)
    static let epsNotice = DeadlineID(.epsNotice)
    static let cutoverPlanningMeeting = DeadlineID(.cutoverPlanningMeeting)
    static let deploymentSurvey = DeadlineID(.deploymentSurvey)
    static let runOffEnd = DeadlineID(.runOffEnd)
    static let legacySupportEnd = DeadlineID(.legacySupportEnd)

    /// Every kind's deadline, one each.
    static let everyKind = Set(DeadlineKind.allCases.map { DeadlineID($0) })
}
