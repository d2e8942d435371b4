import Foundation
import Testing
@testable import MigrationKit

/// The steps as `MigrationAggregate` takes them, over generated migrations: every command
/// the rules allow now is taken (the form the page offers works), every other is refused
/// with the reason (never half done), and each step changes what it says it does.
@Suite struct MigrationStepsTests {
    static let today = SeenMigrationTests.today

    @Test(arguments: [4, 5, 6])
    func aStepIsTakenExactlyWhenTheRulesAllowIt(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        var taken = 0, refused = 0, unfitInput = 0, kinds = Set<String>()
        for _ in 0..<300 {
            let a = Self.withGoLiveAndSurvey(SeenMigrationTests.migration(&random), &random)
            let facts = a.facts(today: Self.today)
            for command in Self.commands(on: a) {
                var copy = a
                let allowed = facts.allows(command, today: Self.today)
                let context = "\(command) on a \(a.record.status) migration"
                do {
                    try Self.take(command, on: &copy)
                    #expect(allowed, "\(context) was taken though the rules refuse it")
                    #expect(copy != a, "\(context) changed nothing")
                    taken += 1
                    kinds.insert(String(describing: command).prefix { $0 != "(" }.description)
                } catch WorkflowError.invalid(let field, let message) where allowed {
                    // Good input for every migration cannot always be had (a day before a
                    // go-live already past): the field is named, and nothing changes.
                    #expect(copy == a, "\(context) refused \(field) but left a change behind")
                    unfitInput += 1
                    _ = message
                } catch {
                    #expect(!allowed, "\(context) was refused though the rules allow it: \(error)")
                    if case WorkflowError.invalid = error { Issue.record("\(context), refused by the rules, was refused for its input instead: \(error)") }
                    #expect(copy == a, "\(context) was refused but left a change behind")
                    refused += 1
                }
            }
        }
        // The generator reaches most steps on both sides.
        #expect(taken > 1_000 && refused > 1_000, "\(taken) taken, \(refused) refused")
        #expect(unfitInput * 20 < taken, "\(unfitInput) allowed steps refused for their input, against \(taken) taken")
        #expect(kinds.count >= 22, "kinds of step taken: \(kinds.sorted())")
    }

