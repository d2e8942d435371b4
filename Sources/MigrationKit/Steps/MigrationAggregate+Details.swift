import Foundation

/// A migration proposed, and its details changed while it is open: the business case,
/// blackouts, the process's overrides, and the modules and subsidiary systems it takes.
extension MigrationAggregate {
    /// A new migration as the practice, or its delivery partner, proposes it, before anyone
    /// has decided anything. A provisional go-live given is agreed by the party `actor`
    /// proposes it for (the practice when they take no part in agreeing it).
    public static func proposing(
        _ record: MigrationRow, practice: PracticeRow, source: ProductRow, target: ProductRow, submodules: [ProductRow], subsidiaries: [ProductRow],
        provisionalGoLive: Day?, by actor: Actor, policy: AccessPolicy, practiceHasOpenMigration: Bool, today: Day
    ) throws(WorkflowError) -> MigrationAggregate {
        // One move at a time: a practice has at most one migration that has not ended.
        guard !practiceHasOpenMigration else {
            throw .wrongState("\(practice.name) already has a migration under way: end it before starting another")
        }
        guard source.id != target.id else { throw .invalid(field: "targetProductCode", message: "the new system must differ from the old one") }
        try checkModules(submodules, of: target)
        var record = record
        record.status = .proposed
        record.currentPhase = Phase.decisionAndFunding.rawValue
        var migration = MigrationAggregate(record: record, practice: practice, sourceProduct: source, targetProduct: target,
                                           extraProducts: (submodules + subsidiaries).sorted { $0.name < $1.name })
        if let provisionalGoLive {
            let party = policy.party(of: actor, taking: .proposeProvisionalGoLive, on: migration.parties) ?? .practice
            migration.record.provisional = try ProvisionalGoLive.proposing(provisionalGoLive, by: party, on: today, replacing: nil)
        }
        return migration
    }

    /// Changes what is given, while the migration is open.
    public mutating func editDetails(
        businessCase: BusinessCase?, blackouts: [Blackout]?, overrides: [String: Int]?, submodules: [ProductRow]?, subsidiaries: [ProductRow]?
    ) throws(WorkflowError) {
        try record.status.requireOpen("change the migration's details")
        if let submodules { try Self.checkModules(submodules, of: targetProduct) }
        if let businessCase { record.businessCase = businessCase }
        if let blackouts { record.blackouts = blackouts }
        if let overrides { record.overrides = overrides }
        if let submodules { extraProducts = (extraProducts.filter { $0.kind != .submodule } + submodules).sorted { $0.name < $1.name } }
        if let subsidiaries { extraProducts = (extraProducts.filter { $0.kind != .subsidiary } + subsidiaries).sorted { $0.name < $1.name } }
    }

    /// A module is bought from the new system's supplier.
    static func checkModules(_ submodules: [ProductRow], of target: ProductRow) throws(WorkflowError) {
        if let stray = submodules.firstIndex(where: { $0.supplierID != target.supplierID }) {
            throw .invalid(field: "submoduleCodes[\(stray)]", message: "\(submodules[stray].name) is not a module of \(target.name)")
        }
    }
}
