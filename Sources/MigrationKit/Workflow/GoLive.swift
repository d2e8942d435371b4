/// The day the new system goes live, recorded once it has happened. The guide's order
/// holds: the new system's supplier confirmed the day, every Schedule A still in force was
/// accepted by its supplier, every supplier whose data moves confirmed the transfer, and
/// the practice signed off the go-live data.
public struct GoLive: Sendable {
    public let status: MigrationStatus
    public let confirmedDay: Day?
    public let scheduleAs: [ScheduleA]
    public let extractSuppliers: [ExtractSupplier]
    public let extractRequests: [DataExtractRequest]
    public let goLiveDataSignedOff: Bool

    public init(status: MigrationStatus, confirmedDay: Day?, scheduleAs: [ScheduleA], extractSuppliers: [ExtractSupplier],
                extractRequests: [DataExtractRequest], goLiveDataSignedOff: Bool) {
        self.status = status
        self.confirmedDay = confirmedDay
        self.scheduleAs = scheduleAs
        self.extractSuppliers = extractSuppliers
        self.extractRequests = extractRequests
        self.goLiveDataSignedOff = goLiveDataSignedOff
    }

    /// What still stands in the way of going live, first to do first; empty when nothing does.
    public var outstanding: [String] {
        var reasons: [String] = []
        if confirmedDay == nil { reasons.append("the new system's supplier must confirm the go-live date") }
        for scheduleA in scheduleAs where scheduleA.isLive && scheduleA.status != .accepted {
            reasons.append("the Schedule A \(scheduleA.kind.purpose) is not yet accepted by its supplier")
        }
        for supplier in extractSuppliers where extractRequests.first(where: { $0.supplier == supplier.supplier })?.status != .transferred {
            reasons.append("\(supplier.name) has not confirmed the data extract as transferred")
        }
        if !goLiveDataSignedOff { reasons.append("the practice must sign off the go-live data") }
        return reasons
    }

    /// Whether the go-live can be recorded `today`: registered, nothing outstanding, and
    /// the confirmed day reached (what the page offers as a form).
    public func canBeRecorded(today: Day) -> Bool {
        (try? recording(on: today)) != nil
    }

    /// The status after recording a go-live on `day`, or why it cannot be recorded.
    public func recording(on day: Day) throws(WorkflowError) -> MigrationStatus {
        switch status {
        case .registered: break
        case .live, .completed: throw .wrongState("the go-live was already recorded")
        case .proposed, .approved: throw .wrongState("the migration must be registered before it can go live")
        }
        if let first = outstanding.first { throw .wrongState(first) }
        if let confirmedDay, day < confirmedDay {
            throw .invalid(field: "day", message: "the go-live was confirmed for \(confirmedDay.longDescription); record it on that day or later")
        }
        return .live
    }
}
