import Foundation

/// Why a request was refused: a migration the actor may not see is answered as if it did
/// not exist (404); one they may see but not change says why (403).
public enum AccessDenied: Error, Equatable, Sendable, CustomStringConvertible {
    case notVisible
    case forbidden(String)

    public var description: String {
        switch self {
        case .notVisible: "no such migration"
        case .forbidden(let reason): reason
        }
    }
}

/// The one place that decides who sees and does what. A pure function of the actor, the
/// migration's parties and the region's settings.
public struct AccessPolicy: Sendable {
    public let settings: RegionSettings

    public init(settings: RegionSettings = RegionSettings()) {
        self.settings = settings
    }

    /// Every way `actor` is connected to the migration; empty when it is none of theirs.
    public func relations(of actor: Actor, to parties: MigrationParties) -> Set<Relation> {
        var relations: Set<Relation> = []
        let org = actor.organisationID
        switch actor.kind {
        case .national: relations.insert(.national)
        case .practice: if org == parties.practice { relations.insert(.practice) }
        case .commissioner: if org == parties.commissioner { relations.insert(.commissioner) }
        case .deliveryPartner: if org == parties.deliveryPartner { relations.insert(.deliveryPartner) }
        case .supplier:
            if org == parties.targetSupplier { relations.insert(.targetSupplier) }
            if org == parties.sourceSupplier { relations.insert(.sourceSupplier) }
            if parties.subsidiarySuppliers.contains(org) { relations.insert(.subsidiarySupplier) }
        }
        return relations
    }

    public func canSee(_ actor: Actor, _ parties: MigrationParties) -> Bool {
        !relations(of: actor, to: parties).isEmpty
    }

    /// Whether `actor`'s account takes steps at all (a viewer's only reads).
    public func takesSteps(_ actor: Actor) -> Bool {
        actor.role != .viewer
    }

    /// Whether `actor` is offered the portfolio: those who oversee many practices' migrations.
    public func seesPortfolio(_ actor: Actor) -> Bool {
        [.commissioner, .deliveryPartner, .national].contains(actor.kind)
    }

    /// Whether `actor` is offered the metrics of how migrations went: everyone but a practice,
    /// whose one migration at a time makes its own plan the better view. (What the metrics
    /// count is what the reader may see, as everywhere.)
    public func offersMetrics(_ actor: Actor) -> Bool {
        actor.kind != .practice
    }

    /// Whether `actor` may import order files: the national team and delivery partners (who
    /// keep the area's records; a delivery partner touches only the practices it supports).
    public func importsOrders(_ actor: Actor) -> Bool {
        takesSteps(actor) && [.national, .deliveryPartner].contains(actor.kind)
    }

    /// Whether `actor` is offered the order records page: importers, and those who export
    /// a portfolio's orders.
    public func offersOrderRecords(_ actor: Actor) -> Bool {
        importsOrders(actor) || seesPortfolio(actor)
    }

    /// Whether `actor` may start migrations (for the practices they belong to or support).
    public func startsMigrations(_ actor: Actor) -> Bool {
        takesSteps(actor) && Party.played(by: actor.kind).contains(where: allowed(for: .createMigration).parties.contains)
    }

    /// Throws unless `actor` may take `action` on the migration.
    public func authorize(_ action: WorkflowAction, by actor: Actor, on parties: MigrationParties) throws(AccessDenied) {
        switch refusal(of: action, by: actor, on: parties) {
        case nil: return
        case .notVisible: throw .notVisible
        case .viewOnly: throw .forbidden("your account can view migrations but not change them")
        case .notTheirs(let allowed):
            var names = allowed.parties.map { "the \($0.title)" }.sorted()
            if allowed.supplier != nil { names.insert("the supplier concerned", at: 0) }
            throw .forbidden("only \(names.joined(separator: " or ")) may \(action.verb)")
        }
    }

