import Foundation

/// Who looks after which organisations and people. A national administrator adds
/// organisations and manages everyone; an administrator of a commissioner or delivery
/// partner (a regional administrator) manages the people of their own organisation and of
/// the practices it commissions or supports; any other administrator those of their own
/// organisation. Members and viewers manage no one.
public enum Administration {
    /// The links of a practice's organisation to its commissioner and delivery partner.
    public struct PracticeLinks: Hashable, Sendable {
        public let commissioner: UUID
        public let deliveryPartner: UUID

        public init(commissioner: UUID, deliveryPartner: UUID) {
            self.commissioner = commissioner
            self.deliveryPartner = deliveryPartner
        }
    }

    public static func addsOrganisations(_ actor: Actor) -> Bool { actor.isNationalAdmin }

    /// Whether `actor` adds users to `organisation` and unlocks their accounts; `practice`
    /// is set when the organisation is a practice.
    public static func managesPeople(_ actor: Actor, of organisation: UUID, practice: PracticeLinks?) -> Bool {
        guard actor.role == .admin else { return false }
        if actor.isNationalAdmin || actor.organisationID == organisation { return true }
        guard let practice, actor.kind == .commissioner || actor.kind == .deliveryPartner else { return false }
        return practice.commissioner == actor.organisationID || practice.deliveryPartner == actor.organisationID
    }
}
