import ArgumentParser
import CutoverServer
import Foundation

/// `cutover seed-load-test`: a large generated region for benchmarks.
struct SeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed-load-test",
        abstract: "Fill an empty database with the demo region plus N generated migrations, for benchmarks."
    )

    @Option(help: "How many migrations to generate.")
    var migrations: Int = 10_000

    @OptionGroup var storage: StorageOptions

    func validate() throws {
        guard (1...200_000).contains(migrations) else { throw ValidationError("--migrations must be between 1 and 200000") }
    }

    func run() async throws {
        let count = migrations
        try await CutoverApp.withDatabase(ServerConfiguration(storage: storage.storage)) { app in
            try await LoadTestData.seed(app, migrations: count) { line in FileHandle.standardError.write(Data((line + "\n").utf8)) }
        }
    }
}
