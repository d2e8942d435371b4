import MigrationKit
import Vapor

/// What every handler needs besides the database, kept on the application.
struct CutoverServices: Sendable {
    let configuration: ServerConfiguration
    let policy: AccessPolicy
    let writeGate: WriteGate?

    var now: Date { configuration.clock() }
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
}
