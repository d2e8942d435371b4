/// The practice's case for changing system, as the business case template asks for it.
public struct BusinessCase: Hashable, Sendable, Codable {
    /// What pushes the practice to move.
    public var drivers: String
    /// What the practice must weigh up.
    public var considerations: String
    /// How the change fits local plans.
    public var strategicFit: String

    public init(drivers: String, considerations: String, strategicFit: String) {
        self.drivers = drivers
        self.considerations = considerations
        self.strategicFit = strategicFit
    }

    public static let maximumLength = 10_000

    /// Each part must be written, and not be a novel. Errors name the field under
    /// `prefix`, as the request that carried the case names it.
    public func validate(prefix: String = "businessCase.") throws(WorkflowError) {
        for (field, text) in [("drivers", drivers), ("considerations", considerations), ("strategicFit", strategicFit)] {
            let trimmed = text.trimmingSpaces
            if trimmed.isEmpty { throw .invalid(field: "\(prefix)\(field)", message: "the business case needs its \(field == "strategicFit" ? "strategic fit" : field)") }
            if text.count > Self.maximumLength { throw .invalid(field: "\(prefix)\(field)", message: "keep the \(field) under \(Self.maximumLength) characters") }
        }
    }
}
