import Fluent
import MigrationKit
import Vapor

/// A person who signs in, acting for one organisation.
final class User: Model, @unchecked Sendable {
    static let schema = "users"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "email") var email: String
    @Field(key: "password_hash") var passwordHash: String
    @Parent(key: "organisation_id") var organisation: Organisation
    @Field(key: "role") var role: UserRole
    @Field(key: "active") var active: Bool

    init() {}

    init(id: UUID? = nil, name: String, email: String, passwordHash: String, organisationID: UUID, role: UserRole, active: Bool = true) {
        self.id = id
        self.name = name
        self.email = email.lowercased()
        self.passwordHash = passwordHash
        self.$organisation.id = organisationID
        self.role = role
        self.active = active
    }
}
