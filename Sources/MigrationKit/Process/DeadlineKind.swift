/// Every date by which someone must have done something, so the migration does not slip.
public enum DeadlineKind: String, CaseIterable, Sendable, Codable {
    case scheduleATarget = "schedule-a-target"
    case scheduleADecommission = "schedule-a-decommission"
    case goLiveConfirmed = "go-live-confirmed"
    case dataExtractRequest = "data-extract-request"
    case cutoverPlanningMeeting = "cutover-planning-meeting"
    case epsNotice = "eps-notice"
    case thirdPartyNotice = "third-party-notice"
    case bowelScreeningPause = "bowel-screening-pause"
    case linksSwitchOff = "links-switch-off"
    case training = "training"
    case deploymentSurvey = "deployment-survey"
    case runOffEnd = "run-off-end"
    case legacySupportEnd = "legacy-support-end"

    public var id: String { rawValue }

    public var title: String {
        switch self {
        case .scheduleATarget: "Call off the Schedule A for the new system (and its submodules)"
        case .scheduleADecommission: "Call off the Schedule A that decommissions the old system"
        case .goLiveConfirmed: "New system supplier accepts its Schedule A and confirms the go-live date"
        case .dataExtractRequest: "Send the data extract request to the old system's supplier"
        case .cutoverPlanningMeeting: "Hold the cut-over planning meeting"
        case .epsNotice: "Give EPS notice of the cut-over and go-live dates"
        case .thirdPartyNotice: "Give other linked services and third parties notice of the dates"
        case .bowelScreeningPause: "Stop bowel screening messages until after go-live"
        case .linksSwitchOff: "Switch off links and communications"
        case .training: "Finish core training on the new system"
        case .deploymentSurvey: "Return the deployment survey to the commissioner or CSU"
        case .runOffEnd: "Read-only access to the old system ends"
        case .legacySupportEnd: "Maintenance support for the old system ends"
        }
    }

    /// Something someone must do by the due date; the ends of the old system's service are
    /// dates to know, not tasks, so nobody is chased for them.
    public var isTask: Bool { self != .runOffEnd && self != .legacySupportEnd }

    /// Met when someone says so: no other record shows it (a meeting held or training done
    /// may also show in its phase's dates). Every other deadline is met by its own record
    /// (a Schedule A called off, a notice sent, a survey returned), or is an end of service.
    public var isMetByHand: Bool {
        switch self {
        case .cutoverPlanningMeeting, .bowelScreeningPause, .linksSwitchOff, .training: true
        default: false
        }
    }

    /// Who must act by the due date.
    public var owner: Party {
        switch self {
        case .scheduleATarget, .scheduleADecommission, .dataExtractRequest, .cutoverPlanningMeeting: .deliveryPartner
        case .goLiveConfirmed, .training: .targetSupplier
        case .epsNotice, .thirdPartyNotice, .bowelScreeningPause, .linksSwitchOff, .deploymentSurvey: .practice
        case .runOffEnd, .legacySupportEnd: .sourceSupplier
        }
    }

    /// The phase in which the deadline falls due.
    public var phase: Phase {
        switch self {
        case .scheduleATarget, .scheduleADecommission, .goLiveConfirmed: .procurement
        case .dataExtractRequest, .epsNotice: .preMigration
        case .cutoverPlanningMeeting: .cutoverPlanning
        case .thirdPartyNotice, .bowelScreeningPause, .linksSwitchOff: .finalDataProduction
        case .training: .training
        case .deploymentSurvey, .runOffEnd, .legacySupportEnd: .endOfMigration
        }
    }
}
