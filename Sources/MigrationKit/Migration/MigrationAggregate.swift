import Foundation

/// A migration with everything recorded against it, loaded together by the server's store.
/// A plain value: a step changes a copy, and the store writes what differs. The records are
/// kept as the tables hold them (`MigrationRow`, `ScheduleARow` and the rest); what they mean
/// is asked of the rules here, so every page, list and answer gets the same answer.
public struct MigrationAggregate: Hashable, Sendable {
    public var record: MigrationRow
    public let practice: PracticeRow
    public let sourceProduct: ProductRow
    public let targetProduct: ProductRow
    /// Submodules of the new system and subsidiary systems, by name.
    public var extraProducts: [ProductRow]
    public var scheduleAs: [ScheduleARow] = []
    public var extractRequests: [ExtractRequestRow] = []
    public var notices: [NoticeRow] = []
    public var milestones: [MilestoneRow] = []
    public var signOffs: [SignOffRow] = []
    public var actionItems: [ActionItemRow] = []
    /// The order's lines, one per product (`OrderLine`).
    public var orderLines: [OrderLineRow] = []
    /// The deployment survey, once the practice has filled it in (at most one row).
    public var deploymentSurveys: [DeploymentSurveyRow] = []

    public init(
        record: MigrationRow, practice: PracticeRow, sourceProduct: ProductRow, targetProduct: ProductRow, extraProducts: [ProductRow],
        scheduleAs: [ScheduleARow] = [], extractRequests: [ExtractRequestRow] = [], notices: [NoticeRow] = [], milestones: [MilestoneRow] = [],
        signOffs: [SignOffRow] = [], actionItems: [ActionItemRow] = [], orderLines: [OrderLineRow] = [], deploymentSurveys: [DeploymentSurveyRow] = []
    ) {
        self.record = record
        self.practice = practice
        self.sourceProduct = sourceProduct
        self.targetProduct = targetProduct
        self.extraProducts = extraProducts
        self.scheduleAs = scheduleAs
        self.extractRequests = extractRequests
        self.notices = notices
        self.milestones = milestones
        self.signOffs = signOffs
        self.actionItems = actionItems
        self.orderLines = orderLines
        self.deploymentSurveys = deploymentSurveys
    }

    public var id: UUID { record.id }

    public var submodules: [ProductRow] { extraProducts.filter { $0.kind == .submodule } }
    public var subsidiaries: [ProductRow] { extraProducts.filter { $0.kind == .subsidiary } }

    public var parties: MigrationParties {
        MigrationParties(
            practice: record.practiceOrgID, commissioner: record.commissionerID, deliveryPartner: record.deliveryPartnerID,
            sourceSupplier: record.sourceSupplierID, targetSupplier: record.targetSupplierID,
            subsidiarySuppliers: Set(subsidiaries.map(\.supplierID)))
    }

    public var planner: Planner {
        Planner(template: record.template, calendar: WorkingCalendar(blackouts: record.blackouts), extractSuppliers: extractSuppliers)
    }

    /// Suppliers whose data moves: the old system's first, then subsidiary systems'.
    public var extractSuppliers: [ExtractSupplier] {
        ExtractSupplier.whoseDataMoves(
            oldSystem: sourceProduct.extractSource, subsidiaries: subsidiaries.map(\.extractSource),
            notice: record.overrides["dataExtractNoticeDays"], standardNotice: record.template.dataExtractNoticeDays)
    }

