import Foundation

/// The order document that buys (or ends) a system for a practice: called off on the
/// national tracking service, accepted by the commissioner and then by the supplier.
public struct ScheduleA: Hashable, Sendable {
    public enum Kind: String, CaseIterable, Sendable, Codable {
        /// Buys the new principal system.
        case target
        /// Buys one module of the new system (appointments, document management, ...).
        case submodule
        /// Ends the old system, so the NHS stops paying for it.
        case decommission

        /// "The Schedule A <purpose>", in messages.
        public var purpose: String {
            switch self {
            case .target: "for the new system"
            case .submodule: "for a module of the new system"
            case .decommission: "that decommissions the old system"
            }
        }
    }

    public enum Status: String, CaseIterable, Sendable, Codable {
        case calledOff = "called-off"
        case commissionerAccepted = "commissioner-accepted"
        case accepted
        case rejected
    }

    public let kind: Kind
    public let supplier: UUID
    public let product: UUID
    public private(set) var status: Status
    public let calledOffOn: Day
    public private(set) var commissionerDecidedOn: Day?
    public private(set) var supplierDecidedOn: Day?
    public private(set) var rejectionReason: String?
    /// The go-live day the new system's supplier confirmed (target Schedule A only).
    public private(set) var confirmedGoLive: Day?
    /// Other days the supplier offered when it could not take the one asked for.
    public private(set) var proposedGoLives: [Day]

    public init(kind: Kind, supplier: UUID, product: UUID, status: Status, calledOffOn: Day, commissionerDecidedOn: Day? = nil,
                supplierDecidedOn: Day? = nil, rejectionReason: String? = nil, confirmedGoLive: Day? = nil, proposedGoLives: [Day] = []) {
        self.kind = kind
        self.supplier = supplier
        self.product = product
        self.status = status
        self.calledOffOn = calledOffOn
        self.commissionerDecidedOn = commissionerDecidedOn
        self.supplierDecidedOn = supplierDecidedOn
        self.rejectionReason = rejectionReason
        self.confirmedGoLive = confirmedGoLive
        self.proposedGoLives = proposedGoLives
    }

    /// A new Schedule A, logged today.
    public static func callOff(_ kind: Kind, supplier: UUID, product: UUID, on today: Day) -> ScheduleA {
        ScheduleA(kind: kind, supplier: supplier, product: product, status: .calledOff, calledOffOn: today)
    }

    public var isLive: Bool { status != .rejected }

    /// Called off and waiting for the commissioner's decision.
    public var awaitsCommissioner: Bool { status == .calledOff }

    /// Accepted by the commissioner and waiting for the supplier's.
    public var awaitsSupplier: Bool { status == .commissionerAccepted }

    /// The new system's accepted Schedule A, which carries the go-live date.
    public var carriesGoLive: Bool { kind == .target && status == .accepted }

    /// Whether the commissioner can decide on it now; throws why not.
    public func canCommissionerDecide() throws(WorkflowError) {
        guard awaitsCommissioner else {
            throw .wrongState("the commissioner has already decided on this Schedule A (it is \(status.rawValue))")
        }
    }

    /// Whether its supplier can decide on it now; throws why not.
    public func canSupplierDecide() throws(WorkflowError) {
        guard awaitsSupplier else {
            throw .wrongState(status == .calledOff ? "the commissioner must accept this Schedule A before the supplier can" : "the supplier has already decided on this Schedule A")
        }
    }

    /// Whether the new system's supplier can confirm a go-live day on it now; throws why not.
    public func canConfirmGoLive() throws(WorkflowError) {
        guard carriesGoLive else {
            throw .wrongState("only an accepted Schedule A for the new system carries the go-live date")
        }
    }

    /// The commissioner accepts or rejects a called-off Schedule A.
    public func commissionerDecides(_ decision: Decision, reason: String?, on today: Day) throws(WorkflowError) -> ScheduleA {
        try canCommissionerDecide()
        var next = self
        next.commissionerDecidedOn = today
        switch decision {
        case .accept: next.status = .commissionerAccepted
        case .reject:
            next.status = .rejected
            next.rejectionReason = try Self.requireReason(reason)
        }
        return next
    }

    /// The supplier accepts or rejects a Schedule A the commissioner has accepted. The new
    /// system's supplier, accepting, confirms the go-live day or offers others.
    public func supplierDecides(_ decision: Decision, reason: String?, confirmGoLive: Day?, proposedGoLives: [Day], on today: Day) throws(WorkflowError) -> ScheduleA {
        try canSupplierDecide()
        var next = self
        next.supplierDecidedOn = today
        switch decision {
        case .reject:
            next.status = .rejected
            next.rejectionReason = try Self.requireReason(reason)
        case .accept:
            next.status = .accepted
            if kind == .target {
                guard confirmGoLive != nil || !proposedGoLives.isEmpty else {
                    throw .invalid(field: "goLive", message: "confirm the go-live day or propose other days when accepting the Schedule A for the new system")
                }
                try Self.requireFuture(confirmGoLive.map { [$0] } ?? proposedGoLives, field: confirmGoLive != nil ? "goLive" : "proposedGoLives", today: today)
                next.confirmedGoLive = confirmGoLive
                next.proposedGoLives = confirmGoLive == nil ? proposedGoLives.sorted() : []
            }
        }
        return next
    }

    /// The new system's supplier confirms a go-live day after first offering others.
    public func confirmingGoLive(_ day: Day, on today: Day) throws(WorkflowError) -> ScheduleA {
        try canConfirmGoLive()
        try Self.requireFuture([day], field: "goLive", today: today)
        var next = self
        next.confirmedGoLive = day
        next.proposedGoLives = []
        return next
    }

    private static func requireReason(_ reason: String?) throws(WorkflowError) -> String {
        guard let reason, !reason.trimmingSpaces.isEmpty else {
            throw .invalid(field: "reason", message: "say why the Schedule A is rejected")
        }
        return reason.trimmingSpaces
    }

    private static func requireFuture(_ days: [Day], field: String, today: Day) throws(WorkflowError) {
        for day in days { _ = try DayBounds(today: today).future(day, field: field) }
    }
}
