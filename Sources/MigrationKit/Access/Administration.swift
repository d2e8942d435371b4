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

    /// Whose people an administrator looks after, in a form a store can query: a national
    /// administrator's region has 10,000 practices, so the list is never worked out one
    /// organisation at a time.
    public enum PeopleScope: Equatable, Sendable {
        case nobody
        case everyone
        case organisation(UUID)
        /// The organisation and the practices it commissions or supports.
        case organisationAndItsPractices(UUID)
    }

    public static func peopleScope(of actor: Actor) -> PeopleScope {
        guard actor.role == .admin else { return .nobody }
        if actor.isNationalAdmin { return .everyone }
        switch actor.kind {
        case .commissioner, .deliveryPartner: return .organisationAndItsPractices(actor.organisationID)
        case .practice, .supplier, .national: return .organisation(actor.organisationID)
        }
    }

    /// Whether `actor` adds users to `organisation` and unlocks their accounts; `practice`
    /// is set when the organisation is a practice.
    public static func managesPeople(_ actor: Actor, of organisation: UUID, practice: PracticeLinks?) -> Bool {
        switch peopleScope(of: actor) {
        case .nobody: false
        case .everyone: true
        case .organisation(let own): own == organisation
        case .organisationAndItsPractices(let own):
            own == organisation || practice.map { $0.commissioner == own || $0.deliveryPartner == own } == true
        }
    }
}
