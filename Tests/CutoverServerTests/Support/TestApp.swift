import Fluent
import FluentPostgresDriver
import Foundation
import MigrationKit
import Testing
import Vapor
import VaporTesting
@testable import CutoverServer

/// Wednesday 25 November 2026, 10:00 in London: "today" in every server test.
let testNow = Date(timeIntervalSince1970: 1_795_600_800)
let testToday = try! Day(parsing: "2026-11-25")

/// Runs `body` against a freshly configured application: in-memory SQLite by default, or a
/// new PostgreSQL database (dropped afterwards) when DATABASE_URL is set.
func withCutover<T>(
    region: RegionSettings = RegionSettings(),
    maxBodyBytes: Int = 64 * 1024,
    sqliteFile: Bool = false,
    _ body: (Application, World) async throws -> T
) async throws -> T {
    try await withPostgresDatabaseIfConfigured(sqliteFile: sqliteFile) { storage in
        let app = try await Application.make(.testing)
        app.logger.logLevel = .warning  // the migrator's info lines would bury a failure in CI's log
        do {
            var configuration = ServerConfiguration(storage: storage, region: region, clock: { testNow }, maxBodyBytes: maxBodyBytes, bcryptCost: 4)
            configuration.goLivesPerSupplierWeek = 1
            try await configure(app, configuration)
            let world = try await World.build(app)
            let result = try await body(app, world)
            try await app.asyncShutdown()
            return result
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }
}

/// Gives each test its own PostgreSQL database so tests can run in parallel.
/// Without it, an in-memory SQLite database, or with `sqliteFile` a file in a new folder
/// (removed afterwards), as `cutover serve` uses.
func withPostgresDatabaseIfConfigured<T>(sqliteFile: Bool = false, _ body: (ServerConfiguration.Storage) async throws -> T) async throws -> T {
    guard let base = ProcessInfo.processInfo.environment["DATABASE_URL"], !base.isEmpty else {
        guard sqliteFile else { return try await body(.sqliteMemory) }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cutover-test-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        return try await body(.sqliteFile(directory: directory))
    }
    let name = "cutover_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
    try await postgresAdmin(base) { sql in try await sql.raw("CREATE DATABASE \(unsafeRaw: name)").run() }
    var components = URLComponents(string: base)!
    components.path = "/" + name
    do {
        let result = try await body(.postgres(url: components.string!))
        try await postgresAdmin(base) { sql in try await sql.raw("DROP DATABASE \(unsafeRaw: name) WITH (FORCE)").run() }
        return result
    } catch {
        try? await postgresAdmin(base) { sql in try await sql.raw("DROP DATABASE \(unsafeRaw: name) WITH (FORCE)").run() }
        throw error
    }
}

private func postgresAdmin(_ url: String, _ body: (any SQLDatabase) async throws -> Void) async throws {
    let app = try await Application.make(.testing)
    app.logger.logLevel = .warning
    do {
        app.databases.use(try .postgres(url: url), as: .psql)
        try await body(app.db as! any SQLDatabase)
        try await app.asyncShutdown()
    } catch {
        try? await app.asyncShutdown()
        throw error
    }
}

// MARK: - Requests

/// A JSON request and its response, for tests that read like API calls.
struct Call {
    let app: Application

    @discardableResult
    func send(_ method: HTTPMethod, _ path: String, as token: String? = nil, json: String? = nil, headers extra: [(String, String)] = []) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        if let token { headers.bearerAuthorization = BearerAuthorization(token: token) }
        if json != nil { headers.contentType = .json }
        for (name, value) in extra { headers.replaceOrAdd(name: name, value: value) }
        return try await app.testing().sendRequest(method, path, headers: headers, body: json.map { ByteBuffer(string: $0) })
    }
}

extension TestingHTTPResponse {
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(buffer: body))) as? [String: Any] ?? [:]
    }

    var error: (code: String?, field: String?, message: String?) {
        let detail = json["error"] as? [String: Any]
        return (detail?["code"] as? String, detail?["field"] as? String, detail?["message"] as? String)
    }
}
