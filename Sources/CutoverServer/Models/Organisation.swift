import Fluent
import MigrationKit
import Vapor

/// A practice, commissioner (ICB), delivery partner (CSU), supplier or national body.
final class Organisation: Model, @unchecked Sendable {
    static let schema = "organisations"

    @ID(key: .id) var id: UUID?
    @Field(key: "kind") var kind: OrganisationKind
    @Field(key: "name") var name: String
    /// ODS code for NHS bodies, national supplier ID (e.g. 10000) for suppliers.
    @OptionalField(key: "code") var code: String?

    init() {}

    init(id: UUID? = nil, kind: OrganisationKind, name: String, code: String? = nil) {
        self.id = id
        self.kind = kind
        self.name = name
        self.code = code
    }
}
