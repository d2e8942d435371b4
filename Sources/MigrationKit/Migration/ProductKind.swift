/// What a product is to a migration: the principal clinical system, a submodule bought
/// with the new one, or a subsidiary system whose data may move with it.
public enum ProductKind: String, Codable, CaseIterable, Sendable {
    case principal, submodule, subsidiary
}
