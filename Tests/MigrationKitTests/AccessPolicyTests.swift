import Foundation
import Testing
@testable import MigrationKit

/// Who sees and does what: every kind of organisation against its own migration and
/// someone else's, and every workflow action against the policy's table.
@Suite struct AccessPolicyTests {
    static func id(_ n: Int) -> UUID {
        let digits = String(n)
        return UUID(uuidString: "00000000-0000-0000-0000-" + String(repeating: "0", count: 12 - digits.count) + digits)!
    }

    // Our migration.
    static let practice = id(1)
    static let commissioner = id(2)
    static let deliveryPartner = id(3)
    static let sourceSupplier = id(4)
    static let targetSupplier = id(5)
    static let subsidiarySupplier = id(6)
    // Not party to it.
    static let unrelatedSupplier = id(7)
    static let national = id(8)

    static let ours = MigrationParties(
        practice: practice, commissioner: commissioner, deliveryPartner: deliveryPartner,
        sourceSupplier: sourceSupplier, targetSupplier: targetSupplier, subsidiarySuppliers: [subsidiarySupplier])

    /// Another practice's migration, with none of the same organisations.
    static let theirs = MigrationParties(
        practice: id(11), commissioner: id(12), deliveryPartner: id(13),
        sourceSupplier: id(14), targetSupplier: id(15), subsidiarySuppliers: [id(16)])

    /// Everyone who might ask, as they stand towards `ours`.
    enum Who: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case practice, commissioner, deliveryPartner, targetSupplier, sourceSupplier, subsidiarySupplier, unrelatedSupplier, national

        var testDescription: String { rawValue }

        var kind: OrganisationKind {
            switch self {
            case .practice: .practice
            case .commissioner: .commissioner
            case .deliveryPartner: .deliveryPartner
            case .targetSupplier, .sourceSupplier, .subsidiarySupplier, .unrelatedSupplier: .supplier
            case .national: .national
            }
        }

        var organisation: UUID {
            switch self {
            case .practice: AccessPolicyTests.practice
            case .commissioner: AccessPolicyTests.commissioner
            case .deliveryPartner: AccessPolicyTests.deliveryPartner
            case .targetSupplier: AccessPolicyTests.targetSupplier
            case .sourceSupplier: AccessPolicyTests.sourceSupplier
            case .subsidiarySupplier: AccessPolicyTests.subsidiarySupplier
            case .unrelatedSupplier: AccessPolicyTests.unrelatedSupplier
            case .national: AccessPolicyTests.national
            }
        }

