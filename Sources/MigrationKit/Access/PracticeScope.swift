import Foundation

/// Which practices a person's lists of practices show (the API's and the administration
/// page's): a practice's own, those a commissioner commissions or a delivery partner
/// supports; suppliers and the national team see every practice, whose names and codes
/// are public ODS data anyway.
public enum PracticeScope: Equatable, Sendable {
    case every
    /// The practice whose organisation this is.
    case own(UUID)
    case commissionedBy(UUID)
    case supportedBy(UUID)

    public init(_ actor: Actor) {
        switch actor.kind {
        case .practice: self = .own(actor.organisationID)
        case .commissioner: self = .commissionedBy(actor.organisationID)
        case .deliveryPartner: self = .supportedBy(actor.organisationID)
        case .supplier, .national: self = .every
        }
    }
}
