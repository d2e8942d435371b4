import Fluent
import MigrationKit
import Vapor

/// A formal sign-off, with who gave it and when.
final class SignOffRecord: Model, @unchecked Sendable {
    static let schema = "sign_offs"

    @ID(key: .id) var id: UUID?
    @Parent(key: "migration_id") var migration: MigrationRecord
    @Field(key: "kind") var kind: SignOffKind
    @Field(key: "user_id") var userID: UUID
    @Field(key: "signer_name") var signerName: String
    @Field(key: "signed_on") var signedOn: Day
    @Field(key: "comment") var comment: String
    /// The deployment survey's score (1 to 10).
    @OptionalField(key: "score") var score: Int?

    init() {}
}
