import Fluent
import MigrationKit
import Vapor

struct DemoActors {
    let csu: User
    let icb: User
}

/// One demo migration, set up as it would stand at a given point of the process.
struct DemoStory {
    enum Stage: Int, Comparable {
        case proposed, approved, calledOff, procured, late, preMigration, dataChecking, cutover, live, completed
        static func < (lhs: Stage, rhs: Stage) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    let practice: Practice
    let route: (source: Product, target: Product)
    let goLiveIn: Int
    let stage: Stage
    var submodules: [Product] = []
    var subsidiaries: [Product] = []

    func create(on db: any Database, today: Day, now: Date, actors: DemoActors) async throws {
        let calendar = WorkingCalendar()
        let goLive = calendar.workingDay(onOrAfter: today + goLiveIn)
        let plan = Planner().plan(goLive: goLive)
        let id = UUID()
        let status: MigrationStatus = switch stage {
        case .proposed: .proposed
        case .approved: .approved
        case .live: .live
        case .completed: .completed
        default: .registered
        }
        var record = MigrationRow(
            id: id, practiceID: practice.id!, sourceProductID: route.source.id!, targetProductID: route.target.id!,
            practiceOrgID: practice.$organisation.id, commissionerID: practice.$commissioner.id, deliveryPartnerID: practice.$deliveryPartner.id,
            sourceSupplierID: route.source.$supplier.id, targetSupplierID: route.target.$supplier.id,
            status: status, currentPhase: 1, createdAt: now)
        record.businessCase = BusinessCase(
            drivers: "Community services and the neighbouring practices in our PCN use \(route.target.name); shared records would save clinicians time on every referral.",
            considerations: "Two weeks of reduced appointments around go-live; retraining 24 staff; the \(route.source.name) contract ends next year.",
            strategicFit: "Matches the ICB digital strategy of one principal system per neighbourhood.")
        if stage >= .approved {
            record.approvedBy = actors.icb.id
            record.approvedOn = plan.milestone(.decisionAndFunding).end < today ? plan.milestone(.decisionAndFunding).end : today - 3
            record.fundingAmount = 18_500
            record.fundingSource = "ICB GP IT capital 2026/27"
        }
        // The practice proposed the date; the others agreed as the story went on.
        let agreedOn = min(today, plan.milestone(.decisionAndFunding).end)
        let agreeing: [Party] = stage >= .calledOff ? ProvisionalGoLive.agreeingParties : stage >= .approved ? [.practice, .commissioner, .deliveryPartner] : [.practice]
        record.provisional = ProvisionalGoLive(day: goLive, agreements: Dictionary(uniqueKeysWithValues: agreeing.map { ($0, agreedOn) }))
        let procured = stage >= .procured
        if procured || stage == .late { record.confirmedGoLive = goLive }
        if stage >= .calledOff {
            record.registeredOn = min(today, plan.deadline(.scheduleATarget).due)
            record.registrationReference = "MIG-\(practice.odsCode)"
        }
        if stage >= .preMigration {
            record.kickOffOn = plan.milestone(.kickOff).start
            record.surveyOn = plan.milestone(.technicalSurvey).start
        }
        if stage >= .live { record.actualGoLive = goLive }
        if stage == .completed { record.endedOn = min(today, goLive + 60) }
        record.overrides = [:]
        // Steps taken by hand before today, in the stages that have reached them.
        if stage >= .preMigration {
            record.metDeadlines = Dictionary(uniqueKeysWithValues: [DeadlineKind.cutoverPlanningMeeting, .bowelScreeningPause, .linksSwitchOff, .training]
                .map { (plan.deadline($0).kind.rawValue, plan.deadline($0).due) }.filter { $0.1 < today })
        } else {
            record.metDeadlines = [:]
        }
        record.blackouts = stage == .proposed
            ? [Blackout(range: try DayRange(goLive - 21, goLive - 17), reason: "flu clinics")] : []
        let store = MigrationStore(db)
        func row(_ product: Product) async throws -> ProductRow { try await store.product(code: product.code)! }
        var migration = MigrationAggregate(
            record: record, practice: PracticeRow(id: practice.id!, odsCode: practice.odsCode, name: practice.name, listSize: practice.listSize),
            sourceProduct: try await row(route.source), targetProduct: try await row(route.target), extraProducts: [])
        for product in submodules + subsidiaries { migration.extraProducts.append(try await row(product)) }
        migration.extraProducts.sort { $0.name < $1.name }

        // Schedule As.
        if stage >= .calledOff {
            let calledOff = min(today, plan.deadline(.scheduleATarget).due)
            let decided = min(today, plan.deadline(.goLiveConfirmed).due)
            var orders: [(ScheduleA.Kind, Product)] = [(.target, route.target)] + submodules.map { (.submodule, $0) }
            if stage != .late { orders.append((.decommission, route.source)) }
            for (kind, product) in orders {
                var scheduleA = ScheduleA.callOff(kind, supplier: product.$supplier.id, product: product.id!, on: calledOff)
                if kind == .target || procured || stage == .late {
                    scheduleA = try scheduleA.commissionerDecides(.accept, reason: nil, on: calledOff)
                }
                if procured || stage == .late {
                    scheduleA = try scheduleA.supplierDecides(.accept, reason: nil, confirmGoLive: kind == .target ? goLive : nil, proposedGoLives: [], on: min(decided, goLive))
                }
                migration.scheduleAs.append(ScheduleARow(migrationID: id, scheduleA))
            }
        }

        // Data extracts, one per supplier whose data moves.
        if procured {
            let suppliers = [route.source.$supplier.id] + subsidiaries.map(\.$supplier.id)
            for supplier in suppliers {
                let asked = min(today, plan.deadline(.dataExtractRequest).due)
                var request = DataExtractRequest.request(from: supplier, on: asked)
                if stage >= .preMigration {
                    request = try request.formSent(on: asked)
                    request = try request.formReturned(dataProductionDays: [plan.initialDataProduction, plan.finalDataProduction], on: asked)
                }
                if stage >= .dataChecking { request = try request.transferConfirmed(on: plan.initialDataProduction) }
                migration.extractRequests.append(ExtractRequestRow(migrationID: id, request))
            }
        }

        // What has already happened: phases that ended before today, as planned.
        if stage >= .preMigration {
            for milestone in plan.milestones where milestone.end < today && milestone.phase < .goLive {
                migration.milestones.append(MilestoneRow(id: UUID(), migrationID: id, phase: milestone.phase.rawValue,
                                                         actualStart: milestone.start, actualEnd: milestone.end))
            }
        }

        // Notices and sign-offs that belong to the stage reached.
        if stage >= .preMigration {
            for (recipient, service) in [("EPS (NHS England)", NoticeService.eps), ("Bradford community pharmacies", .other), ("Yorkshire pathology labs", .other), ("NHS 111 and out of hours", .other)] {
                let due = plan.deadline(service.deadline).due
                migration.notices.append(NoticeRow(id: UUID(), migrationID: id, recipient: recipient, service: service, sentOn: due < today ? due : nil))
            }
        }
        var signOffs: [SignOffKind] = []
        if plan.milestone(.technicalSurvey).end < today && stage >= .preMigration { signOffs.append(.technicalRequirements) }
        if plan.milestone(.dataRecheckSignOff).end < today && stage >= .cutover { signOffs.append(.dataChecking) }
        if stage >= .live { signOffs.append(.goLiveData) }
        for kind in signOffs {
            migration.signOffs.append(SignOffRow(
                id: UUID(), migrationID: id, kind: kind, userID: actors.csu.id!,
                signerName: kind == .dataChecking ? "Dr A. Khan (lead GP)" : "Practice manager, \(practice.name)",
                signedOn: min(today, kind.phase == .goLive ? goLive : plan.milestone(kind.phase).end),
                comment: "Signed after review."))
        }

        // After go-live: the deployment survey (waiting for the CSU a month on, confirmed
        // once ended, which set actual M1), then M2 and the old system's cease date.
        if stage == .completed || (stage == .live && goLiveIn <= -30) {
            var survey = DeploymentSurvey(goLive: goLive, score: 4, comments: "Smooth go-live; appointments module needed extra training.",
                                          submittedBy: actors.csu.id!, submittedOn: min(today, goLive + 14))
            if stage == .completed {
                survey = try survey.confirming(by: actors.csu.id!, on: min(today, goLive + 20))
                migration.orderLines.append(OrderLineRow(migrationID: id, OrderLine(product: route.target.id!, m1Actual: goLive, m2: min(today, goLive + 40))))
                migration.orderLines.append(OrderLineRow(migrationID: id, OrderLine(product: route.source.id!, cease: plan.deadline(.legacySupportEnd).due)))
            }
            migration.deploymentSurveys.append(DeploymentSurveyRow(migrationID: id, survey))
        }

        if stage >= .calledOff && stage < .live {
            migration.actionItems.append(ActionItemRow(
                id: UUID(), migrationID: id, title: "Send the third-party list to the CSU", phase: Phase.kickOff.rawValue, owner: .practice,
                due: plan.milestone(.kickOff).start, status: stage >= .preMigration ? .done : .open))
        }

        let replanner = Replanner(today: today, now: now)
        let planned = replanner.replanned(migration)
        try await store.insert(planned)
        try await replanner.record(planned, reason: "demo data", on: db)
        let actor = Actor(userID: actors.csu.id!, organisationID: record.deliveryPartnerID, kind: .deliveryPartner, role: .admin)
        try await MigrationWriter.audit(
            AuditEntry(action: "migration.created", entity: "migration", entityID: id, after: MigrationSnapshot(planned.record)),
            migrationID: id, version: 1, actor: actor, at: now, on: db)
    }
}