        func actor(_ role: UserRole = .member) -> Actor {
            Actor(userID: AccessPolicyTests.id(100 + Who.allCases.firstIndex(of: self)!), organisationID: organisation, kind: kind, role: role)
        }
    }

    /// Every action, with each supplier-specific one for each supplier of the migration.
    static let everyAction: [WorkflowAction] = [
        .createMigration, .editMigration, .approveBusinessCase, .returnBusinessCase, .reviseBusinessCase, .proposeProvisionalGoLive, .agreeProvisionalGoLive, .register, .callOffScheduleA,
        .commissionerDecidesScheduleA, .requestExtractForm, .returnExtractForm, .book, .recordMilestone, .signOff,
        .recordGoLive, .endMigration, .manageNotices, .manageActionItems, .fillInDeploymentSurvey, .decideDeploymentSurvey,
        .recordServiceStability, .recordCeaseDate,
    ]
        + [targetSupplier, sourceSupplier, subsidiarySupplier].flatMap { supplier in
            [WorkflowAction.supplierDecidesScheduleA(supplier: supplier), .sendExtractForm(supplier: supplier), .confirmExtractTransfer(supplier: supplier)]
        }
        + Party.allCases.map { WorkflowAction.tickChecklist(party: $0) }
        + Party.allCases.map { WorkflowAction.markDeadlineMet(owner: $0) }

    /// The table: who may take each action on their own migration under the default region
    /// settings. The switch has no default, so a new action must be added here.
    static func mayTake(_ action: WorkflowAction) -> Set<Who> {
        func supplier(_ id: UUID) -> Who {
            Who.allCases.first { $0.kind == .supplier && $0.organisation == id }!
        }
        switch action {
        case .createMigration, .book, .manageNotices: return [.practice, .deliveryPartner]
        case .editMigration, .proposeProvisionalGoLive: return [.practice, .commissioner, .deliveryPartner]
        case .agreeProvisionalGoLive: return [.practice, .commissioner, .deliveryPartner, .targetSupplier]
        case .approveBusinessCase, .returnBusinessCase, .commissionerDecidesScheduleA: return [.commissioner]
        case .reviseBusinessCase: return [.practice]
        case .register, .callOffScheduleA, .requestExtractForm: return [.deliveryPartner]
        case .supplierDecidesScheduleA(let id), .sendExtractForm(let id): return [supplier(id)]
        case .confirmExtractTransfer(let id): return [supplier(id), .targetSupplier, .deliveryPartner]
        case .returnExtractForm, .signOff, .fillInDeploymentSurvey: return [.practice]
        case .decideDeploymentSurvey, .recordCeaseDate: return [.deliveryPartner]
        case .recordServiceStability: return [.commissioner]
        case .recordMilestone: return [.practice, .deliveryPartner, .targetSupplier]
        case .recordGoLive: return [.deliveryPartner, .targetSupplier]
        case .endMigration: return [.deliveryPartner, .commissioner]
        case .manageActionItems: return [.practice, .commissioner, .deliveryPartner, .targetSupplier, .sourceSupplier]
        case .markDeadlineMet(let owner):
            return [Self.who(owner), .deliveryPartner]
        case .tickChecklist(let party):
            return [Self.who(party)]
        }
    }

    static func who(_ party: Party) -> Who {
        switch party {
        case .practice: return .practice
        case .commissioner: return .commissioner
        case .deliveryPartner: return .deliveryPartner
        case .targetSupplier: return .targetSupplier
        case .sourceSupplier: return .sourceSupplier
        }
    }

    /// Why `actor` may not take `action`, or nil when they may.
    func refusal(_ action: WorkflowAction, by actor: Actor, on parties: MigrationParties = ours, policy: AccessPolicy = AccessPolicy()) -> AccessDenied? {
        do throws(AccessDenied) {
            try policy.authorize(action, by: actor, on: parties)
            return nil
        } catch {
            return error
        }
    }

    func isForbidden(_ denied: AccessDenied?) -> Bool {
        if case .forbidden = denied { true } else { false }
    }

    // MARK: Seeing

    @Test(arguments: Who.allCases)
    func everyPartySeesItsOwnMigrationAndAnUnrelatedSupplierDoesNot(who: Who) {
        #expect(AccessPolicy().canSee(who.actor(), Self.ours) == (who != .unrelatedSupplier))
    }

    @Test(arguments: Who.allCases)
    func onlyNationalSeesSomeoneElsesMigration(who: Who) {
        #expect(AccessPolicy().canSee(who.actor(), Self.theirs) == (who == .national))
    }

    @Test(arguments: UserRole.allCases)
    func seeingDoesNotDependOnRole(role: UserRole) {
        #expect(AccessPolicy().canSee(Who.practice.actor(role), Self.ours))
        #expect(!AccessPolicy().canSee(Who.practice.actor(role), Self.theirs))
    }

    @Test func relationsNameEveryWayAnActorIsConnected() {
        let policy = AccessPolicy()
        #expect(policy.relations(of: Who.practice.actor(), to: Self.ours) == [.practice])
        #expect(policy.relations(of: Who.commissioner.actor(), to: Self.ours) == [.commissioner])
        #expect(policy.relations(of: Who.deliveryPartner.actor(), to: Self.ours) == [.deliveryPartner])
        #expect(policy.relations(of: Who.targetSupplier.actor(), to: Self.ours) == [.targetSupplier])
        #expect(policy.relations(of: Who.sourceSupplier.actor(), to: Self.ours) == [.sourceSupplier])
        #expect(policy.relations(of: Who.subsidiarySupplier.actor(), to: Self.ours) == [.subsidiarySupplier])
        #expect(policy.relations(of: Who.unrelatedSupplier.actor(), to: Self.ours).isEmpty)
        #expect(policy.relations(of: Who.national.actor(), to: Self.ours) == [.national])
        #expect(policy.relations(of: Who.practice.actor(), to: Self.theirs).isEmpty)
    }

    @Test func aSupplierOnBothSidesHasBothRelations() {
        let sameSupplier = MigrationParties(
            practice: Self.practice, commissioner: Self.commissioner, deliveryPartner: Self.deliveryPartner,
            sourceSupplier: Self.targetSupplier, targetSupplier: Self.targetSupplier)
        #expect(AccessPolicy().relations(of: Who.targetSupplier.actor(), to: sameSupplier) == [.targetSupplier, .sourceSupplier])
    }

    @Test func anOrganisationIsMatchedByItsKindNotOnlyItsID() {
        // A practice account whose organisation id happens to be the commissioner's is still
        // a practice, and the commissioner of this migration is not it.
        let impostor = Actor(userID: Self.id(200), organisationID: Self.commissioner, kind: .practice, role: .member)
        #expect(!AccessPolicy().canSee(impostor, Self.ours))
        #expect(refusal(.approveBusinessCase, by: impostor) == .notVisible)
    }

    // MARK: Acting on one's own migration

    @Test(arguments: Who.allCases)
    func ownMigrationActionsFollowThePolicyTable(who: Who) {
        for action in Self.everyAction {
            let denied = refusal(action, by: who.actor())
            if who == .unrelatedSupplier {
                #expect(denied == .notVisible, "\(action)")
            } else if Self.mayTake(action).contains(who) {
                #expect(denied == nil, "\(who) should be allowed to \(action.verb)")
            } else {
                #expect(isForbidden(denied), "\(who) should be forbidden to \(action.verb), got \(String(describing: denied))")
            }
        }
    }

    @Test(arguments: Who.allCases)
    func adminsActLikeMembers(who: Who) {
        for action in Self.everyAction {
            #expect(refusal(action, by: who.actor(.admin)) == refusal(action, by: who.actor(.member)), "\(action)")
        }
    }

    @Test(arguments: Who.allCases.filter { $0 != .unrelatedSupplier })
    func viewersAreForbiddenEveryAction(who: Who) {
        for action in Self.everyAction {
            #expect(refusal(action, by: who.actor(.viewer)) == .forbidden("your account can view migrations but not change them"), "\(action)")
        }
    }

    @Test func aViewerOfSomeoneElsesMigrationIsToldItDoesNotExist() {
        #expect(refusal(.editMigration, by: Who.practice.actor(.viewer), on: Self.theirs) == .notVisible)
        #expect(refusal(.supplierDecidesScheduleA(supplier: Self.unrelatedSupplier), by: Who.unrelatedSupplier.actor(.viewer)) == .notVisible)
    }

    // MARK: Someone else's migration

    @Test(arguments: Who.allCases.filter { $0 != .national })
    func someoneElsesMigrationIsNotVisible(who: Who) {
        for action in Self.everyAction {
            #expect(refusal(action, by: who.actor(), on: Self.theirs) == .notVisible, "\(action)")
        }
    }

    @Test func aSupplierNamedInAnActionStillCannotActOnAMigrationItIsNotPartOf() {
        let unrelated = Who.unrelatedSupplier.actor()
        #expect(refusal(.supplierDecidesScheduleA(supplier: Self.unrelatedSupplier), by: unrelated) == .notVisible)
        #expect(refusal(.sendExtractForm(supplier: Self.unrelatedSupplier), by: unrelated) == .notVisible)
        #expect(refusal(.confirmExtractTransfer(supplier: Self.unrelatedSupplier), by: unrelated) == .notVisible)
    }

    // MARK: National

    @Test(arguments: [UserRole.member, .admin])
    func nationalSeesEveryMigrationButMayNotAct(role: UserRole) {
        let national = Who.national.actor(role)
        for parties in [Self.ours, Self.theirs] {
            #expect(AccessPolicy().canSee(national, parties))
            for action in Self.everyAction {
                #expect(isForbidden(refusal(action, by: national, on: parties)), "\(action)")
            }
        }
    }

    @Test func onlyANationalAdminIsANationalAdmin() {
        #expect(Who.national.actor(.admin).isNationalAdmin)
        #expect(!Who.national.actor(.member).isNationalAdmin)
        #expect(!Who.deliveryPartner.actor(.admin).isNationalAdmin)
    }

    // MARK: Messages

    @Test func aForbiddenStepNamesTheOnePartyThatMay() {
        #expect(refusal(.approveBusinessCase, by: Who.practice.actor())
            == .forbidden("only the Commissioner (ICB) may approve the business case and record funding"))
        #expect(refusal(.signOff, by: Who.deliveryPartner.actor())
            == .forbidden("only the Practice may record a sign-off"))
    }

    @Test func aForbiddenStepNamesEveryPartyThatMayInOrder() {
        #expect(refusal(.createMigration, by: Who.commissioner.actor())
            == .forbidden("only the Delivery partner (CSU) or the Practice may start a migration"))
        #expect(refusal(.recordMilestone, by: Who.commissioner.actor())
            == .forbidden("only the Delivery partner (CSU) or the New system supplier or the Practice may record a milestone's actual dates"))
    }

    @Test func aSupplierStepNamesTheSupplierConcerned() {
        #expect(refusal(.supplierDecidesScheduleA(supplier: Self.targetSupplier), by: Who.sourceSupplier.actor())
            == .forbidden("only the supplier concerned may accept or reject this Schedule A for its supplier"))
        #expect(refusal(.confirmExtractTransfer(supplier: Self.sourceSupplier), by: Who.practice.actor())
            == .forbidden("only the supplier concerned or the Delivery partner (CSU) or the New system supplier may confirm this data extract was transferred"))
    }

    @Test func aChecklistNamesItsParty() {
        #expect(refusal(.tickChecklist(party: .sourceSupplier), by: Who.targetSupplier.actor())
            == .forbidden("only the Old system supplier may tick the Old system supplier checklist"))
    }

    @Test func refusalsDescribeThemselves() {
        #expect(AccessDenied.notVisible.description == "no such migration")
        #expect(AccessDenied.forbidden("only the Practice may record a sign-off").description == "only the Practice may record a sign-off")
    }

    // MARK: Supplier-specific steps

    @Test func eachSupplierDecidesOnlyItsOwnScheduleA() {
        let suppliers: [Who] = [.targetSupplier, .sourceSupplier, .subsidiarySupplier]
        for named in suppliers {
            for asking in suppliers {
                let denied = refusal(.supplierDecidesScheduleA(supplier: named.organisation), by: asking.actor())
                #expect((denied == nil) == (named == asking), "\(asking) deciding \(named)'s Schedule A")
            }
        }
    }

    @Test func eachSupplierSendsOnlyItsOwnExtractForm() {
        #expect(refusal(.sendExtractForm(supplier: Self.subsidiarySupplier), by: Who.subsidiarySupplier.actor()) == nil)
        #expect(refusal(.sendExtractForm(supplier: Self.sourceSupplier), by: Who.sourceSupplier.actor()) == nil)
        #expect(isForbidden(refusal(.sendExtractForm(supplier: Self.sourceSupplier), by: Who.subsidiarySupplier.actor())))
        #expect(isForbidden(refusal(.sendExtractForm(supplier: Self.sourceSupplier), by: Who.targetSupplier.actor())))
    }

    @Test func noOtherPartyTakesASuppliersOwnStep() {
        for who in [Who.practice, .commissioner, .deliveryPartner] {
            #expect(isForbidden(refusal(.supplierDecidesScheduleA(supplier: Self.targetSupplier), by: who.actor())), "\(who)")
            #expect(isForbidden(refusal(.sendExtractForm(supplier: Self.sourceSupplier), by: who.actor())), "\(who)")
        }
    }

    @Test func theNewSupplierAndDeliveryPartnerConfirmAnyTransferAndEachSupplierItsOwn() {
        let subsidiaryTransfer = WorkflowAction.confirmExtractTransfer(supplier: Self.subsidiarySupplier)
        #expect(refusal(subsidiaryTransfer, by: Who.subsidiarySupplier.actor()) == nil)
        #expect(refusal(subsidiaryTransfer, by: Who.targetSupplier.actor()) == nil)
        #expect(refusal(subsidiaryTransfer, by: Who.deliveryPartner.actor()) == nil)
        #expect(isForbidden(refusal(subsidiaryTransfer, by: Who.sourceSupplier.actor())))
        #expect(isForbidden(refusal(subsidiaryTransfer, by: Who.practice.actor())))
    }

    // MARK: Region settings

    @Test func byDefaultTheDeliveryPartnerRegistersCallsOffAndRequestsForms() {
        let settings = RegionSettings()
        #expect(settings.registersMigration == .deliveryPartner)
        #expect(settings.callsOffScheduleAs == .deliveryPartner)
        #expect(settings.requestsExtractForms == .deliveryPartner)
        for action in [WorkflowAction.register, .callOffScheduleA, .requestExtractForm] {
            #expect(refusal(action, by: Who.deliveryPartner.actor()) == nil)
            #expect(isForbidden(refusal(action, by: Who.commissioner.actor())))
            #expect(isForbidden(refusal(action, by: Who.practice.actor())))
        }
    }

    @Test func aRegionCanGiveRegistrationToTheCommissioner() {
        let policy = AccessPolicy(settings: RegionSettings(registersMigration: .commissioner, callsOffScheduleAs: .deliveryPartner, requestsExtractForms: .deliveryPartner))
        #expect(refusal(.register, by: Who.commissioner.actor(), policy: policy) == nil)
        #expect(refusal(.register, by: Who.deliveryPartner.actor(), policy: policy)
            == .forbidden("only the Commissioner (ICB) may register the migration"))
        #expect(refusal(.callOffScheduleA, by: Who.deliveryPartner.actor(), policy: policy) == nil)
    }

    @Test func aRegionCanGiveCallingOffToThePractice() {
        let policy = AccessPolicy(settings: RegionSettings(registersMigration: .deliveryPartner, callsOffScheduleAs: .practice, requestsExtractForms: .deliveryPartner))
        #expect(refusal(.callOffScheduleA, by: Who.practice.actor(), policy: policy) == nil)
        #expect(refusal(.callOffScheduleA, by: Who.deliveryPartner.actor(), policy: policy)
            == .forbidden("only the Practice may call off a Schedule A"))
        #expect(refusal(.register, by: Who.practice.actor(), policy: policy) != nil)
    }

    @Test func aRegionCanGiveExtractFormRequestsToThePractice() {
        let policy = AccessPolicy(settings: RegionSettings(registersMigration: .deliveryPartner, callsOffScheduleAs: .deliveryPartner, requestsExtractForms: .practice))
        #expect(refusal(.requestExtractForm, by: Who.practice.actor(), policy: policy) == nil)
        #expect(refusal(.requestExtractForm, by: Who.deliveryPartner.actor(), policy: policy)
            == .forbidden("only the Practice may ask a supplier for its extract request form"))
    }

    @Test func regionSettingsDoNotChangeOtherSteps() {
        let policy = AccessPolicy(settings: RegionSettings(registersMigration: .practice, callsOffScheduleAs: .commissioner, requestsExtractForms: .commissioner))
        for action in Self.everyAction where ![WorkflowAction.register, .callOffScheduleA, .requestExtractForm].contains(action) {
            for who in Who.allCases {
                #expect(refusal(action, by: who.actor(), policy: policy) == refusal(action, by: who.actor()), "\(who) \(action)")
            }
        }
    }

    // MARK: What suppliers see

    @Test(arguments: Who.allCases)
    func onlyNonSupplierPartiesSeeTheWholeMigration(who: Who) {
        let expected: Bool = switch who {
        case .practice, .commissioner, .deliveryPartner, .national: true
        case .targetSupplier, .sourceSupplier, .subsidiarySupplier, .unrelatedSupplier: false
        }
        #expect(AccessPolicy().seesWholeMigration(who.actor(), Self.ours) == expected)
    }

    @Test func onlyNationalSeesTheWholeOfSomeoneElsesMigration() {
        for who in Who.allCases {
            #expect(AccessPolicy().seesWholeMigration(who.actor(), Self.theirs) == (who == .national), "\(who)")
        }
    }

    @Test func nonSupplierPartiesSeeEverySuppliersRecords() {
        for who in [Who.practice, .commissioner, .deliveryPartner, .national] {
            for supplier in [Self.targetSupplier, Self.sourceSupplier, Self.subsidiarySupplier] {
                #expect(AccessPolicy().seesSupplierRecord(who.actor(), Self.ours, supplier: supplier), "\(who)")
            }
        }
    }

    @Test func theNewSupplierFollowsEverySuppliersRecords() {
        for supplier in [Self.targetSupplier, Self.sourceSupplier, Self.subsidiarySupplier] {
            #expect(AccessPolicy().seesSupplierRecord(Who.targetSupplier.actor(), Self.ours, supplier: supplier))
        }
    }

    @Test func otherSuppliersSeeOnlyTheirOwnRecords() {
        let policy = AccessPolicy()
        #expect(policy.seesSupplierRecord(Who.sourceSupplier.actor(), Self.ours, supplier: Self.sourceSupplier))
        #expect(!policy.seesSupplierRecord(Who.sourceSupplier.actor(), Self.ours, supplier: Self.targetSupplier))
        #expect(!policy.seesSupplierRecord(Who.sourceSupplier.actor(), Self.ours, supplier: Self.subsidiarySupplier))
        #expect(policy.seesSupplierRecord(Who.subsidiarySupplier.actor(), Self.ours, supplier: Self.subsidiarySupplier))
        #expect(!policy.seesSupplierRecord(Who.subsidiarySupplier.actor(), Self.ours, supplier: Self.sourceSupplier))
        #expect(!policy.seesSupplierRecord(Who.subsidiarySupplier.actor(), Self.ours, supplier: Self.targetSupplier))
    }

    @Test func anUnrelatedSupplierSeesNoRecordOfTheMigration() {
        let policy = AccessPolicy()
        #expect(!policy.seesSupplierRecord(Who.unrelatedSupplier.actor(), Self.ours, supplier: Self.sourceSupplier))
        #expect(!policy.seesSupplierRecord(Who.practice.actor(), Self.theirs, supplier: Self.id(14)))
    }

    /// A migration the supplier cannot see has no records it may see, even one that names it.
    @Test func aSupplierCannotSeeItsOwnRecordOnAMigrationItIsNotPartOf() {
        #expect(!AccessPolicy().canSee(Who.unrelatedSupplier.actor(), Self.ours))
        #expect(!AccessPolicy().seesSupplierRecord(Who.unrelatedSupplier.actor(), Self.ours, supplier: Self.unrelatedSupplier))
    }
}

