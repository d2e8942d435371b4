import Foundation

/// Getting one supplier's data out for the new system, in the guide's four steps: the form
/// is asked for, the supplier sends it to the practice, the practice returns it with the
/// data production dates, and the supplier transfers the data.
public struct DataExtractRequest: Hashable, Sendable {
    public enum Status: String, CaseIterable, Sendable, Codable {
        case formRequested = "form-requested"
        case formSent = "form-sent"
        case formReturned = "form-returned"
        case transferred

        public var title: String {
            switch self {
            case .formRequested: "Form requested from the supplier"
            case .formSent: "Form sent to the practice"
            case .formReturned: "Form returned with the data production dates"
            case .transferred: "Data transferred to the new supplier"
            }
        }
    }

    public let supplier: UUID
    public private(set) var status: Status
    public let requestedOn: Day
    public private(set) var formSentOn: Day?
    public private(set) var formReturnedOn: Day?
    /// Initial (and, where known, final) data production days from the new supplier.
    public private(set) var dataProductionDays: [Day]
    public private(set) var transferredOn: Day?

    public init(supplier: UUID, status: Status, requestedOn: Day, formSentOn: Day? = nil, formReturnedOn: Day? = nil,
                dataProductionDays: [Day] = [], transferredOn: Day? = nil) {
        self.supplier = supplier
        self.status = status
        self.requestedOn = requestedOn
        self.formSentOn = formSentOn
        self.formReturnedOn = formReturnedOn
        self.dataProductionDays = dataProductionDays
        self.transferredOn = transferredOn
    }

    /// Step 1: someone asks the supplier for its extract request form.
    public static func request(from supplier: UUID, on today: Day) -> DataExtractRequest {
        DataExtractRequest(supplier: supplier, status: .formRequested, requestedOn: today)
    }

    /// Whether the supplier can send the form now (step 2); throws why not.
    public func canSendForm() throws(WorkflowError) {
        guard status == .formRequested else { throw .wrongState("the form was already sent to the practice") }
    }

    /// Whether the practice can return the form now (step 3); throws why not.
    public func canReturnForm() throws(WorkflowError) {
        switch status {
        case .formRequested: throw .wrongState("the supplier has not sent the form to the practice yet")
        case .formReturned, .transferred: throw .wrongState("the form was already returned")
        case .formSent: break
        }
    }

    /// Whether the transfer can be confirmed now (step 4); throws why not.
    public func canConfirmTransfer() throws(WorkflowError) {
        guard status == .formReturned else {
            throw .wrongState(status == .transferred ? "the transfer was already confirmed" : "the practice must return the form before the data can be transferred")
        }
    }

    /// Step 2: the supplier sends the form to the practice.
    public func formSent(on today: Day) throws(WorkflowError) -> DataExtractRequest {
        try canSendForm()
        var next = self
        next.status = .formSent
        next.formSentOn = today
        return next
    }

    /// Step 3: the practice returns the form with the dates the new supplier advised. Each
    /// is a working day of the practice's calendar, no later than the planned go-live.
    public func formReturned(dataProductionDays days: [Day], calendar: WorkingCalendar = WorkingCalendar(), goLive: Day? = nil, on today: Day) throws(WorkflowError) -> DataExtractRequest {
        try canReturnForm()
        guard !days.isEmpty else {
            throw .invalid(field: "dataProductionDays", message: "give the initial data production day the new supplier advised")
        }
        for day in days {
            _ = try DayBounds(today: today).future(day, field: "dataProductionDays")
            if let reason = calendar.reasonNotWorking(day) {
                throw .invalid(field: "dataProductionDays", message: "\(day.longDescription) is not a working day (\(reason))")
            }
            if let goLive, day > goLive {
                throw .invalid(field: "dataProductionDays", message: "\(day.longDescription) is after the go-live on \(goLive.longDescription)")
            }
        }
        var next = self
        next.status = .formReturned
        next.formReturnedOn = today
        next.dataProductionDays = days.sorted()
        return next
    }

    /// Step 4: the data has reached the new supplier safely.
    public func transferConfirmed(on today: Day) throws(WorkflowError) -> DataExtractRequest {
        try canConfirmTransfer()
        var next = self
        next.status = .transferred
        next.transferredOn = today
        return next
    }
}