    @Test func aStepChangesWhatItSays() throws {
        var random = SplitMix64(seed: 7)
        var a = SeenMigrationTests.migration(&random)
        a.record.status = .registered
        a.scheduleAs = []
        a.record.confirmedGoLive = nil
        let goLive = Self.today + 60
        // The new system's supplier accepting its Schedule A with a day confirms the go-live.
        let scheduleA = try a.callOffScheduleA(.target, productCode: nil, today: Self.today)
        try a.commissionerDecides(scheduleA: scheduleA.id, .accept, reason: nil, today: Self.today)
        try a.supplierDecides(scheduleA: scheduleA.id, .accept, reason: nil, confirmGoLive: goLive, proposedGoLives: [], today: Self.today)
        #expect(a.record.confirmedGoLive == goLive && a.scheduleAs.count == 1)
        // An item of another migration is not found, whatever this one's state.
        #expect(throws: WorkflowError.notFound("Schedule A")) { try a.confirmGoLive(goLive + 7, scheduleA: UUID(), today: Self.today) }
        #expect(throws: WorkflowError.notFound("notice")) { try a.markNoticeSent(UUID(), on: Self.today, today: Self.today) }
        // A module not bought with this migration names the field.
        #expect(throws: WorkflowError.invalid(field: "productCode", message: "'NONE' is not one of this migration's modules")) {
            try a.callOffScheduleA(.submodule, productCode: "NONE", today: Self.today)
        }
    }

    @Test func aNewMigrationAndItsDetailsFollowTheRules() throws {
        var random = SplitMix64(seed: 8)
        let generated = SeenMigrationTests.migration(&random)
        let (source, target) = (generated.sourceProduct, generated.targetProduct)
        let module = ProductRow(id: UUID(), code: "M1", name: "Appointments", supplierID: target.supplierID, supplierName: "", kind: .submodule, extractLeadDays: nil)
        let stray = ProductRow(id: UUID(), code: "M2", name: "Other module", supplierID: source.supplierID, supplierName: "", kind: .submodule, extractLeadDays: nil)
        let docman = ProductRow(id: UUID(), code: "S1", name: "Docman", supplierID: UUID(), supplierName: "", kind: .subsidiary, extractLeadDays: 21)
        let practiceUser = Actor(userID: UUID(), organisationID: generated.record.practiceOrgID, kind: .practice, role: .member)
        func propose(target: ProductRow = target, submodules: [ProductRow] = [module], open: Bool = false, by actor: Actor? = nil) throws(WorkflowError) -> MigrationAggregate {
            try MigrationAggregate.proposing(generated.record, practice: generated.practice, source: source, target: target, submodules: submodules, subsidiaries: [docman],
                                             provisionalGoLive: Self.today + 120, by: actor ?? practiceUser, policy: AccessPolicy(), practiceHasOpenMigration: open, today: Self.today)
        }
        // The delivery partner proposing it agrees the provisional go-live as itself.
        let csu = Actor(userID: UUID(), organisationID: generated.record.deliveryPartnerID, kind: .deliveryPartner, role: .member)
        #expect(try propose(by: csu).record.provisional?.agreements.keys.sorted { $0.rawValue < $1.rawValue } == [.deliveryPartner])
        #expect(throws: WorkflowError.wrongState("Practice already has a migration under way: end it before starting another")) { try propose(open: true) }
        #expect(throws: WorkflowError.invalid(field: "targetProductCode", message: "the new system must differ from the old one")) { try propose(target: source) }
        #expect(throws: WorkflowError.invalid(field: "submoduleCodes[1]", message: "Other module is not a module of \(target.name)")) { try propose(submodules: [module, stray]) }
        var a = try propose()
        #expect(a.record.status == .proposed && a.record.currentPhase == Phase.decisionAndFunding.rawValue)
        #expect(a.extraProducts.map(\.name) == ["Appointments", "Docman"] && a.record.provisional?.agreements[.practice] == Self.today)

        // Details change while the migration is open, each part only when given.
        #expect(throws: WorkflowError.invalid(field: "submoduleCodes[0]", message: "Other module is not a module of \(target.name)")) {
            try a.editDetails(businessCase: nil, blackouts: nil, overrides: nil, submodules: [stray], subsidiaries: nil)
        }
        try a.editDetails(businessCase: nil, blackouts: nil, overrides: ["dataExtractNoticeDays": 42], submodules: [], subsidiaries: nil)
        #expect(a.extraProducts.map(\.name) == ["Docman"] && a.record.overrides == ["dataExtractNoticeDays": 42])
        a.record.status = .completed
        let ended = a
        #expect(throws: WorkflowError.self) { try a.editDetails(businessCase: nil, blackouts: [], overrides: nil, submodules: nil, subsidiaries: nil) }
        #expect(a == ended)
    }

    // MARK: - Every command that could be given on a migration

    /// The migration, gone live when its status says so, sometimes with the practice's
    /// deployment survey sent or returned.
    static func withGoLiveAndSurvey(_ generated: MigrationAggregate, _ random: inout SplitMix64) -> MigrationAggregate {
        var a = generated
        guard [.live, .completed].contains(a.record.status) else { return a }
        let wentLive = today - Int.random(in: 1...40, using: &random)
        a.record.actualGoLive = wentLive
        switch Int.random(in: 0..<3, using: &random) {
        case 0: break
        case 1: a.deploymentSurveys = [DeploymentSurveyRow(id: UUID(), migrationID: a.id, DeploymentSurvey(goLive: wentLive, score: 4, comments: "", submittedBy: UUID(), submittedOn: today - 1))]
        default:
            let sent = DeploymentSurvey(goLive: wentLive, score: 2, comments: "", submittedBy: UUID(), submittedOn: today - 3)
            a.deploymentSurveys = [DeploymentSurveyRow(id: UUID(), migrationID: a.id, (try? sent.returning(reason: "Add training", by: UUID(), on: today - 2)) ?? sent)]
        }
        return a
    }

    /// Each command on this migration and its records, whether the rules allow it now or not.
    static func commands(on a: MigrationAggregate) -> [MigrationCommand] {
        var commands: [MigrationCommand] = [
            .approveBusinessCase, .returnBusinessCase, .reviseBusinessCase(reason: a.record.returnedBusinessCase?.reason ?? ""),
            .proposeProvisionalGoLive(current: a.record.provisionalGoLive), .register,
            .callOffScheduleA(.target, product: a.targetProduct.id), .callOffScheduleA(.decommission, product: a.sourceProduct.id),
        ]
        commands += a.submodules.map { .callOffScheduleA(.submodule, product: $0.id) }
        for row in a.scheduleAs {
            commands += [.commissionerDecides(scheduleA: row.id), .supplierDecides(scheduleA: row.id, kind: row.kind),
                         .confirmGoLive(scheduleA: row.id, current: row.confirmedGoLive), .recordCeaseDate(scheduleA: row.id, current: a.ceaseDate)]
        }
        commands += a.extractSuppliers.map { .requestExtractForm(supplier: $0) }
        for row in a.extractRequests {
            commands += [.sendExtractForm(request: row.id, supplier: row.supplierID), .returnExtractForm(request: row.id, supplier: row.supplierID),
                         .confirmExtractTransfer(request: row.id, supplier: row.supplierID)]
        }
        commands += [.bookKickOff(booked: a.record.kickOffOn), .bookTechnicalSurvey(booked: a.record.surveyOn)]
        commands += SignOffKind.allCases.map { .signOff($0) }
        commands += [.fillInDeploymentSurvey(returned: a.deploymentSurvey?.returnReason), .decideDeploymentSurvey, .recordServiceStability, .end, .recordMilestone]
        if let confirmed = a.record.confirmedGoLive { commands.append(.recordGoLive(confirmed: confirmed)) }
        commands += a.facts(today: today).deadlinesToMarkMet.map { .markDeadlineMet($0) }
        commands += [.addNotice, .addActionItem]
        commands += a.notices.map { .markNoticeSent(notice: $0.id) }
        for item in a.actionItems {
            commands += item.status.next.map { .moveActionItem(item.id, from: item.status, to: $0) }
        }
        return commands
    }

    /// Takes `command` as the page's form would, with good input.
    static func take(_ command: MigrationCommand, on a: inout MigrationAggregate) throws {
        let today = Self.today
        let csu = Actor(userID: UUID(), organisationID: a.record.deliveryPartnerID, kind: .deliveryPartner, role: .member)
        switch command {
        case .approveBusinessCase: try a.approveBusinessCase(fundingAmount: 18_500, fundingSource: "ICB", by: UUID(), today: today)
        case .returnBusinessCase: try a.returnBusinessCase(reason: "Cost the training", today: today)
        case .reviseBusinessCase: try a.reviseBusinessCase(BusinessCase(drivers: "Shared care", considerations: "Training costed", strategicFit: "ICB plan"), today: today)
        case .agreeProvisionalGoLive(let day): try a.giveProvisionalGoLive(day, by: csu, policy: AccessPolicy(), today: today)
        case .proposeProvisionalGoLive: try a.giveProvisionalGoLive(today + 250, by: csu, policy: AccessPolicy(), today: today)
        case .register: try a.register(reference: "R-1", today: today)
        case .callOffScheduleA(let kind, let product):
            try a.callOffScheduleA(kind, productCode: a.submodules.first { $0.id == product }?.code, today: today)
        case .commissionerDecides(let id): try a.commissionerDecides(scheduleA: id, .accept, reason: nil, today: today)
        case .supplierDecides(let id, _): try a.supplierDecides(scheduleA: id, .reject, reason: "Not this module", confirmGoLive: nil, proposedGoLives: [], today: today)
        case .confirmGoLive(let id, let current): try a.confirmGoLive(current == today + 90 ? today + 97 : today + 90, scheduleA: id, today: today)
        case .recordCeaseDate(let id, _): try a.recordCeaseDate(a.facts(today: today).state?.legacySupportEnds ?? today, scheduleA: id, today: today)
        case .requestExtractForm(let supplier): try a.requestExtractForm(from: supplier.supplier, today: today)
        case .sendExtractForm(let id, _): try a.extractFormSent(id, today: today)
        case .returnExtractForm(let id, _): try a.extractFormReturned(id, dataProductionDays: [a.planner.calendar.adding(workingDays: 1, to: today)], today: today)
        case .confirmExtractTransfer(let id, _): try a.extractTransferred(id, today: today)
        case .bookKickOff: try a.bookKickOff(a.planner.calendar.adding(workingDays: 3, to: today), today: today)
        case .bookTechnicalSurvey: try a.bookTechnicalSurvey(a.planner.calendar.adding(workingDays: 4, to: today), today: today)
        case .signOff(let kind): try a.signOff(kind, by: UUID(), signerName: "Helen Carter", comment: "", today: today)
        case .recordGoLive(let confirmed): try a.recordGoLive(confirmed, today: today)
        case .end: try a.end(on: today, today: today)
        case .fillInDeploymentSurvey: try a.fillInDeploymentSurvey(goLive: a.record.actualGoLive ?? today - 1, score: 4, comments: "Went well", by: UUID(), today: today)
        case .decideDeploymentSurvey: try a.confirmDeploymentSurvey(by: UUID(), today: today)
        case .recordServiceStability: try a.recordServiceStability(on: today, today: today)
        case .recordMilestone: try a.recordMilestone(.kickOff, actualStart: today - 5, actualEnd: nil, today: today)
        case .markDeadlineMet(let deadline): try a.markDeadlineMet(deadline.key, on: today, today: today)
        case .addNotice: try a.addNotice(to: "Community pharmacy", service: .eps, today: today)
        case .markNoticeSent(let id): try a.markNoticeSent(id, on: today, today: today)
        case .addActionItem: try a.addActionItem("Check smartcards", phase: .preMigration, owner: .practice, due: nil, today: today)
        case .moveActionItem(let id, _, let to):
            let national = Actor(userID: UUID(), organisationID: UUID(), kind: .national, role: .member)
            try a.moveActionItem(id, to: to, by: national, policy: AccessPolicy(), today: today)
        }
    }
}
