import Foundation
import Testing
@testable import MigrationKit

/// Which steps each party may take now, decided by the model (`MigrationFacts.commands`).
/// The server's tests check that each is accepted and each accepted step is offered; these
/// check the rules themselves on a registered migration going live on 14 June 2027.
@Suite struct MigrationCommandTests {
    let rules = TrackingRuleTests()
    let policy = AccessPolicy()
    var parties: MigrationParties {
        MigrationParties(practice: TrackingRuleTests.id(1), commissioner: TrackingRuleTests.id(2), deliveryPartner: TrackingRuleTests.id(3),
                         sourceSupplier: rules.sourceSupplier, targetSupplier: rules.targetSupplier, subsidiarySuppliers: [rules.docManSupplier])
    }
    var practice: Actor { actor(parties.practice, .practice) }
    var csu: Actor { actor(parties.deliveryPartner, .deliveryPartner) }
    var target: Actor { actor(rules.targetSupplier, .supplier) }
    var source: Actor { actor(rules.sourceSupplier, .supplier) }

    func actor(_ organisation: UUID, _ kind: OrganisationKind) -> Actor {
        Actor(userID: TrackingRuleTests.id(99), organisationID: organisation, kind: kind, role: .member)
    }

    func facts(status: MigrationStatus = .registered, today: String = "2027-04-01", scheduleAs: [ScheduleA] = [], actualGoLive: Day? = nil,
               signedOff: Set<SignOffKind> = [], actionItems: [(Party, ActionItemStatus)] = [], provisional: Bool = true,
               returned: ReturnedBusinessCase? = nil) -> MigrationFacts {
        let state = rules.state(today: today, status: status, scheduleAs: scheduleAs, extractSuppliers: [rules.emis])
        let confirmed = scheduleAs.compactMap(\.confirmedGoLive).first
        return MigrationFacts(
            parties: parties, status: status, returnedBusinessCase: returned, provisional: provisional ? ProvisionalGoLive(day: TrackingRuleTests.day("2027-06-14")) : nil, confirmedGoLive: confirmed,
            actualGoLive: actualGoLive, targetProduct: rules.targetProduct, sourceProduct: rules.sourceProduct, submodules: [],
            scheduleAs: scheduleAs.enumerated().map { .init(id: TrackingRuleTests.id(200 + $0.offset), value: $0.element) }, extractSuppliers: [rules.emis],
            extractRequests: [], kickOff: nil, technicalSurvey: nil, signedOff: signedOff, unsentNotices: [],
            actionItems: actionItems.enumerated().map { .init(id: TrackingRuleTests.id(300 + $0.offset), value: $0.element) },
            goLive: GoLive(status: status, confirmedDay: confirmed, scheduleAs: scheduleAs, extractSuppliers: [rules.emis], extractRequests: [], goLiveDataSignedOff: false),
            state: state)
    }

    @Test func aSupplierDecidesOnlyItsOwnScheduleA() {
        let waiting = facts(scheduleAs: [rules.scheduleA(.target, .commissionerAccepted), rules.scheduleA(.decommission, .commissionerAccepted)])
        let targetSteps = waiting.commands(for: target, policy: policy, today: TrackingRuleTests.day("2027-04-01"))
        let sourceSteps = waiting.commands(for: source, policy: policy, today: TrackingRuleTests.day("2027-04-01"))
        #expect(targetSteps.contains(.supplierDecides(scheduleA: TrackingRuleTests.id(200), kind: .target)))
        #expect(!targetSteps.contains(.supplierDecides(scheduleA: TrackingRuleTests.id(201), kind: .decommission)))
        #expect(sourceSteps.contains(.supplierDecides(scheduleA: TrackingRuleTests.id(201), kind: .decommission)))
        #expect(!sourceSteps.contains(.supplierDecides(scheduleA: TrackingRuleTests.id(200), kind: .target)))
        #expect(!waiting.commands(for: practice, policy: policy, today: TrackingRuleTests.day("2027-04-01")).contains { if case .supplierDecides = $0 { true } else { false } })
    }

    @Test func theDeploymentSurveyComesAfterGoLive() {
        let before = facts().commands(for: practice, policy: policy, today: TrackingRuleTests.day("2027-04-01"))
        #expect(before.contains(.signOff(.goLiveData)) && !before.contains(.fillInDeploymentSurvey(returned: nil)))
        let after = facts(status: .live, today: "2027-06-16", actualGoLive: TrackingRuleTests.day("2027-06-14"))
            .commands(for: practice, policy: policy, today: TrackingRuleTests.day("2027-06-16"))
        #expect(after.contains(.fillInDeploymentSurvey(returned: nil)))
    }

