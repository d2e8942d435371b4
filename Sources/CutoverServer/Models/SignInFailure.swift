import Fluent
import Foundation

/// One wrong password, kept for the lockout window (see `SignIn`).
final class SignInFailure: Model, @unchecked Sendable {
    static let schema = "sign_in_failures"

    @ID(key: .id) var id: UUID?
    /// The address signed in as, lower-cased, whether or not such an account exists.
    @Field(key: "email") var email: String
    /// The client's socket address.
    @Field(key: "address") var address: String
    @Field(key: "at") var at: Date

    init() {}

    init(email: String, address: String, at: Date) {
        self.email = email
        self.address = address
        self.at = at
    }
}
