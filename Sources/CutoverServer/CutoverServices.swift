import MigrationKit
import Vapor

/// What every handler needs besides the database, kept on the application.
struct CutoverServices: Sendable {
    let configuration: ServerConfiguration
    let policy: AccessPolicy
    let writeGate: WriteGate?
    let readCache: ReadCache

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

extension Actor {
    /// Names, in read cache keys, everything about a reader that decides what they see:
    /// `AccessPolicy` decides by organisation, so readers of one organisation share results.
    var cacheScope: String { "\(kind.rawValue) \(organisationID)" }
}

extension Request {
    var cutover: CutoverServices { application.cutover }

    /// `compute`'s result, from the read cache while nothing has changed since it was
    /// computed. The change counter is read on every call, never remembered for the rest of
    /// the request: a request that writes must not go on to read under the old generation.
    func cached<Value: Sendable>(_ key: String, _ compute: () async throws -> Value) async throws -> Value {
        let generation = try await ChangeCounter.current(on: db)
        return try await cutover.readCache.value(key, generation: generation, today: cutover.today, compute: compute)
    }
}
