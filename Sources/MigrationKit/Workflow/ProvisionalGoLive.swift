/// The go-live date that step 2 of the guide agrees: between the practice, the
/// commissioner and the delivery partner, then with the new system's supplier. Any of the
/// first three may propose a date (which counts as their own agreement); each party then
/// records its agreement to that date. A new date starts the agreement again.
public struct ProvisionalGoLive: Hashable, Sendable {
    public let day: Day
    /// Who has agreed to `day`, and when.
    public private(set) var agreements: [Party: Day]

    /// Everyone whose agreement the guide asks for, in the order it asks.
    public static let agreeingParties: [Party] = [.practice, .commissioner, .deliveryPartner, .targetSupplier]

    public init(day: Day, agreements: [Party: Day] = [:]) {
        self.day = day
        self.agreements = agreements.filter { Self.agreeingParties.contains($0.key) }
    }

    /// `party` proposes `day`: a new provisional go-live that only it has agreed to so far.
    /// Proposing the day already agreed is an agreement, not a new date.
    public static func proposing(_ day: Day, by party: Party, on today: Day, replacing current: ProvisionalGoLive?) throws(WorkflowError) -> ProvisionalGoLive {
        if let current, current.day == day { return try current.agreeing(to: day, by: party, on: today) }
        return ProvisionalGoLive(day: day, agreements: [party: today])
    }

    /// `party` agrees to the date as it stands; `day` is the date they were shown, so an
    /// agreement never lands on a date changed since.
    public func agreeing(to day: Day, by party: Party, on today: Day) throws(WorkflowError) -> ProvisionalGoLive {
        guard Self.agreeingParties.contains(party) else {
            throw .wrongState("the \(party.title) does not agree the provisional go-live")
        }
        guard day == self.day else {
            throw .wrongState("the provisional go-live is now \(self.day.longDescription); agree to that date or propose another")
        }
        guard agreements[party] == nil else { throw .wrongState("the \(party.title) has already agreed to \(self.day.longDescription)") }
        var next = self
        next.agreements[party] = today
        return next
    }

    /// Parties whose agreement is still missing, in the guide's order.
    public var waitingFor: [Party] { Self.agreeingParties.filter { agreements[$0] == nil } }

    public var isAgreed: Bool { waitingFor.isEmpty }
}
