import ArgumentParser
import CutoverServer
import Foundation
import MigrationKit

/// `cutover user add|list` and `cutover organisation add`: accounts from the shell.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage user accounts.", subcommands: [Add.self, List.self, Password.self])

    struct Password: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set a user's password (read from standard input); ends all their sessions and API tokens.")

        @Option var email: String
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            guard let password = readLine(strippingNewline: true), !password.isEmpty else {
                throw UsageError("give the new password on standard input")
            }
            let email = email
            try await CutoverApp.withDatabase(ServerConfiguration(storage: storage.storage)) { app in
                try await Accounts.changePassword(app: app, email: email, password: password)
            }
            print("Changed the password of \(email.lowercased()); their sessions and tokens have ended.")
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a user. The password is read from standard input unless --password is given.")

        @Option var email: String
        @Option var name: String
        @Option(help: "The code of the user's organisation (ODS code or supplier ID).")
        var organisation: String
        @Option(help: "viewer, member or admin.")
        var role: String = "member"
        @Option(help: "At least 12 characters; prefer standard input so it stays out of shell history.")
        var password: String?
        @OptionGroup var storage: StorageOptions

        func validate() throws {
            guard UserRole(rawValue: role) != nil else { throw ValidationError("--role must be viewer, member or admin, not '\(role)'") }
        }

        func run() async throws {
            guard let password = password ?? readLine(strippingNewline: true), !password.isEmpty else {
                throw UsageError("give the password on standard input or with --password")
            }
            let (name, email, organisation, role) = (name, email, organisation, UserRole(rawValue: role)!)
            try await CutoverApp.withDatabase(ServerConfiguration(storage: storage.storage)) { app in
                try await Accounts.addUser(app: app, name: name, email: email, organisationCode: organisation, role: role, password: password)
            }
            print("Added \(email.lowercased()) (\(role.rawValue)).")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every user.")
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            let users = try await CutoverApp.withDatabase(ServerConfiguration(storage: storage.storage)) { app in
                try await Accounts.listUsers(app: app)
            }
            for user in users {
                let state = user.active ? "" : "  (inactive)"
                print("\(user.email.padding(toLength: 36, withPad: " ", startingAt: 0)) \(user.role.padding(toLength: 7, withPad: " ", startingAt: 0)) \(user.name), \(user.organisation) [\(user.kind)]\(state)")
            }
        }
    }
}

struct OrganisationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "organisation", abstract: "Manage organisations.", subcommands: [Add.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an organisation.")
        @Option(help: "practice, commissioner, delivery-partner, supplier or national.")
        var kind: String
        @Option var name: String
        @Option(help: "ODS code, or national supplier ID.")
        var code: String
        @OptionGroup var storage: StorageOptions

        func validate() throws {
            guard OrganisationKind(rawValue: kind) != nil else {
                throw ValidationError("--kind must be one of \(OrganisationKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }

        func run() async throws {
            let (kind, name, code) = (OrganisationKind(rawValue: kind)!, name, code)
            try await CutoverApp.withDatabase(ServerConfiguration(storage: storage.storage)) { app in
                try await Accounts.addOrganisation(app: app, kind: kind, name: name, code: code)
            }
            print("Added \(name) (\(code)).")
        }
    }
}
