import Fluent
import MigrationKit
import Vapor

/// Adding organisations and people, and unlocking an account, for the shell's `cutover
/// user` and the admin page alike: the same checks, one write each, audited as the one
/// who did it. Who may do which is `Administration`'s; the callers ask it first.
enum People {
    struct Refusal: Error {
        /// The form field the problem is with.
        let field: String
        let message: String
    }

    static let minimumPasswordLength = 12

    @discardableResult
    static func addUser(name rawName: String, email rawEmail: String, organisation: Organisation, role: UserRole, passwordHash: String,
                        actor: (User) -> Actor, services: CutoverServices, on db: any Database) async throws -> User {
        let name = rawName.trimmingCharacters(in: .whitespaces)
        let email = rawEmail.trimmingCharacters(in: .whitespaces).lowercased()
        guard !name.isEmpty, name.count <= 200 else { throw Refusal(field: "name", message: "Enter the person's name (up to 200 characters)") }
        // No spaces, line breaks or control characters: an address goes into links and mail headers.
        let forbidden = CharacterSet.whitespacesAndNewlines.union(.controlCharacters)
        guard email.contains("@"), !email.unicodeScalars.contains(where: forbidden.contains), email.count <= 200 else { throw Refusal(field: "email", message: "'\(email)' is not an e-mail address") }
        if try await User.query(on: db).filter(\.$email == email).first() != nil {
            throw Refusal(field: "email", message: "A user with the e-mail \(email) already exists")
        }
        // The id is chosen here so the audit can name who added them (from the shell, themselves).
        let user = User(id: UUID(), name: name, email: email, passwordHash: passwordHash, organisationID: try organisation.requireID(), role: role)
        let by = actor(user)
        try await services.write(on: db) { db in
            try await user.create(on: db)
            try await MigrationWriter.audit(
                AuditEntry(action: "user.added", entity: "user", entityID: user.id, after: ["email": user.email, "role": role.rawValue, "organisation": organisation.name]),
                migrationID: nil, actor: by, at: services.now, on: db)
        }
        return user
    }

    @discardableResult
    static func addOrganisation(kind: OrganisationKind, name rawName: String, code rawCode: String, actor: Actor?, services: CutoverServices, on db: any Database) async throws -> Organisation {
        let name = rawName.trimmingCharacters(in: .whitespaces)
        let code = rawCode.trimmingCharacters(in: .whitespaces).uppercased()
        guard !name.isEmpty, name.count <= 200 else { throw Refusal(field: "orgName", message: "Enter the organisation's name (up to 200 characters)") }
        guard !code.isEmpty, code.count <= 20, code.allSatisfy({ $0.isLetter || $0.isNumber }) else {
            throw Refusal(field: "orgCode", message: "Enter its ODS code or supplier id: letters and digits, up to 20")
        }
        if try await Organisation.query(on: db).filter(\.$code == code).first() != nil {
            throw Refusal(field: "orgCode", message: "An organisation with the code \(code) already exists")
        }
        let organisation = Organisation(kind: kind, name: name, code: code)
        try await services.write(on: db) { db in
            try await organisation.create(on: db)
            if let actor {
                try await MigrationWriter.audit(AuditEntry(action: "organisation.added", entity: "organisation", entityID: organisation.id, after: ["name": name, "kind": kind.rawValue, "code": code]),
                                                migrationID: nil, actor: actor, at: services.now, on: db)
            }
        }
        return organisation
    }

    /// Clears the failed sign-ins that lock `user`'s account, so they can try again now.
    static func unlock(_ user: User, actor: Actor, services: CutoverServices, on db: any Database) async throws {
        try await services.write(on: db) { db in
            try await SignInFailure.query(on: db).filter(\.$email == user.email).delete()
            try await MigrationWriter.audit(AuditEntry(action: "user.unlocked", entity: "user", entityID: user.id), migrationID: nil, actor: actor, at: services.now, on: db)
        }
    }

    /// A first password to give a new user by phone or in person: 20 letters and digits
    /// in groups of five, without those easily misread.
    static func firstPassword() -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")
        var generator = SystemRandomNumberGenerator()
        let letters = (0..<20).map { _ in alphabet.randomElement(using: &generator)! }
        return stride(from: 0, to: 20, by: 5).map { String(letters[$0..<$0 + 5]) }.joined(separator: "-")
    }
}
