import Foundation

/// What one person may see of a migration: the one visibility rule that the API's JSON,
/// the plan's findings, the printed plan and the migration page all read. A supplier sees
/// its own Schedule As and extracts (the new system's supplier every extract, as it
/// receives them), never another supplier's Schedule A or the dates it offered, and never
/// the business case, approval, notices or the practice's blackouts.
public struct SeenMigration: Sendable {
    /// The whole migration, for what everyone may read of it (its record's dates and
    /// status, its products, the plan worked out from all of it).
    public let migration: MigrationAggregate
    /// Whether they see it whole (`AccessPolicy.seesWholeMigration`): the business case,
    /// approval, notices and blackouts, and every record.
    public let whole: Bool
    public let subsidiaries: [ProductRow]
    public let scheduleAs: [ScheduleARow]
    /// The suppliers whose extract they follow, and the requests made of them.
    public let extractSuppliers: [ExtractSupplier]
    public let extractRequests: [ExtractRequestRow]
    /// The services and suppliers to be told of the dates, for those who see it whole.
    public let notices: [NoticeRow]?
    public let blackouts: [Blackout]
    /// Whether the deployment survey is theirs to read (`AccessPolicy.seesDeploymentSurvey`),
    /// filled in or not yet.
    public let seesDeploymentSurvey: Bool
    /// The order lines of the products whose Schedule A they see.
    public let orderLines: [OrderLineRow]
    public let actionItems: [ActionItemRow]
    /// The findings about what they see (`AccessPolicy.seesFinding`).
    public let findings: [Finding]

    /// The business case, while they see the migration whole.
    public var businessCase: BusinessCase? { whole ? migration.record.businessCase : nil }
    public var returnedBusinessCase: ReturnedBusinessCase? { whole ? migration.record.returnedBusinessCase : nil }
    public var deploymentSurvey: DeploymentSurvey? { seesDeploymentSurvey ? migration.deploymentSurvey : nil }
    /// Whether the approval and its funding are theirs to read (with the business case).
    public var approved: Bool { whole && migration.record.approvedOn != nil }
}

extension MigrationAggregate {
    /// What `actor` may see of this migration, with the findings of `state` (this
    /// migration's plan on the day, when the caller has worked it out already).
    public func seen(by actor: Actor, policy: AccessPolicy, state: MigrationState?) -> SeenMigration {
        // Worked out once: each is a new value at every access (parties a new set).
        let parties = parties, products = products
        let whole = policy.seesWholeMigration(actor, parties)
        func seesRecord(of supplier: UUID) -> Bool { policy.seesSupplierRecord(actor, parties, supplier: supplier) }
        func seesScheduleA(of supplier: UUID) -> Bool { policy.seesScheduleA(actor, parties, supplier: supplier) }
        return SeenMigration(
            migration: self, whole: whole,
            subsidiaries: subsidiaries.filter { seesRecord(of: $0.supplierID) },
            scheduleAs: scheduleAs.filter { seesScheduleA(of: $0.supplierID) },
            extractSuppliers: extractSuppliers.filter { seesRecord(of: $0.supplier) },
            extractRequests: extractRequests.filter { seesRecord(of: $0.supplierID) },
            notices: whole ? notices : nil,
            blackouts: whole ? record.blackouts : [],
            seesDeploymentSurvey: policy.seesDeploymentSurvey(actor, parties),
            orderLines: orderLines.filter { products[$0.productID].map { seesScheduleA(of: $0.supplierID) } ?? false },
            actionItems: actionItems.filter { policy.seesActionItem(actor, parties, owner: $0.owner) },
            findings: findings(of: state, for: actor, policy: policy))
    }

    /// What `actor` may see of this migration on `today`.
    public func seen(by actor: Actor, policy: AccessPolicy, today: Day) -> SeenMigration {
        seen(by: actor, policy: policy, state: state(today: today))
    }
}
