import ArgumentParser
import CutoverServer
import Foundation

/// Where the data lives, shared by every command that opens the database.
struct StorageOptions: ParsableArguments {
    @Option(help: "Folder for the SQLite database (ignored when DATABASE_URL is set).")
    var data: String = "cutover-data"

    var storage: ServerConfiguration.Storage {
        ServerConfiguration.storage(environment: ProcessInfo.processInfo.environment, dataDirectory: data)
    }
}
