import Foundation

/// One product's line of the practice's order in the national records (Buying Catalogue
/// order, Order Tracker return): the call-off it belongs to and its payment milestones.
/// M1 is delivery (the go-live), M2 the buyer's confirmation of service stability, which
/// triggers payment; a cease date ends payment for an old system.
public struct OrderLine: Hashable, Sendable, Codable {
    public var product: UUID
    public var callOffID: String?
    public var m1Planned: Day?
    public var m1Actual: Day?
    public var m2: Day?
    public var cease: Day?

    public init(product: UUID, callOffID: String? = nil, m1Planned: Day? = nil, m1Actual: Day? = nil, m2: Day? = nil, cease: Day? = nil) {
        self.product = product
        self.callOffID = callOffID
        self.m1Planned = m1Planned
        self.m1Actual = m1Actual
        self.m2 = m2
        self.cease = cease
    }
}

/// The payment milestones the process sets, with their rules: actual M1 comes from the
/// confirmed deployment survey (`DeploymentSurvey`), M2 and the cease date from these.
public enum PaymentMilestones {
    /// Whether service stability (M2) can be recorded now (`current` is the day recorded,
    /// if any); throws why not.
    public static func canRecordServiceStability(wentLiveOn actualGoLive: Day?, current: Day?) throws(WorkflowError) {
        guard actualGoLive != nil else { throw .wrongState("service stability (M2) is confirmed after the go-live") }
        if let current { throw .wrongState("service stability (M2) was already recorded for \(current.longDescription)") }
    }

    /// Whether the old system's cease date can go on `scheduleA` now; throws why not.
    public static func canRecordCease(on scheduleA: ScheduleA, wentLiveOn actualGoLive: Day?) throws(WorkflowError) {
        guard actualGoLive != nil else { throw .wrongState("the cease date is recorded once the new system is live") }
        guard scheduleA.kind == .decommission else { throw .wrongState("a cease date goes on the Schedule A that decommissions the old system") }
        guard scheduleA.isLive else { throw .wrongState("that Schedule A was rejected; call off a new one first") }
    }

    /// The commissioner confirms service stability (M2) after go-live, once, on a day
    /// between the go-live and today.
    public static func recordingServiceStability(on day: Day, wentLiveOn actualGoLive: Day?, current: Day?, today: Day) throws(WorkflowError) -> Day {
        try canRecordServiceStability(wentLiveOn: actualGoLive, current: current)
        _ = try DayBounds(today: today).past(day, field: "day")
        if let actualGoLive, day < actualGoLive {
            throw .invalid(field: "day", message: "service stability comes after the go-live on \(actualGoLive.longDescription)")
        }
        return day
    }

    /// The old system's cease date goes on its decommissioning Schedule A once the new system
    /// is live (legacy support runs from that day), no earlier than the end of legacy
    /// support: the practice keeps read-only access and support until then.
    public static func recordingCease(_ day: Day, on scheduleA: ScheduleA, wentLiveOn actualGoLive: Day?, legacySupportEnds: Day, today: Day) throws(WorkflowError) -> Day {
        _ = try DayBounds(today: today).within(day, field: "day")
        try canRecordCease(on: scheduleA, wentLiveOn: actualGoLive)
        guard day >= legacySupportEnds else {
            throw .invalid(field: "day", message: "the cease date cannot be before legacy support ends on \(legacySupportEnds.longDescription)")
        }
        return day
    }
}

extension OrderLine {
    /// What an imported row says about a line: each milestone it gives replaces the one held,
    /// and an empty cell (nil) leaves it as it is.
    public struct Update: Hashable, Sendable {
        public var callOffID: String?
        public var m1Planned: Day?
        public var m1Actual: Day?
        public var m2: Day?
        public var cease: Day?

        public init(callOffID: String? = nil, m1Planned: Day? = nil, m1Actual: Day? = nil, m2: Day? = nil, cease: Day? = nil) {
            self.callOffID = callOffID
            self.m1Planned = m1Planned
            self.m1Actual = m1Actual
            self.m2 = m2
            self.cease = cease
        }

        /// Whether the row records anything at all about the line.
        public var isEmpty: Bool { self == Update() }
    }

    /// The line as the national records should read it: planned delivery (M1 planned) is the
    /// migration's planned go-live for what the new system's supplier delivers, until the
    /// records say otherwise. Export writes it, so an import of that export changes nothing.
    public func effective(plannedDelivery: Day?) -> OrderLine {
        var line = self
        line.m1Planned = m1Planned ?? plannedDelivery
        return line
    }

    /// The planned delivery of a product: the migration's planned go-live when the new
    /// system's supplier delivers it (its system and modules), none otherwise (the old
    /// system, even when the same supplier made it).
    public static func plannedDelivery(productSupplier: UUID, newSystemSupplier: UUID, isOldSystem: Bool, plannedGoLive: Day?) -> Day? {
        productSupplier == newSystemSupplier && !isOldSystem ? plannedGoLive : nil
    }

    /// What the monthly Order Tracker return says of a line: the old system ceased, a
    /// subsidiary system changed, the new system and its modules added.
    public static func trackerChange(isOldSystem: Bool, role: ProductRole) -> String {
        isOldSystem ? "Ceased" : role == .subsidiary ? "Changed" : "Added"
    }

    /// The line with `update` applied.
    public func applying(_ update: Update) -> OrderLine {
        OrderLine(product: product, callOffID: update.callOffID ?? callOffID, m1Planned: update.m1Planned ?? m1Planned,
                  m1Actual: update.m1Actual ?? m1Actual, m2: update.m2 ?? m2, cease: update.cease ?? cease)
    }
}