    /// Whether `actor` may take `action` on the migration: `authorize` without the reason.
    public func permits(_ action: WorkflowAction, by actor: Actor, on parties: MigrationParties) -> Bool {
        refusal(of: action, by: actor, on: parties) == nil
    }

    /// What `actor` may do on one migration, their relations to it worked out once: the
    /// pages and the kept task lists ask it of every step for every party.
    public func permissions(of actor: Actor, on parties: MigrationParties) -> Permissions {
        Permissions(policy: self, actor: actor, relations: relations(of: actor, to: parties))
    }

    public struct Permissions: Sendable {
        let policy: AccessPolicy, actor: Actor, relations: Set<Relation>

        public func permits(_ action: WorkflowAction) -> Bool { policy.refusal(of: action, by: actor, relations: relations) == nil }
    }

    /// Why a step is refused, without the message: `authorize` makes that only when it
    /// answers a refusal (making it for every step refused took a fifteenth of a write).
    private enum Refusal {
        case notVisible, viewOnly, notTheirs(Allowed)
    }

    private func refusal(of action: WorkflowAction, by actor: Actor, on parties: MigrationParties) -> Refusal? {
        refusal(of: action, by: actor, relations: relations(of: actor, to: parties))
    }

    /// Why `actor`, so related to the migration, may not take `action`; nil when they may.
    private func refusal(of action: WorkflowAction, by actor: Actor, relations: Set<Relation>) -> Refusal? {
        guard !relations.isEmpty else { return .notVisible }
        guard takesSteps(actor) else { return .viewOnly }
        let allowed = allowed(for: action)
        if let supplier = allowed.supplier, actor.kind == .supplier, actor.organisationID == supplier { return nil }
        guard relations.contains(where: { $0.party.map(allowed.parties.contains) ?? false }) else { return .notTheirs(allowed) }
        return nil
    }

    /// The party in which `actor` takes `action` on the migration (for a step that records
    /// who agreed); nil when they may not take it.
    public func party(of actor: Actor, taking action: WorkflowAction, on parties: MigrationParties) -> Party? {
        guard permits(action, by: actor, on: parties) else { return nil }
        let allowed = allowed(for: action).parties
        return relations(of: actor, to: parties).compactMap(\.party).first(where: allowed.contains)
    }

    /// Whether `actor` is told that a deadline was met, and when: that tells of the records
    /// behind it (another supplier's Schedule A, an extract), so a supplier learns it only
    /// of the deadlines it owns.
    public func seesDeadlineProgress(_ actor: Actor, _ parties: MigrationParties, _ kind: DeadlineKind) -> Bool {
        seesWholeMigration(actor, parties) || relations(of: actor, to: parties).contains { $0.party == kind.owner }
    }

    /// Whether `actor` sees (and so may update) an action item: a supplier sees those its
    /// own party owns.
    public func seesActionItem(_ actor: Actor, _ parties: MigrationParties, owner: Party) -> Bool {
        seesWholeMigration(actor, parties) || relations(of: actor, to: parties).contains { $0.party == owner }
    }

    /// Whether a supplier sees the business case, notices and the full audit history.
    /// Suppliers see only the parts of a migration that concern them.
    public func seesWholeMigration(_ actor: Actor, _ parties: MigrationParties) -> Bool {
        let relations = relations(of: actor, to: parties)
        return !relations.isEmpty && !relations.allSatisfy(\.isSupplier)
    }

    /// Whether `actor` sees a record that belongs to `supplier` (a Schedule A, an extract request).
    public func seesSupplierRecord(_ actor: Actor, _ parties: MigrationParties, supplier: UUID) -> Bool {
        guard canSee(actor, parties) else { return false }
        if seesWholeMigration(actor, parties) { return true }
        // The new supplier receives every extract, so it follows them all.
        return actor.organisationID == supplier || relations(of: actor, to: parties).contains(.targetSupplier)
    }

