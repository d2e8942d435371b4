import MigrationKit
import Vapor

/// The signed-in user and the organisation they act for.
struct CurrentUser: Authenticatable {
    let user: User
    let organisation: Organisation

    var actor: Actor {
        Actor(userID: user.id!, organisationID: organisation.id!, kind: organisation.kind, role: user.role)
    }
}

extension Request {
    /// The signed-in user, or a 401 in the API's error shape.
    func currentUser() throws -> CurrentUser {
        guard let user = auth.get(CurrentUser.self) else { throw APIError.unauthorized }
        return user
    }
}
