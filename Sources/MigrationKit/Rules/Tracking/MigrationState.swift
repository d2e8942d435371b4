import Foundation

/// What the tracking rules read: a stored migration's plan together with the state of its
/// Schedule As, extract requests and bookings.
public struct MigrationState: Sendable {
    /// A module of the new system the practice is buying, which needs its own Schedule A.
    public struct Submodule: Hashable, Sendable {
        public let product: UUID
        public let name: String
        public init(product: UUID, name: String) {
            self.product = product
            self.name = name
        }
    }

    public let plan: Plan
    public let planner: Planner
    public let today: Day
    public let status: MigrationStatus
    public let scheduleAs: [ScheduleA]
    public let submodules: [Submodule]
    /// The source supplier first, then subsidiary suppliers.
    public let extractSuppliers: [ExtractSupplier]
    public let extractRequests: [DataExtractRequest]
    public let kickOff: Day?
    public let technicalSurvey: Day?
    /// Deadlines met by records outside this struct (notices sent, meetings held).
    public let otherDeadlinesDone: Set<DeadlineID>
    /// The payment milestones after go-live: service stability (M2) and the old system's
    /// cease date, from the order lines.
    public let serviceStability: Day?
    public let ceaseDate: Day?

    public init(plan: Plan, planner: Planner, today: Day, status: MigrationStatus, scheduleAs: [ScheduleA] = [], submodules: [Submodule] = [],
                extractSuppliers: [ExtractSupplier] = [], extractRequests: [DataExtractRequest] = [], kickOff: Day? = nil,
                technicalSurvey: Day? = nil, otherDeadlinesDone: Set<DeadlineID> = [], serviceStability: Day? = nil, ceaseDate: Day? = nil) {
        self.plan = plan
        self.planner = planner
        self.today = today
        self.status = status
        self.scheduleAs = scheduleAs
        self.submodules = submodules
        self.extractSuppliers = extractSuppliers
        self.extractRequests = extractRequests
        self.kickOff = kickOff
        self.technicalSurvey = technicalSurvey
        self.otherDeadlinesDone = otherDeadlinesDone
        self.serviceStability = serviceStability
        self.ceaseDate = ceaseDate
        deadlinesDone = workOutDeadlinesDone()
    }

    /// The go-live, once it has happened (the plan is then drawn from it).
    public var wentLiveOn: Day? {
        status == .live || status == .completed ? plan.goLive : nil
    }

    /// When the old system's legacy support ends, from the plan.
    public var legacySupportEnds: Day { plan.deadline(.legacySupportEnd).due }

    public func liveScheduleAs(_ kind: ScheduleA.Kind) -> [ScheduleA] {
        scheduleAs.filter { $0.kind == kind && $0.isLive }
    }

    public func extractRequest(for supplier: UUID) -> DataExtractRequest? {
        extractRequests.first { $0.supplier == supplier }
    }

    /// Deadlines already met, as far as stored state shows; once live, everything due up to
    /// go-live is behind the migration. Worked out once, with the state: the rules, the
    /// plan and the page ask for it, the page once for each deadline.
    public private(set) var deadlinesDone: Set<DeadlineID> = []

    private func workOutDeadlinesDone() -> Set<DeadlineID> {
        var done = otherDeadlinesDone
        if !liveScheduleAs(.target).isEmpty { done.insert(DeadlineID(.scheduleATarget)) }
        if !liveScheduleAs(.decommission).isEmpty { done.insert(DeadlineID(.scheduleADecommission)) }
        if liveScheduleAs(.target).contains(where: { $0.confirmedGoLive != nil }) { done.insert(DeadlineID(.goLiveConfirmed)) }
        for deadline in plan.deadlines where deadline.kind == .dataExtractRequest {
            if let supplier = deadline.key.supplier ?? extractSuppliers.first?.supplier, extractRequest(for: supplier) != nil { done.insert(deadline.key) }
        }
        if status == .live || status == .completed {
            done.formUnion(plan.deadlines.filter { $0.due <= plan.goLive }.map(\.key))
        }
        if status == .completed { done.formUnion(plan.deadlines.map(\.key)) }
        return done
    }

    /// The deadlines that can be marked as met by hand now: those met only by saying so
    /// (`DeadlineKind.isMetByHand`) and not met yet.
    public var deadlinesToMarkMet: [Deadline] {
        let done = deadlinesDone
        return plan.deadlines.filter { $0.kind.isMetByHand && !done.contains($0.key) }
    }

    /// The first deadline from today on that is not yet met.
    public var nextDeadline: Deadline? {
        let done = deadlinesDone
        return plan.deadlines.first { $0.due >= today && !done.contains($0.key) }
    }

    /// Deadlines passed and not met.
    public var overdueDeadlines: [Deadline] {
        plan.missedDeadlines(today: today, done: deadlinesDone)
    }

    /// The plan rules' view of this migration. Deadlines that the tracking rules explain in
    /// their own words are left to them.
    public var planContext: PlanContext {
        let explainedByTrackingRules = Set(plan.deadlines.filter { [.scheduleATarget, .scheduleADecommission, .dataExtractRequest].contains($0.kind) }.map(\.key))
        return PlanContext(plan: plan, calendar: planner.calendar, today: today, done: deadlinesDone.union(explainedByTrackingRules))
    }

    /// When each extract supplier must have been asked, given its own notice period (the
    /// planner's rule, so the same day as that supplier's deadline in the plan).
    public func extractRequestDue(for supplier: ExtractSupplier) -> Day {
        planner.dataExtractRequestDue(initialDataProduction: plan.initialDataProduction, noticeDays: supplier.noticeDays)
    }
}