    @Test func aSupplierMovesOnlyItsOwnPartysActionItems() {
        let items = facts(actionItems: [(.practice, .open), (.targetSupplier, .done)])
        let day = TrackingRuleTests.day("2027-04-01")
        let practiceItem = TrackingRuleTests.id(300), supplierItem = TrackingRuleTests.id(301)
        let supplierMoves = items.commands(for: target, policy: policy, today: day)
        #expect(supplierMoves.contains(.moveActionItem(supplierItem, from: .done, to: .open)))
        #expect(!supplierMoves.contains { if case .moveActionItem(practiceItem, _, _) = $0 { true } else { false } })
        let csuMoves = items.commands(for: csu, policy: policy, today: day)
        #expect(csuMoves.contains(.moveActionItem(practiceItem, from: .open, to: .done)) && csuMoves.contains(.moveActionItem(practiceItem, from: .open, to: .cancelled)))
        #expect(!csuMoves.contains(.moveActionItem(supplierItem, from: .done, to: .done)))
    }

    @Test func eachTurnIsOwedByTheOrganisationThatMayTakeIt() {
        let waiting = facts(scheduleAs: [rules.scheduleA(.target, .commissionerAccepted), rules.scheduleA(.decommission, .calledOff)])
        let turns = waiting.turns(policy: policy, today: TrackingRuleTests.day("2027-04-01"))
        func owed(_ organisation: UUID) -> [MigrationCommand] { turns.filter { $0.organisation == organisation }.map(\.command) }
        // No one has agreed to the provisional go-live yet: each agreeing party owes that.
        let agree = MigrationCommand.agreeProvisionalGoLive(TrackingRuleTests.day("2027-06-14"))
        #expect(owed(rules.targetSupplier) == [agree, .supplierDecides(scheduleA: TrackingRuleTests.id(200), kind: .target)])
        #expect(owed(parties.commissioner) == [agree, .commissionerDecides(scheduleA: TrackingRuleTests.id(201))])
        #expect(owed(parties.practice) == [agree] && owed(parties.deliveryPartner) == [agree])
        // The old system's supplier has nothing to decide until the commissioner has.
        #expect(owed(rules.sourceSupplier).isEmpty && turns.allSatisfy(\.command.isTurn))
        // The new system's supplier accepting its Schedule A is what confirms the go-live.
        #expect(MigrationCommand.supplierDecides(scheduleA: TrackingRuleTests.id(200), kind: .target).meets == DeadlineID(.goLiveConfirmed))
        #expect(MigrationCommand.supplierDecides(scheduleA: TrackingRuleTests.id(201), kind: .decommission).meets == nil)
    }

    @Test func anEndedMigrationOffersNothing() {
        let ended = facts(status: .completed, today: "2027-09-01", actualGoLive: TrackingRuleTests.day("2027-06-14"), actionItems: [(.practice, .open)])
        for reader in [practice, csu, target, source] {
            #expect(ended.commands(for: reader, policy: policy, today: TrackingRuleTests.day("2027-09-01")).isEmpty, "\(reader.kind)")
        }
    }

    /// Every step a migration waits on says by when, from the plan; steps that can be taken
    /// at any time do not.
    @Test func everyTurnHasADueDayFromThePlan() throws {
        let plan = try #require(facts().state?.plan)
        let request = TrackingRuleTests.id(400), supplier = rules.sourceSupplier
        let turns: [MigrationCommand] = [.approveBusinessCase, .returnBusinessCase, .reviseBusinessCase(reason: "r"), .agreeProvisionalGoLive(plan.goLive), .register,
                                         .commissionerDecides(scheduleA: request), .supplierDecides(scheduleA: request, kind: .decommission),
                                         .confirmGoLive(scheduleA: request, current: nil), .sendExtractForm(request: request, supplier: supplier),
                                         .returnExtractForm(request: request, supplier: supplier), .confirmExtractTransfer(request: request, supplier: supplier),
                                         .fillInDeploymentSurvey(returned: nil), .decideDeploymentSurvey, .recordCeaseDate(scheduleA: request, current: nil), .end]
        for command in turns where command.isTurn {
            #expect(command.due(in: plan) != nil, "\(command)")
        }
        #expect(MigrationCommand.approveBusinessCase.due(in: plan) == plan.milestone(.decisionAndFunding).end)
        #expect(MigrationCommand.register.due(in: plan) == plan.deadline(.scheduleATarget).due)
        #expect(MigrationCommand.commissionerDecides(scheduleA: request).due(in: plan) == plan.deadline(.goLiveConfirmed).due)
        #expect(MigrationCommand.returnExtractForm(request: request, supplier: supplier).due(in: plan) == plan.initialDataProduction)
        #expect(MigrationCommand.confirmExtractTransfer(request: request, supplier: supplier).due(in: plan) == plan.milestone(.dataChecking).start)
        #expect(MigrationCommand.end.due(in: plan) == plan.milestone(.endOfMigration).end)
        #expect(MigrationCommand.addNotice.due(in: plan) == nil)
        #expect(MigrationCommand.recordMilestone.due(in: plan) == nil)
    }

