import Fluent
import MigrationKit
import SQLKit
import Vapor

/// What every handler needs besides the database, kept on the application.
struct CutoverServices: Sendable {
    let configuration: ServerConfiguration
    let policy: AccessPolicy
    let writeGate: WriteGate?
    /// What requests read outside transactions on an SQLite file (`Request.reads`); nil on
    /// other storage.
    var reader: SQLiteReader? = nil

    var now: Date { configuration.clock() }

    /// Where reads outside any transaction go: on an SQLite file, the reader (statements
    /// prepared once), else `db` itself (made only then: a request's `db` is a new object
    /// each time it is asked for, a fiftieth of a page).
    func reads(on eventLoop: any EventLoop, logger: Logger, else db: @autoclosure () -> any Database) -> any SQLDatabase {
        reader?.database(on: eventLoop, logger: logger) ?? db() as! any SQLDatabase
    }
    var today: Day { LondonToday.day(at: now) }
}

extension Application {
    private struct ServicesKey: StorageKey {
        typealias Value = CutoverServices
    }

    var cutover: CutoverServices {
        get {
            guard let services = storage[ServicesKey.self] else { fatalError("configure(_:_:) has not run") }
            return services
        }
        set { storage[ServicesKey.self] = newValue }
    }
}

extension Request {
    var cutover: CutoverServices { application.cutover }

    /// Where a request's reads outside any transaction go (`CutoverServices.reads`).
    var reads: any SQLDatabase { cutover.reads(on: eventLoop, logger: logger, else: db) }
}
