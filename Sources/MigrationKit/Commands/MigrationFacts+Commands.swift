import Foundation

extension MigrationFacts {
    /// The steps `actor` may take now, in the order the migration page offers them. Which
    /// steps make sense follows what is recorded; whether this actor may take them asks the
    /// access policy.
    public func commands(for actor: Actor, policy: AccessPolicy, today: Day) -> [MigrationCommand] {
        func may(_ action: WorkflowAction) -> Bool { (try? policy.authorize(action, by: actor, on: parties)) != nil }
        let tracking = status == .registered || status == .live
        let open = status != .completed
        var commands: [MigrationCommand] = []

        if status == .proposed {
            // The commissioner approves or returns the case; once returned, it is the
            // practice's turn to revise it.
            if let returned = returnedBusinessCase {
                if may(.reviseBusinessCase) { commands.append(.reviseBusinessCase(reason: returned.reason)) }
            } else {
                if may(.approveBusinessCase) { commands.append(.approveBusinessCase) }
                if may(.returnBusinessCase) { commands.append(.returnBusinessCase) }
            }
        }
        // Until the supplier confirms a day: agree to the date proposed, or propose another.
        if open && actualGoLive == nil && confirmedGoLive == nil {
            if let provisional, let me = policy.party(of: actor, taking: .agreeProvisionalGoLive, on: parties), provisional.agreements[me] == nil {
                commands.append(.agreeProvisionalGoLive(provisional.day))
            }
            if may(.proposeProvisionalGoLive) { commands.append(.proposeProvisionalGoLive(current: provisional?.day)) }
        }
        if status == .approved && may(.register) { commands.append(.register) }
        if tracking && may(.callOffScheduleA) {
            let live = scheduleAs.map(\.value).filter(\.isLive)
            if !live.contains(where: { $0.kind == .target }) { commands.append(.callOffScheduleA(.target, product: targetProduct)) }
            if !live.contains(where: { $0.kind == .decommission }) { commands.append(.callOffScheduleA(.decommission, product: sourceProduct)) }
            for module in submodules where !live.contains(where: { $0.product == module }) {
                commands.append(.callOffScheduleA(.submodule, product: module))
            }
        }
        for recorded in scheduleAs {
            let s = recorded.value
            if s.status == .calledOff && may(.commissionerDecidesScheduleA) { commands.append(.commissionerDecides(scheduleA: recorded.id)) }
            if s.status == .commissionerAccepted && may(.supplierDecidesScheduleA(supplier: s.supplier)) {
                commands.append(.supplierDecides(scheduleA: recorded.id, kind: s.kind))
            }
            if s.kind == .target && s.status == .accepted && actualGoLive == nil && may(.supplierDecidesScheduleA(supplier: s.supplier)) {
                commands.append(.confirmGoLive(scheduleA: recorded.id, current: s.confirmedGoLive))
            }
        }
        if tracking && may(.requestExtractForm) {
            for supplier in extractSuppliers where !extractRequests.contains(where: { $0.value.supplier == supplier.supplier }) {
                commands.append(.requestExtractForm(supplier: supplier))
            }
        }
        for recorded in extractRequests where tracking {
            let supplier = recorded.value.supplier
            switch recorded.value.status {
            case .formRequested where may(.sendExtractForm(supplier: supplier)):
                commands.append(.sendExtractForm(request: recorded.id, supplier: supplier))
            case .formSent where may(.returnExtractForm):
                commands.append(.returnExtractForm(request: recorded.id, supplier: supplier))
            case .formReturned where may(.confirmExtractTransfer(supplier: supplier)):
                commands.append(.confirmExtractTransfer(request: recorded.id, supplier: supplier))
            default: break
            }
        }
        if tracking && actualGoLive == nil && may(.book) {
            if MeetingBooking.canBook(bookedOn: kickOff, today: today) { commands.append(.bookKickOff(booked: kickOff)) }
            if MeetingBooking.canBook(bookedOn: technicalSurvey, today: today) { commands.append(.bookTechnicalSurvey(booked: technicalSurvey)) }
        }
        if tracking && may(.signOff) {
            for kind in SignOffKind.allCases where !signedOff.contains(kind) { commands.append(.signOff(kind)) }
        }
        // After go-live: the practice's survey, which the order records' administrator
        // confirms or returns; the commissioner's M2; the old system's cease date.
        if status == .live && actualGoLive != nil {
            switch deploymentSurvey?.status {
            case nil where may(.fillInDeploymentSurvey): commands.append(.fillInDeploymentSurvey(returned: nil))
            case .returned? where may(.fillInDeploymentSurvey): commands.append(.fillInDeploymentSurvey(returned: deploymentSurvey?.returnReason))
            case .submitted? where may(.decideDeploymentSurvey): commands.append(.decideDeploymentSurvey)
            default: break
            }
        }
        if actualGoLive != nil && serviceStability == nil && may(.recordServiceStability) { commands.append(.recordServiceStability) }
        if actualGoLive != nil && may(.recordCeaseDate),
           let decommission = scheduleAs.first(where: { $0.value.kind == .decommission && $0.value.isLive }) {
            commands.append(.recordCeaseDate(scheduleA: decommission.id, current: ceaseDate))
        }
        // From the confirmed day on, once nothing stands in its way (`GoLive`).
        if may(.recordGoLive), goLive.canBeRecorded(today: today), let confirmedGoLive { commands.append(.recordGoLive(confirmed: confirmedGoLive)) }
        if canEnd && may(.endMigration) { commands.append(.end) }
        if tracking && may(.recordMilestone) { commands.append(.recordMilestone) }
        if open {
            // Only deadlines no other record shows are marked as done by hand.
            for deadline in deadlinesToMarkMet where may(.markDeadlineMet(owner: deadline.owner)) {
                commands.append(.markDeadlineMet(deadline))
            }
        }
        if open && may(.manageNotices) {
            commands.append(.addNotice)
            commands += unsentNotices.map { .markNoticeSent(notice: $0) }
        }
        if open && may(.manageActionItems) {
            commands.append(.addActionItem)
            // An open item is done or cancelled, a done or cancelled one opened again; only
            // the items this actor sees.
            for item in actionItems where policy.seesActionItem(actor, parties, owner: item.value.owner) {
                commands += item.value.status.next.map { .moveActionItem(item.id, from: item.value.status, to: $0) }
            }
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
        organisations += parties.subsidiarySuppliers.sorted { $0.uuidString < $1.uuidString }.map { ($0, .supplier) }
        var seen = Set<UUID>()
        return organisations.filter { seen.insert($0.0).inserted }.flatMap { organisation, kind in
            let member = Actor(userID: organisation, organisationID: organisation, kind: kind, role: .member)
            return commands(for: member, policy: policy, today: today).filter(\.isTurn).map { (organisation, $0) }
        }
    }
}
