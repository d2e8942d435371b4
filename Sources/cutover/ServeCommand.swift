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

    @Option(help: ArgumentHelp("Send reminders by e-mail through this server: smtp://[user:password@]host[:port][?from=address] (also CUTOVER_SMTP_URL). Without it reminders are kept in the outbox and shown on the web.", valueName: "url"))
    var smtpURL: String?

    @Option(help: ArgumentHelp("The address people reach the service at, for links in e-mails (also CUTOVER_PUBLIC_URL; default http://HOST:PORT).", valueName: "url"))
    var publicURL: String?

    @Option(help: ArgumentHelp("Seconds between rounds of making and sending reminders (also CUTOVER_REMINDER_INTERVAL; default 60).", valueName: "seconds"))
    var reminderInterval: Double?

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port must be between 1 and 65535, not \(port)") }
        _ = try orderRecordsAdministrator()
        _ = try smtp()
        if let seconds = reminderInterval ?? environment("CUTOVER_REMINDER_INTERVAL").flatMap(Double.init), !(1...3600).contains(seconds) {
            throw ValidationError("--reminder-interval must be between 1 and 3600 seconds, not \(seconds)")
        }
    }

    private func environment(_ name: String) -> String? {
        ProcessInfo.processInfo.environment[name].flatMap { $0.isEmpty ? nil : $0 }
    }

    private func smtp() throws -> SMTPSettings? {
        guard let url = smtpURL ?? environment("CUTOVER_SMTP_URL") else { return nil }
        do { return try SMTPSettings(url: url) } catch { throw ValidationError("--smtp-url: \(error)") }
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
        configuration.smtp = try smtp()
        var address = publicURL ?? environment("CUTOVER_PUBLIC_URL") ?? "http://\(host):\(port)"
        while address.hasSuffix("/") { address.removeLast() }
        configuration.publicURL = address
        if let seconds = reminderInterval ?? environment("CUTOVER_REMINDER_INTERVAL").flatMap(Double.init) { configuration.reminderInterval = seconds }
        // Written straight away, not buffered: people read the logins while the server runs.
        try await CutoverApp.serve(configuration, demo: demo) { line in FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
    }
}
