import ArgumentParser
import CutoverServer
import Foundation

/// `cutover token create|revoke`: API tokens from the shell.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Create or revoke API tokens.", subcommands: [Create.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a token for a user and print it (shown once).")
        @Option var email: String
        @Option var label: String = "cli"
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            let (email, label) = (email, label)
            let (token, expires) = try await CutoverApp.withDatabase(ServerConfiguration(storage: storage.storage)) { app in
                try await Accounts.createToken(app: app, email: email, label: label)
            }
            print(token)
            FileHandle.standardError.write(Data("expires \(ISO8601DateFormatter().string(from: expires))\n".utf8))
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token.")
        @Argument var token: String
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            let token = token
            try await CutoverApp.withDatabase(ServerConfiguration(storage: storage.storage)) { app in
                try await Accounts.revokeToken(app: app, token: token)
            }
            print("Revoked.")
        }
    }
}
