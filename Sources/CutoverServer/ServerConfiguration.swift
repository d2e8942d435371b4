import Foundation
import MigrationKit

/// Every setting the server reads, gathered in one place with its default.
/// `cutover serve` fills it from flags and the environment; tests fill it by hand.
public struct ServerConfiguration: Sendable {
    public enum Storage: Sendable, Equatable {
        /// An SQLite file inside this folder (created on first start), in WAL mode.
        case sqliteFile(directory: String)
        /// A throwaway in-memory SQLite database, for tests.
        case sqliteMemory
        /// A PostgreSQL server, for several instances sharing one database.
        case postgres(url: String)
    }

    public var host: String
    public var port: Int
    public var storage: Storage
    /// Who takes the steps that differ between regions.
    public var region: RegionSettings
    /// What time it is; tests pass a fixed clock.
    public var clock: @Sendable () -> Date
    /// How long an API token lasts.
    public var tokenLifetime: TimeInterval
    /// The largest request body accepted.
    public var maxBodyBytes: Int
    /// More go-lives than this for one supplier in one week is a clash.
    public var goLivesPerSupplierWeek: Int
    /// Mark cookies Secure: set when the service is reached over TLS (directly or behind a proxy).
    public var secureCookies: Bool = false
    /// bcrypt's work factor for passwords (tests lower it to stay fast).
    public var bcryptCost: Int
    /// The address people reach the service at, for links in e-mails (`https://cutover.example.nhs.uk`).
    public var publicURL: String = "http://127.0.0.1:8080"
    /// Where reminders are sent by e-mail; nil keeps them in the outbox, shown on the web only.
    public var smtp: SMTPSettings? = nil
    /// How often reminders are made and the outbox is sent.
    public var reminderInterval: TimeInterval = 60

    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        storage: Storage = .sqliteFile(directory: "cutover-data"),
        region: RegionSettings = RegionSettings(),
        clock: @escaping @Sendable () -> Date = { Date() },
        tokenLifetime: TimeInterval = 30 * 24 * 3600,
        maxBodyBytes: Int = 64 * 1024,
        goLivesPerSupplierWeek: Int = 3,
        bcryptCost: Int = 12
    ) {
        self.host = host
        self.port = port
        self.storage = storage
        self.region = region
        self.clock = clock
        self.tokenLifetime = tokenLifetime
        self.maxBodyBytes = maxBodyBytes
        self.goLivesPerSupplierWeek = goLivesPerSupplierWeek
        self.bcryptCost = bcryptCost
    }

    /// Storage from the environment: PostgreSQL when `DATABASE_URL` is set, else an SQLite
    /// file in `dataDirectory`.
    public static func storage(environment: [String: String], dataDirectory: String) -> Storage {
        if let url = environment["DATABASE_URL"], !url.isEmpty { return .postgres(url: url) }
        return .sqliteFile(directory: dataDirectory)
    }
}
