import Fluent
import MigrationKit
import Vapor

/// A migration with everything recorded against it, loaded together.
struct MigrationAggregate: Sendable {
    let record: MigrationRecord
    let practice: Practice
    let sourceProduct: Product
    let targetProduct: Product
    /// Submodules of the new system and subsidiary systems, with their products.
    let extraProducts: [Product]
    let suppliers: [UUID: Organisation]
    let scheduleAs: [ScheduleARecord]
    let extractRequests: [ExtractRequestRecord]
    let notices: [NoticeRecord]
    let milestones: [MilestoneRecord]
    let signOffs: [SignOffRecord]
    let actionItems: [ActionItemRecord]

    var id: UUID { record.id! }

    var submodules: [Product] { extraProducts.filter { $0.kind == .submodule } }
    var subsidiaries: [Product] { extraProducts.filter { $0.kind == .subsidiary } }

    var parties: MigrationParties {
        MigrationParties(
            practice: record.practiceOrgID, commissioner: record.commissionerID, deliveryPartner: record.deliveryPartnerID,
            sourceSupplier: record.sourceSupplierID, targetSupplier: record.targetSupplierID,
            subsidiarySuppliers: Set(subsidiaries.map(\.$supplier.id)))
    }

    var planner: Planner {
        Planner(template: record.template, calendar: WorkingCalendar(blackouts: record.blackouts))
    }

    /// Suppliers whose data moves: the old system's first, then subsidiary systems'.
    var extractSuppliers: [MigrationState.ExtractSupplier] {
        let standard = record.template.dataExtractNoticeDays
        var list = [MigrationState.ExtractSupplier(
            supplier: record.sourceSupplierID, name: supplierName(record.sourceSupplierID),
            noticeDays: record.overrides["dataExtractNoticeDays"] ?? sourceProduct.extractLeadDays ?? standard)]
        for product in subsidiaries where product.extractLeadDays != nil && !list.contains(where: { $0.supplier == product.$supplier.id }) {
            list.append(.init(supplier: product.$supplier.id, name: supplierName(product.$supplier.id), noticeDays: product.extractLeadDays!))
        }
        return list
    }

    /// Whether the go-live can be recorded, and what stands in its way.
    var goLive: GoLive {
        GoLive(status: record.status, confirmedDay: record.confirmedGoLive, scheduleAs: scheduleAs.map(\.domain),
               extractSuppliers: extractSuppliers, extractRequests: extractRequests.map(\.domain),
               goLiveDataSignedOff: signOffs.contains { $0.kind == .goLiveData })
    }

    func supplierName(_ id: UUID) -> String { suppliers[id]?.name ?? "the supplier" }

    /// Deadlines shown as met by notices sent and milestones held.
    var otherDeadlinesDone: Set<DeadlineKind> {
        var done = Set(record.metDeadlines.keys.compactMap(DeadlineKind.init(rawValue:)))
        for service in NoticeRecord.Service.allCases {
            let notices = notices.filter { $0.service == service }
            if !notices.isEmpty && notices.allSatisfy({ $0.sentOn != nil }) { done.insert(service.deadline) }
        }
        let finished = Set(milestones.filter { $0.actualStart != nil }.map(\.phase))
        if finished.contains(Phase.cutoverPlanning.rawValue) { done.insert(.cutoverPlanningMeeting) }
        if finished.contains(Phase.training.rawValue) { done.insert(.training) }
        if signOffs.contains(where: { $0.kind == .deploymentSurvey }) { done.insert(.deploymentSurvey) }
        return done
    }

    /// The plan rules' and tracking rules' view of this migration, or nil before a go-live is set.
    func state(today: Day, goLive: Day? = nil) -> MigrationState? {
        guard let goLive = goLive ?? record.planGoLive else { return nil }
        let planner = planner
        return MigrationState(
            plan: planner.plan(goLive: goLive), planner: planner, today: today, status: record.status,
            scheduleAs: scheduleAs.map(\.domain),
            submodules: submodules.map { .init(product: $0.id!, name: $0.name) },
            extractSuppliers: extractSuppliers,
            extractRequests: extractRequests.map(\.domain),
            kickOff: record.kickOffOn, technicalSurvey: record.surveyOn,
            otherDeadlinesDone: otherDeadlinesDone)
    }

    func findings(today: Day) -> [Finding] {
        Self.findings(state(today: today))
    }

    static func findings(_ state: MigrationState?) -> [Finding] {
        state.map(RuleSet<MigrationState>.tracking.evaluate) ?? []
    }

    /// Red when something critical is wrong, amber on warnings, green otherwise.
    static func rag(_ findings: [Finding]) -> RAGStatus {
        if findings.contains(where: { $0.severity == .critical }) { return .red }
        if findings.contains(where: { $0.severity == .warning }) { return .amber }
        return .green
    }
}

enum RAGStatus: String, Codable, Sendable {
    case red, amber, green
}

extension MigrationAggregate {
    /// Loads a migration and everything recorded against it; nil when there is none.
    static func load(_ id: UUID, on db: any Database) async throws -> MigrationAggregate? {
        guard let record = try await MigrationRecord.find(id, on: db) else { return nil }
        async let practice = Practice.find(record.$practice.id, on: db)
        async let links = MigrationProduct.query(on: db).filter(\.$migration.$id == id).all()
        async let scheduleAs = ScheduleARecord.query(on: db).filter(\.$migration.$id == id).sort(\.$calledOffOn).all()
        async let extracts = ExtractRequestRecord.query(on: db).filter(\.$migration.$id == id).sort(\.$requestedOn).all()
        async let notices = NoticeRecord.query(on: db).filter(\.$migration.$id == id).sort(\.$recipient).all()
        async let milestones = MilestoneRecord.query(on: db).filter(\.$migration.$id == id).sort(\.$phase).all()
        async let signOffs = SignOffRecord.query(on: db).filter(\.$migration.$id == id).all()
        async let actions = ActionItemRecord.query(on: db).filter(\.$migration.$id == id).all()
        let productIDs = [record.$sourceProduct.id, record.$targetProduct.id] + (try await links).map(\.$product.id)
        let products = try await Product.query(on: db).filter(\.$id ~~ productIDs).all()
        let byID = Dictionary(uniqueKeysWithValues: products.map { ($0.id!, $0) })
        let supplierIDs = Set(products.map(\.$supplier.id))
        let suppliers = try await Organisation.query(on: db).filter(\.$id ~~ Array(supplierIDs)).all()
        guard let practiceRecord = try await practice,
              let source = byID[record.$sourceProduct.id], let target = byID[record.$targetProduct.id] else { return nil }
        return MigrationAggregate(
            record: record, practice: practiceRecord, sourceProduct: source, targetProduct: target,
            extraProducts: try await links.compactMap { byID[$0.$product.id] }.sorted { $0.name < $1.name },
            suppliers: Dictionary(uniqueKeysWithValues: suppliers.map { ($0.id!, $0) }),
            scheduleAs: try await scheduleAs, extractRequests: try await extracts, notices: try await notices,
            milestones: try await milestones, signOffs: try await signOffs, actionItems: try await actions)
    }
}