    /// The day each deadline was met, as the records show it: the Schedule As called off,
    /// the go-live confirmed, each supplier's extract requested, every notice of a kind
    /// sent, the meetings held, the survey returned, and what was marked met by hand.
    public var deadlinesMetOn: [DeadlineID: Day] {
        var met: [DeadlineID: Day] = [:]
        for (key, day) in record.metDeadlines { if let id = DeadlineID(rawValue: key) { met[id] = day } }
        let live = scheduleAs.filter { $0.domain.isLive }
        if let day = live.filter({ $0.kind == .target }).map(\.calledOffOn).min() { met[DeadlineID(.scheduleATarget)] = day }
        if let day = live.filter({ $0.kind == .decommission }).map(\.calledOffOn).min() { met[DeadlineID(.scheduleADecommission)] = day }
        if let confirmed = live.first(where: { $0.kind == .target && $0.confirmedGoLive != nil }), let day = confirmed.supplierDecidedOn {
            met[DeadlineID(.goLiveConfirmed)] = day
        }
        for supplier in extractSuppliers {
            if let day = extractRequests.first(where: { $0.supplierID == supplier.supplier })?.requestedOn {
                met[DeadlineID(.dataExtractRequest, supplier: supplier.supplier == record.sourceSupplierID ? nil : supplier.supplier)] = day
            }
        }
        for service in NoticeService.allCases {
            let sent = notices.filter { $0.service == service }.map(\.sentOn)
            if !sent.isEmpty, !sent.contains(nil) { met[DeadlineID(service.deadline)] = sent.compactMap { $0 }.max() }
        }
        for (phase, kind) in [(Phase.cutoverPlanning, DeadlineKind.cutoverPlanningMeeting), (.training, .training)] {
            if let day = milestones.first(where: { $0.phase == phase.rawValue })?.actualStart { met[DeadlineID(kind)] = day }
        }
        if let day = deploymentSurvey?.sentOn { met[DeadlineID(.deploymentSurvey)] = day }
        return met
    }

    /// The earliest go-live that can still be met from `today`, counting the deadlines this
    /// migration has already met as behind it (`Planner.earliestFeasibleGoLive`).
    public func earliestGoLive(today: Day) -> Day? {
        earliestGoLive(today: today, current: state(today: today))
    }

    /// The same from `current`, this migration's state on `today` (`state(today:)`), when
    /// the caller has worked it out already.
    public func earliestGoLive(today: Day, current: MigrationState?) -> Day? {
        (current?.planner ?? planner).earliestFeasibleGoLive(from: today, done: current?.deadlinesDone ?? [])
    }

    /// The phases recorded as finished (a milestone with its actual end).
    public var finishedPhases: Set<Phase> { Set(milestones.filter { $0.actualEnd != nil }.compactMap { Phase(rawValue: $0.phase) }) }

    /// The phases behind the migration (`MigrationProgress.donePhases`).
    public var donePhases: Set<Phase> { MigrationProgress.donePhases(status: record.status, finished: finishedPhases) }

    public var deploymentSurvey: DeploymentSurvey? { deploymentSurveys.first?.domain }

    public var deploymentSurveyConfirmed: Bool { deploymentSurvey?.status == .confirmed }

    /// Where the item with `id` is among `ids`; not found is the answer for an item of
    /// another migration, whatever state this one is in, so it says nothing about it.
    static func index(of id: UUID, in ids: [UUID], what: String) throws(WorkflowError) -> Int {
        guard let index = ids.firstIndex(of: id) else { throw .notFound(what) }
        return index
    }

    /// The order line of `product`, a new empty one when the order has none yet.
    public func orderLine(of product: UUID) -> OrderLineRow {
        orderLines.first { $0.productID == product } ?? OrderLineRow(migrationID: id, OrderLine(product: product))
    }

    /// Stores `line` in place of the product's line, or as a new one.
    public mutating func setOrderLine(_ line: OrderLineRow) {
        if let index = orderLines.firstIndex(where: { $0.productID == line.productID }) { orderLines[index] = line } else { orderLines.append(line) }
    }

    /// M2 as the new system's order line holds it, and the old system's cease date.
    public var serviceStability: Day? { orderLines.first { $0.productID == targetProduct.id }?.m2 }
    public var ceaseDate: Day? { orderLines.first { $0.productID == sourceProduct.id }?.ceaseOn }

