import Foundation

/// A step someone may take on a migration, with the record it is about. `MigrationFacts`
/// decides which an actor may take now; the migration page offers each as a form, and the
/// service accepts each (the tests hold the two together).
public enum MigrationCommand: Hashable, Sendable {
    case approveBusinessCase
    case returnBusinessCase
    /// The commissioner returned the case with `reason`.
    case reviseBusinessCase(reason: String)
    case agreeProvisionalGoLive(Day)
    /// `current` is the day proposed so far, if any.
    case proposeProvisionalGoLive(current: Day?)
    case register
    case callOffScheduleA(ScheduleA.Kind, product: UUID)
    case commissionerDecides(scheduleA: UUID)
    case supplierDecides(scheduleA: UUID, kind: ScheduleA.Kind)
    /// `current` is the go-live confirmed so far, if any (then the command moves it).
    case confirmGoLive(scheduleA: UUID, current: Day?)
    case requestExtractForm(supplier: ExtractSupplier)
    case sendExtractForm(request: UUID, supplier: UUID)
    case returnExtractForm(request: UUID, supplier: UUID)
    case confirmExtractTransfer(request: UUID, supplier: UUID)
    case bookKickOff(booked: Day?)
    case bookTechnicalSurvey(booked: Day?)
    case signOff(SignOffKind)
    case recordGoLive(confirmed: Day)
    case end
    /// `returned` is the administrator's reason when the survey came back to be corrected.
    case fillInDeploymentSurvey(returned: String?)
    case decideDeploymentSurvey
    case recordServiceStability
    /// `current` is the cease date recorded so far, if any (then the command moves it).
    case recordCeaseDate(scheduleA: UUID, current: Day?)
    case recordMilestone
    case markDeadlineMet(Deadline)
    case addNotice
    case markNoticeSent(notice: UUID)
    case addActionItem
    case moveActionItem(UUID, from: ActionItemStatus, to: ActionItemStatus)
}

extension MigrationCommand {
    /// A step the migration waits on until this party takes it (a decision, a form, a
    /// transfer, the survey), as opposed to one that can be taken at any time (a note, an
    /// action item) or that a deadline already asks for. Work queues list these.
    public var isTurn: Bool {
        switch self {
        case .approveBusinessCase, .reviseBusinessCase, .agreeProvisionalGoLive, .register, .commissionerDecides, .supplierDecides,
             .sendExtractForm, .returnExtractForm, .confirmExtractTransfer, .fillInDeploymentSurvey, .decideDeploymentSurvey,
             .recordServiceStability, .end:
            true
        case .confirmGoLive(_, let current), .recordCeaseDate(_, let current):
            current == nil
        default:
            false
        }
    }

    /// When a step the migration waits on should be done by, from its plan: the decision by
    /// the end of its phase; registration before the first Schedule A is due; the Schedule A
    /// decisions before the go-live must be confirmed; the extract forms before initial data
    /// production, the transfer before data checking; the end by the end of the migration.
    /// Nil for steps that can be taken at any time.
    public func due(in plan: Plan) -> Day? {
        switch self {
        case .approveBusinessCase, .returnBusinessCase, .reviseBusinessCase, .agreeProvisionalGoLive:
            plan.milestone(.decisionAndFunding).end
        case .register: plan.deadline(.scheduleATarget).due
        case .commissionerDecides, .supplierDecides, .confirmGoLive: plan.deadline(.goLiveConfirmed).due
        case .sendExtractForm, .returnExtractForm: plan.initialDataProduction
        case .confirmExtractTransfer: plan.milestone(.dataChecking).start
        case .fillInDeploymentSurvey: plan.deadline(.deploymentSurvey).due
        case .decideDeploymentSurvey, .end: plan.milestone(.endOfMigration).end
        case .recordCeaseDate: plan.deadline(.legacySupportEnd).due
        default: nil
        }
    }

    /// The plan's deadline this step meets, when it meets one itself (so a work queue shows
    /// the step with that deadline's day, not both).
    public var meets: DeadlineID? {
        switch self {
        case .supplierDecides(_, .target): DeadlineID(.goLiveConfirmed)
        case .fillInDeploymentSurvey: DeadlineID(.deploymentSurvey)
        default: nil
        }
    }
}