    /// Each step is offered exactly when `check` lets it through, and the step's refusal
    /// says why: the cases where the page and the service used to decide apart.
    @Test func whatIsOfferedIsWhatTheCheckAllows() {
        let day = TrackingRuleTests.day("2027-04-01")
        func refusal(_ facts: MigrationFacts, _ command: MigrationCommand, on today: Day = day) -> String? {
            do { try facts.check(command, today: today); return nil } catch { return error.description }
        }
        // Registering needs an agreed provisional go-live, offered or not.
        #expect(facts(status: .approved).commands(for: csu, policy: policy, today: day).contains(.register))
        let undated = facts(status: .approved, provisional: false)
        #expect(!undated.commands(for: csu, policy: policy, today: day).contains(.register))
        #expect(refusal(undated, .register) == "agree a provisional go-live date before registering the migration")

        // Once live, the go-live is not confirmed again and the meetings before it are not booked.
        let live = facts(status: .live, today: "2027-06-16", scheduleAs: [rules.scheduleA(.target, .accepted, confirmedGoLive: "2027-06-14")],
                         actualGoLive: TrackingRuleTests.day("2027-06-14"))
        let after = TrackingRuleTests.day("2027-06-16")
        let confirm = MigrationCommand.confirmGoLive(scheduleA: TrackingRuleTests.id(200), current: TrackingRuleTests.day("2027-06-14"))
        #expect(facts(scheduleAs: [rules.scheduleA(.target, .accepted, confirmedGoLive: "2027-06-14")]).commands(for: target, policy: policy, today: day).contains(confirm))
        #expect(!live.commands(for: target, policy: policy, today: after).contains(confirm))
        #expect(refusal(live, confirm, on: after) == "the migration has already gone live")
        #expect(facts().commands(for: csu, policy: policy, today: day).contains(.bookKickOff(booked: nil)))
        #expect(!live.commands(for: csu, policy: policy, today: after).contains(.bookKickOff(booked: nil)))
        #expect(refusal(live, .bookKickOff(booked: nil), on: after) == "the migration has already gone live")

        // The business case: approved or returned by the commissioner; once returned, only
        // revised by the practice, and the commissioner waits for it.
        let commissioner = actor(parties.commissioner, .commissioner)
        #expect(facts(status: .proposed).commands(for: commissioner, policy: policy, today: day).filter { $0 == .approveBusinessCase || $0 == .returnBusinessCase }
                == [.approveBusinessCase, .returnBusinessCase])
        let returned = facts(status: .proposed, returned: ReturnedBusinessCase(reason: "Cost the training", returnedOn: day))
        #expect(!returned.commands(for: commissioner, policy: policy, today: day).contains { $0 == .approveBusinessCase || $0 == .returnBusinessCase })
        #expect(returned.commands(for: practice, policy: policy, today: day).contains(.reviseBusinessCase(reason: "Cost the training")))
        #expect(refusal(returned, .approveBusinessCase)?.hasPrefix("the business case was returned to the practice") == true)
        #expect(refusal(facts(status: .proposed), .reviseBusinessCase(reason: "")) == "the commissioner has not returned the business case, so there is nothing to revise")
        // A live migration ends only once its deployment survey is confirmed.
        #expect(refusal(live, .end, on: after) == "the deployment survey must be confirmed in the order records before the migration ends")

        // An ended migration's Schedule A left waiting is not decided any more.
        let ended = facts(status: .completed, today: "2027-09-01", scheduleAs: [rules.scheduleA(.decommission, .calledOff)])
        #expect(refusal(ended, .commissionerDecides(scheduleA: TrackingRuleTests.id(200)), on: TrackingRuleTests.day("2027-09-01"))
                == "the migration has ended, so you can no longer decide on a Schedule A")
    }
}