    /// Whether the go-live can be recorded, and what stands in its way.
    public var goLive: GoLive {
        GoLive(status: record.status, confirmedDay: record.confirmedGoLive, scheduleAs: scheduleAs.map(\.domain),
               extractSuppliers: extractSuppliers, extractRequests: extractRequests.map(\.domain),
               goLiveDataSignedOff: signOffs.contains { $0.kind == .goLiveData })
    }

    public func supplierName(_ id: UUID) -> String {
        ([sourceProduct, targetProduct] + extraProducts).first { $0.supplierID == id }?.supplierName ?? "the supplier"
    }

    /// Every product of the migration, by id.
    public var products: [UUID: ProductRow] {
        Dictionary(([sourceProduct, targetProduct] + extraProducts).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Deadlines met, as the records show (`deadlinesMetOn`); the tracking rules add
    /// those a live or ended migration has put behind it.
    public var otherDeadlinesDone: Set<DeadlineID> { Set(deadlinesMetOn.keys) }

    /// The plan rules' and tracking rules' view of this migration, or nil before a go-live is set.
    public func state(today: Day, goLive: Day? = nil) -> MigrationState? {
        guard let goLive = goLive ?? record.planGoLive else { return nil }
        let planner = planner
        return MigrationState(
            plan: planner.plan(goLive: goLive), planner: planner, today: today, status: record.status,
            scheduleAs: scheduleAs.map(\.domain),
            submodules: submodules.map { .init(product: $0.id, name: $0.name) },
            extractSuppliers: extractSuppliers,
            extractRequests: extractRequests.map(\.domain),
            kickOff: record.kickOffOn, technicalSurvey: record.surveyOn,
            otherDeadlinesDone: otherDeadlinesDone, serviceStability: serviceStability, ceaseDate: ceaseDate)
    }

    /// The domain's view of what is recorded, for its next steps (`MigrationFacts.commands`).
    public func facts(today: Day) -> MigrationFacts {
        MigrationFacts(
            parties: parties, status: record.status, returnedBusinessCase: record.returnedBusinessCase, provisional: record.provisional, confirmedGoLive: record.confirmedGoLive,
            actualGoLive: record.actualGoLive, targetProduct: targetProduct.id, sourceProduct: sourceProduct.id, submodules: submodules.map(\.id),
            scheduleAs: scheduleAs.map { .init(id: $0.id, value: $0.domain) }, extractSuppliers: extractSuppliers,
            extractRequests: extractRequests.map { .init(id: $0.id, value: $0.domain) }, kickOff: record.kickOffOn, technicalSurvey: record.surveyOn,
            signedOff: Set(signOffs.map(\.kind)), deploymentSurvey: deploymentSurvey, serviceStability: serviceStability, ceaseDate: ceaseDate,
            unsentNotices: notices.filter { $0.sentOn == nil }.map(\.id),
            actionItems: actionItems.map { .init(id: $0.id, value: ($0.owner, $0.status)) }, goLive: goLive, state: state(today: today))
    }

    /// Whether `command` can be taken now (`MigrationFacts.check`): the rule the page's
    /// offer of a form asks too.
    public func check(_ command: MigrationCommand, today: Day) throws(WorkflowError) {
        try facts(today: today).check(command, today: today)
    }

    /// How its lists show it on `today` (kept by `JudgementStore`).
    public func judgement(today: Day) -> Judgement {
        Judgement(state(today: today), parties: parties, day: today)
    }

    public func findings(today: Day) -> [Finding] {
        Self.findings(state(today: today))
    }

    public static func findings(_ state: MigrationState?) -> [Finding] {
        state.map(RuleSet<MigrationState>.tracking.evaluate) ?? []
    }

    /// The findings of `state` (this migration's plan, or one proposed for it) that `actor`
    /// may read (`AccessPolicy.seesFinding`).
    public func findings(of state: MigrationState?, for actor: Actor, policy: AccessPolicy) -> [Finding] {
        let parties = parties
        return Self.findings(state).filter { policy.seesFinding(actor, parties, $0) }
    }
}
