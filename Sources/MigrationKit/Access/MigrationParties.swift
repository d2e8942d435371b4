import Foundation

/// The organisations attached to one migration: everything the access policy needs to
/// know about it.
public struct MigrationParties: Hashable, Sendable, Codable {
    public let practice: UUID
    public let commissioner: UUID
    public let deliveryPartner: UUID
    public let sourceSupplier: UUID
    public let targetSupplier: UUID
    /// Suppliers of subsidiary systems whose data moves or who need notice.
    public let subsidiarySuppliers: Set<UUID>

    public init(practice: UUID, commissioner: UUID, deliveryPartner: UUID, sourceSupplier: UUID, targetSupplier: UUID, subsidiarySuppliers: Set<UUID> = []) {
        self.practice = practice
        self.commissioner = commissioner
        self.deliveryPartner = deliveryPartner
        self.sourceSupplier = sourceSupplier
        self.targetSupplier = targetSupplier
        self.subsidiarySuppliers = subsidiarySuppliers
    }
}

extension MigrationParties {
    /// The organisation playing `party` on this migration.
    public func organisation(of party: Party) -> UUID {
        switch party {
        case .practice: practice
        case .commissioner: commissioner
        case .deliveryPartner: deliveryPartner
        case .targetSupplier: targetSupplier
        case .sourceSupplier: sourceSupplier
        }
    }
}

/// How an actor stands towards one migration.
public enum Relation: String, Hashable, Sendable, CaseIterable {
    case practice, commissioner, deliveryPartner, targetSupplier, sourceSupplier, subsidiarySupplier, national

    /// The party whose steps this relation takes, if any.
    public var party: Party? {
        switch self {
        case .practice: .practice
        case .commissioner: .commissioner
        case .deliveryPartner: .deliveryPartner
        case .targetSupplier: .targetSupplier
        case .sourceSupplier: .sourceSupplier
        case .subsidiarySupplier, .national: nil
        }
    }

    public var isSupplier: Bool { self == .targetSupplier || self == .sourceSupplier || self == .subsidiarySupplier }
}
