import ArgumentParser
import CutoverServer
import Foundation

/// `cutover backup --to FILE`: a consistent copy of the SQLite database, safe to take
/// while the server runs.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the SQLite database to a file while the service runs (use pg_dump for PostgreSQL).")

    @Option(help: "The file to write; it must not exist yet.")
    var to: String
    @OptionGroup var storage: StorageOptions

    func run() async throws {
        let storage = storage.storage
        guard case .sqliteFile = storage else {
            throw UsageError("the database is PostgreSQL (DATABASE_URL is set): back it up with pg_dump, as docs/operations.md shows")
        }
        guard !FileManager.default.fileExists(atPath: to) else { throw UsageError("\(to) already exists: choose a new file") }
        let target = to
        try await CutoverApp.withDatabase(ServerConfiguration(storage: storage)) { app in
            try await Backups.copySQLite(app: app, to: target)
        }
        print("Backed up to \(target).")
    }
}
