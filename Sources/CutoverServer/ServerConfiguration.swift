import Foundation
import Vapor
import Fluent
import FluentSQLiteDriver
import FluentPostgresDriver

/// Every setting the server reads, gathered in one place with its default.
/// `cutover serve` fills it from flags and the environment; tests fill it by hand.
public struct ServerConfiguration: Sendable {
    public enum Storage: Sendable, Equatable {
        /// An SQLite file inside this folder (created on first start).
        case sqliteFile(directory: String)
        /// A throwaway in-memory SQLite database, for tests.
        case sqliteMemory
        /// A PostgreSQL server, for several instances sharing one database.
        case postgres(url: String)
    }

    public var host: String
    public var port: Int
    public var storage: Storage

    public init(host: String = "127.0.0.1", port: Int = 8080, storage: Storage = .sqliteFile(directory: "cutover-data")) {
        self.host = host
        self.port = port
        self.storage = storage
    }
}
