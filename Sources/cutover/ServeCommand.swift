import ArgumentParser
import CutoverServer
import Foundation
import MigrationKit

/// `cutover serve`: the tracking service.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the Cutover web service.",
        discussion: "Storage is an SQLite file in --data (WAL mode), or PostgreSQL when DATABASE_URL=postgres://... is set."
    )

    @Option(help: "Address to listen on.")
    var host: String = "127.0.0.1"

    @Option(help: "Port to listen on.")
    var port: Int = 8080

    @OptionGroup var storage: StorageOptions

    @Flag(help: "Fill an empty database with a demo region and print its logins.")
    var demo = false

    @Flag(help: "Mark session cookies Secure: use when people reach the service over HTTPS (also CUTOVER_SECURE_COOKIES=1).")
    var secureCookies = false

    @Option(help: ArgumentHelp("Who keeps the area's order records, confirming deployment surveys (actual M1) and cease dates: delivery-partner or commissioner (also CUTOVER_ORDER_RECORDS).",
                               valueName: "party"))
    var orderRecords: String?

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port must be between 1 and 65535, not \(port)") }
        _ = try orderRecordsAdministrator()
    }

    /// The flag, else the environment, else the guide's usual delivery partner.
    private func orderRecordsAdministrator() throws -> Party {
        guard let text = orderRecords ?? ProcessInfo.processInfo.environment["CUTOVER_ORDER_RECORDS"], !text.isEmpty else { return .deliveryPartner }
        guard let party = Party(rawValue: text), RegionSettings.orderRecordAdministrators.contains(party) else {
            throw ValidationError("--order-records must be delivery-partner or commissioner, not '\(text)'")
        }
        return party
    }

    func run() async throws {
        var configuration = ServerConfiguration(host: host, port: port, storage: storage.storage)
        configuration.secureCookies = secureCookies || ProcessInfo.processInfo.environment["CUTOVER_SECURE_COOKIES"] == "1"
        configuration.region.administersOrderRecords = try orderRecordsAdministrator()
        // Written straight away, not buffered: people read the logins while the server runs.
        try await CutoverApp.serve(configuration, demo: demo) { line in FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
    }
}
