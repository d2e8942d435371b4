import MigrationKit
import Vapor

/// The signed-in user and the organisation they act for.
struct CurrentUser: Authenticatable {
    let user: User
    let organisation: Organisation
    /// Who acts, read from the models once: a page asks several times (its menu, its
    /// forms), and each read of a Fluent field goes through its property wrapper.
    let actor: Actor

    init(user: User, organisation: Organisation) {
        self.user = user
        self.organisation = organisation
        actor = Actor(userID: user.id!, organisationID: organisation.id!, kind: organisation.kind, role: user.role)
    }
}

extension Request {
    /// The signed-in user, or a 401 in the API's error shape.
    func currentUser() throws -> CurrentUser {
        guard let user = auth.get(CurrentUser.self) else { throw APIError.unauthorized }
        return user
    }
}