    /// Whether `actor` sees a supplier's Schedule A: its own, or all of them when it sees the
    /// whole migration (a supplier never reads another's order or the dates it offered).
    public func seesScheduleA(_ actor: Actor, _ parties: MigrationParties, supplier: UUID) -> Bool {
        canSee(actor, parties) && (seesWholeMigration(actor, parties) || actor.organisationID == supplier)
    }

    /// Whether `actor` sees the deployment survey: those who see the whole migration, and the
    /// new system's supplier, whose deployment it scores (and whose payment it starts).
    public func seesDeploymentSurvey(_ actor: Actor, _ parties: MigrationParties) -> Bool {
        seesWholeMigration(actor, parties) || relations(of: actor, to: parties).contains(.targetSupplier)
    }

    /// Whether `actor` is sent reminders about a migration: one they may see and act on.
    public func receivesReminders(_ actor: Actor, _ parties: MigrationParties) -> Bool {
        canSee(actor, parties) && takesSteps(actor)
    }

    /// Whether `actor` may read a finding: the finding's audience, asked of the rules above.
    public func seesFinding(_ actor: Actor, _ parties: MigrationParties, _ finding: Finding) -> Bool {
        sees(actor, parties, finding.audience)
    }

    /// Whether `actor` is in a finding's audience.
    public func sees(_ actor: Actor, _ parties: MigrationParties, _ audience: Finding.Audience) -> Bool {
        switch audience {
        case .everyone: canSee(actor, parties)
        case .wholeMigration: seesWholeMigration(actor, parties)
        case .scheduleA(let supplier): seesScheduleA(actor, parties, supplier: supplier)
        case .extract(let supplier): seesSupplierRecord(actor, parties, supplier: supplier)
        }
    }

    /// The parties that may take an action, and the one supplier that may when the action
    /// concerns a supplier's own record.
    private struct Allowed {
        var parties: Set<Party>
        var supplier: UUID? = nil
    }

    private func allowed(for action: WorkflowAction) -> Allowed {
        switch action {
        case .createMigration, .book, .manageNotices: Allowed(parties: [.practice, .deliveryPartner])
        case .editMigration, .proposeProvisionalGoLive: Allowed(parties: [.practice, .commissioner, .deliveryPartner])
        case .agreeProvisionalGoLive: Allowed(parties: Set(ProvisionalGoLive.agreeingParties))
        case .approveBusinessCase, .returnBusinessCase, .commissionerDecidesScheduleA: Allowed(parties: [.commissioner])
        case .reviseBusinessCase: Allowed(parties: [.practice])
        case .register: Allowed(parties: [settings.registersMigration])
        case .callOffScheduleA: Allowed(parties: [settings.callsOffScheduleAs])
        case .requestExtractForm: Allowed(parties: [settings.requestsExtractForms])
        case .supplierDecidesScheduleA(let supplier), .sendExtractForm(let supplier): Allowed(parties: [], supplier: supplier)
        case .confirmExtractTransfer(let supplier): Allowed(parties: [.targetSupplier, .deliveryPartner], supplier: supplier)
        case .returnExtractForm, .signOff, .fillInDeploymentSurvey: Allowed(parties: [.practice])
        case .decideDeploymentSurvey, .recordCeaseDate: Allowed(parties: [settings.administersOrderRecords])
        case .recordServiceStability: Allowed(parties: [.commissioner])
        case .recordMilestone: Allowed(parties: [.practice, .deliveryPartner, .targetSupplier])
        case .recordGoLive: Allowed(parties: [.deliveryPartner, .targetSupplier])
        case .endMigration: Allowed(parties: [.deliveryPartner, .commissioner])
        case .manageActionItems: Allowed(parties: Set(Party.allCases))
        case .markDeadlineMet(let owner): Allowed(parties: [owner, .deliveryPartner])
        case .tickChecklist(let party): Allowed(parties: [party])
        }
    }
}
