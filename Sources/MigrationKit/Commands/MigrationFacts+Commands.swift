import Foundation

extension MigrationFacts {
    /// The steps `actor` may take now, in the order the migration page offers them. Which
    /// steps make sense follows what is recorded; whether this actor may take them asks the
    /// access policy.
    public func commands(for actor: Actor, policy: AccessPolicy, today: Day) -> [MigrationCommand] {
        commands(for: actor, policy: policy, today: today, turnsOnly: false)
    }

    /// The steps `actor` may take now; with `turnsOnly`, only those the migration waits on
    /// (`MigrationCommand.isTurn`), without asking who may take the others: every write
    /// asks this of every party (`turns`), and a migration's action items alone offer each
    /// party two or three steps apiece.
    private func commands(for actor: Actor, policy: AccessPolicy, today: Day, turnsOnly: Bool) -> [MigrationCommand] {
        let permissions = policy.permissions(of: actor, on: parties)
        func may(_ action: WorkflowAction) -> Bool { permissions.permits(action) }
        var commands: [MigrationCommand] = []
        /// Offers `command` when this actor may take `action` and the migration allows it now.
        func offer(_ command: MigrationCommand, _ action: WorkflowAction) {
            if turnsOnly && !command.isTurn { return }
            if may(action) && allows(command, today: today) { commands.append(command) }
        }

        // The commissioner approves or returns the case; once returned, it is the practice's
        // turn to revise it.
        offer(.approveBusinessCase, .approveBusinessCase)
        offer(.returnBusinessCase, .returnBusinessCase)
        offer(.reviseBusinessCase(reason: returnedBusinessCase?.reason ?? ""), .reviseBusinessCase)
        // Until the supplier confirms a day: agree to the date proposed, or propose another.
        if let provisional, let me = policy.party(of: actor, taking: .agreeProvisionalGoLive, on: parties), provisional.agreements[me] == nil {
            offer(.agreeProvisionalGoLive(provisional.day), .agreeProvisionalGoLive)
        }
        offer(.proposeProvisionalGoLive(current: provisional?.day), .proposeProvisionalGoLive)
        offer(.register, .register)
        offer(.callOffScheduleA(.target, product: targetProduct), .callOffScheduleA)
        offer(.callOffScheduleA(.decommission, product: sourceProduct), .callOffScheduleA)
        for module in submodules { offer(.callOffScheduleA(.submodule, product: module), .callOffScheduleA) }
        for recorded in scheduleAs {
            let (id, s) = (recorded.id, recorded.value)
            offer(.commissionerDecides(scheduleA: id), .commissionerDecidesScheduleA)
            offer(.supplierDecides(scheduleA: id, kind: s.kind), .supplierDecidesScheduleA(supplier: s.supplier))
            offer(.confirmGoLive(scheduleA: id, current: s.confirmedGoLive), .supplierDecidesScheduleA(supplier: s.supplier))
        }
        for supplier in extractSuppliers { offer(.requestExtractForm(supplier: supplier), .requestExtractForm) }
        for recorded in extractRequests {
            let (id, supplier) = (recorded.id, recorded.value.supplier)
            offer(.sendExtractForm(request: id, supplier: supplier), .sendExtractForm(supplier: supplier))
            offer(.returnExtractForm(request: id, supplier: supplier), .returnExtractForm)
            offer(.confirmExtractTransfer(request: id, supplier: supplier), .confirmExtractTransfer(supplier: supplier))
        }
        offer(.bookKickOff(booked: kickOff), .book)
        offer(.bookTechnicalSurvey(booked: technicalSurvey), .book)
        for kind in SignOffKind.allCases { offer(.signOff(kind), .signOff) }
        // After go-live: the practice's survey, which the order records' administrator
        // confirms or returns; the commissioner's M2; the old system's cease date.
        offer(.fillInDeploymentSurvey(returned: deploymentSurvey?.returnReason), .fillInDeploymentSurvey)
        offer(.decideDeploymentSurvey, .decideDeploymentSurvey)
        offer(.recordServiceStability, .recordServiceStability)
        for recorded in scheduleAs { offer(.recordCeaseDate(scheduleA: recorded.id, current: ceaseDate), .recordCeaseDate) }
        // From the confirmed day on, once nothing stands in its way (`GoLive`).
        if let confirmedGoLive { offer(.recordGoLive(confirmed: confirmedGoLive), .recordGoLive) }
        offer(.end, .endMigration)
        offer(.recordMilestone, .recordMilestone)
        // Only deadlines no other record shows are marked as done by hand.
        for deadline in deadlinesToMarkMet { offer(.markDeadlineMet(deadline), .markDeadlineMet(owner: deadline.owner)) }
        offer(.addNotice, .manageNotices)
        for notice in unsentNotices { offer(.markNoticeSent(notice: notice), .manageNotices) }
        offer(.addActionItem, .manageActionItems)
        // An open item is done or cancelled, a done or cancelled one opened again; only the
        // items this actor sees.
        for item in actionItems where policy.seesActionItem(actor, parties, owner: item.value.owner) {
            for next in item.value.status.next { offer(.moveActionItem(item.id, from: item.value.status, to: next), .manageActionItems) }
        }
        return commands
    }
}

extension MigrationFacts {
    /// The steps the migration waits on (`MigrationCommand.isTurn`), with the organisation
    /// whose turn each is: every party's commands, as any of its members would be offered them.
    public func turns(policy: AccessPolicy, today: Day) -> [(organisation: UUID, command: MigrationCommand)] {
        var organisations: [(UUID, OrganisationKind)] = [
            (parties.practice, .practice), (parties.commissioner, .commissioner), (parties.deliveryPartner, .deliveryPartner),
            (parties.targetSupplier, .supplier), (parties.sourceSupplier, .supplier),
        ]
        organisations += parties.subsidiarySuppliers.sorted().map { ($0, .supplier) }
        var seen = Set<UUID>()
        return organisations.filter { seen.insert($0.0).inserted }.flatMap { organisation, kind in
            let member = Actor(userID: organisation, organisationID: organisation, kind: kind, role: .member)
            return commands(for: member, policy: policy, today: today, turnsOnly: true).map { (organisation, $0) }
        }
    }
}
