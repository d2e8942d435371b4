import Foundation

/// The kinds of organisation that take part in migrations.
public enum OrganisationKind: String, CaseIterable, Sendable, Codable {
    case practice
    case commissioner
    case deliveryPartner = "delivery-partner"
    case supplier
    case national
}

/// What a user may do inside their own organisation.
public enum UserRole: String, CaseIterable, Sendable, Codable {
    /// Sees what the organisation sees, changes nothing.
    case viewer
    /// Takes the organisation's steps in the workflow.
    case member
    /// A member who also manages the organisation's users; in a national organisation,
    /// an administrator of the whole service and its reference data.
    case admin
}

/// Who is asking: a signed-in user and the organisation they act for.
public struct Actor: Hashable, Sendable {
    public let userID: UUID
    public let organisationID: UUID
    public let kind: OrganisationKind
    public let role: UserRole

    public init(userID: UUID, organisationID: UUID, kind: OrganisationKind, role: UserRole) {
        self.userID = userID
        self.organisationID = organisationID
        self.kind = kind
        self.role = role
    }

    public var isNationalAdmin: Bool { kind == .national && role == .admin }
}
