import Foundation

/// What is recorded against one migration, as the rules for its next steps need it: the
/// domain's view of the stored migration, built by the server from what it loaded.
public struct MigrationFacts: Sendable {
    /// A record with its id, so a command can name it.
    public struct Recorded<Value: Sendable>: Sendable {
        public let id: UUID
        public let value: Value

        public init(id: UUID, value: Value) {
            self.id = id
            self.value = value
        }
    }

    public let parties: MigrationParties
    public let status: MigrationStatus
    /// The commissioner's return of the business case, until the practice revises it.
    public let returnedBusinessCase: ReturnedBusinessCase?
    public let provisional: ProvisionalGoLive?
    public let confirmedGoLive: Day?
    public let actualGoLive: Day?
    public let targetProduct: UUID
    public let sourceProduct: UUID
    public let submodules: [UUID]
    public let scheduleAs: [Recorded<ScheduleA>]
    public let extractSuppliers: [ExtractSupplier]
    public let extractRequests: [Recorded<DataExtractRequest>]
    public let kickOff: Day?
    public let technicalSurvey: Day?
    public let signedOff: Set<SignOffKind>
    public let deploymentSurvey: DeploymentSurvey?
    /// Payment milestone M2, and the old system's cease date, as the order lines hold them.
    public let serviceStability: Day?
    public let ceaseDate: Day?
    public let unsentNotices: [UUID]
    /// Each action item with its owner: a supplier sees only its own party's.
    public let actionItems: [Recorded<(owner: Party, status: ActionItemStatus)>]
    public let goLive: GoLive
    /// The plan's view, nil before a go-live is set.
    public let state: MigrationState?
    /// The deadlines that can be marked as met by hand now (asked once: every party's
    /// commands read them).
    public let deadlinesToMarkMet: [Deadline]

    public init(
        parties: MigrationParties, status: MigrationStatus, returnedBusinessCase: ReturnedBusinessCase? = nil, provisional: ProvisionalGoLive?, confirmedGoLive: Day?, actualGoLive: Day?,
        targetProduct: UUID, sourceProduct: UUID, submodules: [UUID], scheduleAs: [Recorded<ScheduleA>], extractSuppliers: [ExtractSupplier],
        extractRequests: [Recorded<DataExtractRequest>], kickOff: Day?, technicalSurvey: Day?, signedOff: Set<SignOffKind>,
        deploymentSurvey: DeploymentSurvey? = nil, serviceStability: Day? = nil, ceaseDate: Day? = nil, unsentNotices: [UUID],
        actionItems: [Recorded<(owner: Party, status: ActionItemStatus)>], goLive: GoLive, state: MigrationState?
    ) {
        self.parties = parties
        self.status = status
        self.returnedBusinessCase = returnedBusinessCase
        self.provisional = provisional
        self.confirmedGoLive = confirmedGoLive
        self.actualGoLive = actualGoLive
        self.targetProduct = targetProduct
        self.sourceProduct = sourceProduct
        self.submodules = submodules
        self.scheduleAs = scheduleAs
        self.extractSuppliers = extractSuppliers
        self.extractRequests = extractRequests
        self.kickOff = kickOff
        self.technicalSurvey = technicalSurvey
        self.signedOff = signedOff
        self.deploymentSurvey = deploymentSurvey
        self.serviceStability = serviceStability
        self.ceaseDate = ceaseDate
        self.unsentNotices = unsentNotices
        self.actionItems = actionItems
        self.goLive = goLive
        self.state = state
        deadlinesToMarkMet = state?.deadlinesToMarkMet ?? []
    }
}