/// Who manages which organisations' people (`Administration`).
@Suite struct AdministrationTests {
    static let icb = UUID(), csu = UUID(), otherICB = UUID(), practice = UUID(), supplier = UUID(), national = UUID()
    static let links = Administration.PracticeLinks(commissioner: icb, deliveryPartner: csu)

    static func actor(_ organisation: UUID, _ kind: OrganisationKind, _ role: UserRole = .admin) -> Actor {
        Actor(userID: UUID(), organisationID: organisation, kind: kind, role: role)
    }

    @Test func nationalAdministratorsManageEveryoneAndAddOrganisations() {
        let admin = Self.actor(Self.national, .national)
        #expect(Administration.addsOrganisations(admin))
        #expect(Administration.managesPeople(admin, of: Self.supplier, practice: nil))
        #expect(Administration.managesPeople(admin, of: Self.practice, practice: Self.links))
        #expect(!Administration.addsOrganisations(Self.actor(Self.national, .national, .member)))
        #expect(!Administration.managesPeople(Self.actor(Self.national, .national, .member), of: Self.supplier, practice: nil))
    }

    @Test func regionalAdministratorsManageTheirOwnAndTheirPractices() {
        let elsewhere = Administration.PracticeLinks(commissioner: Self.otherICB, deliveryPartner: UUID())
        for admin in [Self.actor(Self.icb, .commissioner), Self.actor(Self.csu, .deliveryPartner)] {
            #expect(!Administration.addsOrganisations(admin))
            #expect(Administration.managesPeople(admin, of: admin.organisationID, practice: nil))
            #expect(Administration.managesPeople(admin, of: Self.practice, practice: Self.links))
            #expect(!Administration.managesPeople(admin, of: Self.supplier, practice: nil))
            #expect(!Administration.managesPeople(admin, of: Self.practice, practice: elsewhere))
        }
        #expect(!Administration.managesPeople(Self.actor(Self.icb, .commissioner, .member), of: Self.practice, practice: Self.links))
    }

    @Test func otherAdministratorsManageOnlyTheirOwn() {
        let practiceAdmin = Self.actor(Self.practice, .practice)
        #expect(Administration.managesPeople(practiceAdmin, of: Self.practice, practice: Self.links))
        #expect(!Administration.managesPeople(practiceAdmin, of: Self.icb, practice: nil))
        let supplierAdmin = Self.actor(Self.supplier, .supplier)
        #expect(!Administration.managesPeople(supplierAdmin, of: Self.practice, practice: Self.links))
    }
}
