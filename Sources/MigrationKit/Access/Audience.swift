import Foundation

/// Those who see the same migrations: the national team, or one organisation in what it is
/// (a practice, a commissioner, a delivery partner, a supplier). Counts kept per audience
/// (`PortfolioEntry`) answer each reader from the audience it belongs to, so they must
/// agree with `AccessPolicy.canSee`: the access tests hold them to it.
public struct Audience: Hashable, Sendable, Comparable {
    /// "national", or the organisation's kind and id: "supplier:0F1E…".
    public let key: String

    public init(key: String) {
        self.key = key
    }

    public static let national = Audience(key: OrganisationKind.national.rawValue)

    static func organisation(_ id: UUID, as kind: OrganisationKind) -> Audience {
        Audience(key: "\(kind.rawValue):\(id.uuidString)")
    }

    public static func < (lhs: Audience, rhs: Audience) -> Bool { lhs.key < rhs.key }
}

// Static: who sees a migration does not depend on the region's settings.
extension AccessPolicy {
    /// The audience whose migrations `actor` sees.
    public static func audience(of actor: Actor) -> Audience {
        actor.kind == .national ? .national : .organisation(actor.organisationID, as: actor.kind)
    }

    /// Every audience that sees a migration with these parties: `canSee(actor, parties)` is
    /// true exactly when this holds `audience(of: actor)`.
    public static func audiences(of parties: MigrationParties) -> Set<Audience> {
        var audiences: Set<Audience> = [
            .national,
            .organisation(parties.practice, as: .practice),
            .organisation(parties.commissioner, as: .commissioner),
            .organisation(parties.deliveryPartner, as: .deliveryPartner),
        ]
        for supplier in [parties.sourceSupplier, parties.targetSupplier] + parties.subsidiarySuppliers {
            audiences.insert(.organisation(supplier, as: .supplier))
        }
        return audiences
    }
}
