/// The parties to a migration: who owns a deadline or a checklist item.
public enum Party: String, CaseIterable, Sendable, Codable {
    case practice
    case commissioner
    case deliveryPartner = "delivery-partner"
    case targetSupplier = "target-supplier"
    case sourceSupplier = "source-supplier"

    /// The parties an organisation of `kind` can act as on a migration.
    public static func played(by kind: OrganisationKind) -> [Party] {
        switch kind {
        case .practice: [.practice]
        case .commissioner: [.commissioner]
        case .deliveryPartner: [.deliveryPartner]
        case .supplier: [.targetSupplier, .sourceSupplier]
        case .national: []
        }
    }

    public var title: String {
        switch self {
        case .practice: "Practice"
        case .commissioner: "Commissioner (ICB)"
        case .deliveryPartner: "Delivery partner (CSU)"
        case .targetSupplier: "New system supplier"
        case .sourceSupplier: "Old system supplier"
        }
    }
}
