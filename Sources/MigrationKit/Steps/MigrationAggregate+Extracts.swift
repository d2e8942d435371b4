import Foundation

/// The data extract steps: each supplier whose data moves is asked for its form, sends it,
/// gets it back with the days it produces the data, and the transfer is confirmed.
extension MigrationAggregate {
    public func extractRequest(_ id: UUID) throws(WorkflowError) -> ExtractRequestRow {
        extractRequests[try Self.index(of: id, in: extractRequests.map(\.id), what: "extract request")]
    }

    /// Asks `supplier` (the old system's when nil) for its extract form, and answers the request.
    @discardableResult
    public mutating func requestExtractForm(from supplier: UUID?, today: Day) throws(WorkflowError) -> ExtractRequestRow {
        let supplier = supplier ?? record.sourceSupplierID
        guard let moving = extractSuppliers.first(where: { $0.supplier == supplier }) else {
            throw .invalid(field: "supplierId", message: "that supplier's data does not move in this migration")
        }
        try check(.requestExtractForm(supplier: moving), today: today)
        let row = ExtractRequestRow(migrationID: id, .request(from: supplier, on: today))
        extractRequests.append(row)
        return row
    }

    public mutating func extractFormSent(_ id: UUID, today: Day) throws(WorkflowError) {
        try changeExtract(id, MigrationCommand.sendExtractForm, today: today) { request throws(WorkflowError) in try request.formSent(on: today) }
    }

    /// The returned form, with the days the data is produced: working days within the plan.
    public mutating func extractFormReturned(_ id: UUID, dataProductionDays: [Day], today: Day) throws(WorkflowError) {
        let (calendar, goLive) = (planner.calendar, record.planGoLive)
        try changeExtract(id, MigrationCommand.returnExtractForm, today: today) { request throws(WorkflowError) in
            try request.formReturned(dataProductionDays: dataProductionDays, calendar: calendar, goLive: goLive, on: today)
        }
    }

    public mutating func extractTransferred(_ id: UUID, today: Day) throws(WorkflowError) {
        try changeExtract(id, MigrationCommand.confirmExtractTransfer, today: today) { request throws(WorkflowError) in try request.transferConfirmed(on: today) }
    }

    private mutating func changeExtract(
        _ id: UUID, _ command: (_ request: UUID, _ supplier: UUID) -> MigrationCommand, today: Day,
        _ change: (DataExtractRequest) throws(WorkflowError) -> DataExtractRequest
    ) throws(WorkflowError) {
        let index = try Self.index(of: id, in: extractRequests.map(\.id), what: "extract request")
        try check(command(id, extractRequests[index].supplierID), today: today)
        extractRequests[index].apply(try change(extractRequests[index].domain))
    }
}
