import Foundation

/// The Schedule A steps: called off, decided by the commissioner and the supplier, the
/// go-live confirmed on it, and the old system's cease date on its order line.
extension MigrationAggregate {
    /// The product a Schedule A of `kind` buys or decommissions: the new system, the old
    /// one, or the submodule with `productCode`.
    public func product(calledOffAs kind: ScheduleA.Kind, productCode: String?) throws(WorkflowError) -> ProductRow {
        switch kind {
        case .target: return targetProduct
        case .decommission: return sourceProduct
        case .submodule:
            guard let code = productCode else { throw .invalid(field: "productCode", message: "say which module this Schedule A buys") }
            guard let module = submodules.first(where: { $0.code == code }) else {
                throw .invalid(field: "productCode", message: "'\(code)' is not one of this migration's modules")
            }
            return module
        }
    }

    public func scheduleA(_ id: UUID) throws(WorkflowError) -> ScheduleARow {
        scheduleAs[try Self.index(of: id, in: scheduleAs.map(\.id), what: "Schedule A")]
    }

    /// Calls off a Schedule A and answers it.
    @discardableResult
    public mutating func callOffScheduleA(_ kind: ScheduleA.Kind, productCode: String?, today: Day) throws(WorkflowError) -> ScheduleARow {
        let product = try product(calledOffAs: kind, productCode: productCode)
        try check(.callOffScheduleA(kind, product: product.id), today: today)
        let row = ScheduleARow(migrationID: id, ScheduleA.callOff(kind, supplier: product.supplierID, product: product.id, on: today))
        scheduleAs.append(row)
        return row
    }

    public mutating func commissionerDecides(scheduleA id: UUID, _ decision: Decision, reason: String?, today: Day) throws(WorkflowError) {
        let index = try Self.index(of: id, in: scheduleAs.map(\.id), what: "Schedule A")
        try check(.commissionerDecides(scheduleA: id), today: today)
        scheduleAs[index].apply(try scheduleAs[index].domain.commissionerDecides(decision, reason: reason, on: today))
    }

    /// The supplier's decision; the new system's supplier accepting with a go-live confirms
    /// the migration's go-live.
    public mutating func supplierDecides(scheduleA id: UUID, _ decision: Decision, reason: String?, confirmGoLive: Day?, proposedGoLives: [Day], today: Day) throws(WorkflowError) {
        let index = try Self.index(of: id, in: scheduleAs.map(\.id), what: "Schedule A")
        try check(.supplierDecides(scheduleA: id, kind: scheduleAs[index].kind), today: today)
        let decided = try scheduleAs[index].domain.supplierDecides(decision, reason: reason, confirmGoLive: confirmGoLive, proposedGoLives: proposedGoLives, on: today)
        scheduleAs[index].apply(decided)
        if let confirmed = decided.confirmedGoLive { record.confirmedGoLive = confirmed }
    }

    /// A new confirmed go-live on the new system's accepted Schedule A.
    public mutating func confirmGoLive(_ day: Day, scheduleA id: UUID, today: Day) throws(WorkflowError) {
        let index = try Self.index(of: id, in: scheduleAs.map(\.id), what: "Schedule A")
        try check(.confirmGoLive(scheduleA: id, current: scheduleAs[index].confirmedGoLive), today: today)
        scheduleAs[index].apply(try scheduleAs[index].domain.confirmingGoLive(day, on: today))
        record.confirmedGoLive = day
    }

    /// Puts the old system's cease date on the order line of its decommissioning Schedule A,
    /// and answers that line.
    @discardableResult
    public mutating func recordCeaseDate(_ day: Day, scheduleA id: UUID, today: Day) throws(WorkflowError) -> OrderLineRow {
        let scheduleA = try scheduleA(id)
        let facts = facts(today: today)
        try facts.check(.recordCeaseDate(scheduleA: id, current: ceaseDate), today: today)
        let supportEnds = facts.state!.legacySupportEnds // the check found a plan
        var line = orderLine(of: scheduleA.productID)
        line.ceaseOn = try PaymentMilestones.recordingCease(day, on: scheduleA.domain, wentLiveOn: record.actualGoLive, legacySupportEnds: supportEnds, today: today)
        setOrderLine(line)
        return line
    }
}
