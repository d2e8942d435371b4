import Foundation
import SQLKit
import Testing
@testable import CutoverServer

/// SQLite's writes take turns at the write gate, and those that queue meanwhile commit
/// together, each in its own savepoint, with the trails they leave written after them.
@Suite struct WriteGateTests {
    private struct Refused: Error {}

    /// Eight writers at once, each holding its turn a moment so that the others queue: the
    /// one that fails leaves nothing behind, not even its trail, and is told why; the rest
    /// are all kept, with their trails.
    @Test func aWriterThatFailsBesideOthersIsUndoneAlone() async throws {
        try await withCutover(sqliteFile: true) { app, _ in
            try await (app.db as! any SQLDatabase).raw("CREATE TABLE gate_test (n INTEGER NOT NULL)").run()
            let services = app.cutover
            let outcomes = try await withThrowingTaskGroup(of: (Int, String).self) { group in
                for n in 0..<8 {
                    group.addTask {
                        do {
                            try await services.write(on: app.db, leaving: { db in
                                try await (db as! any SQLDatabase).raw("INSERT INTO gate_test (n) VALUES (\(bind: n))").run()
                                try await Task.sleep(for: .milliseconds(20))
                                if n == 5 { throw Refused() }
                                let event = AuditRow(AuditEntry(action: "gate.test.\(n)", entity: "test"), migrationID: nil, version: nil, actor: nil, at: Date())
                                return ((), ChangeTrail(audits: [event]))
                            })
                            return (n, "kept")
                        } catch is Refused {
                            return (n, "refused")
                        }
                    }
                }
                return try await group.reduce(into: [Int: String]()) { $0[$1.0] = $1.1 }
            }
            #expect(outcomes == [0: "kept", 1: "kept", 2: "kept", 3: "kept", 4: "kept", 5: "refused", 6: "kept", 7: "kept"])
            let kept = try await (app.db as! any SQLDatabase).raw("SELECT n FROM gate_test ORDER BY n").all().map { try $0.decode(column: "n", as: Int.self) }
            #expect(kept == [0, 1, 2, 3, 4, 6, 7])
            let trails = try await (app.db as! any SQLDatabase).raw("SELECT action FROM audit_events WHERE action LIKE 'gate.test.%' ORDER BY action").all()
            #expect(try trails.map { try $0.decode(column: "action", as: String.self) } == [0, 1, 2, 3, 4, 6, 7].map { "gate.test.\($0)" })
        }
    }

    /// A writer alone in its batch has no savepoint: when it fails, the whole transaction is
    /// rolled back and it is told why; when it succeeds, its trail is written with it.
    @Test func aWriterAloneIsKeptOrUndoneWhole() async throws {
        try await withCutover(sqliteFile: true) { app, _ in
            let sql = app.db as! any SQLDatabase
            try await sql.raw("CREATE TABLE gate_test (n INTEGER NOT NULL)").run()
            func write(_ n: Int, failing: Bool) async throws {
                try await app.cutover.write(on: app.db, leaving: { db in
                    try await (db as! any SQLDatabase).raw("INSERT INTO gate_test (n) VALUES (\(bind: n))").run()
                    if failing { throw Refused() }
                    return ((), ChangeTrail(audits: [AuditRow(AuditEntry(action: "gate.alone.\(n)", entity: "test"), migrationID: nil, version: nil, actor: nil, at: Date())]))
                })
            }
            await #expect(throws: Refused.self) { try await write(1, failing: true) }
            try await write(2, failing: false)
            #expect(try await sql.raw("SELECT n FROM gate_test").all().map { try $0.decode(column: "n", as: Int.self) } == [2])
            let trails = try await sql.raw("SELECT action FROM audit_events WHERE action LIKE 'gate.alone.%'").all()
            #expect(try trails.map { try $0.decode(column: "action", as: String.self) } == ["gate.alone.2"])
        }
    }

    /// The writer's connection waits for a write of another process (a `cutover` command on
    /// the same file) for the busy timeout, and keeps its savepoints' journals in memory
    /// (`temp_store` 2), both set once and kept, on every write after the first.
    @Test func theWritersConnectionKeepsItsSettings() async throws {
        try await withCutover(sqliteFile: true) { app, _ in
            guard app.cutover.writeGate?.writer != nil else { return }
            for _ in 0..<3 {
                let (timeout, tempStore) = try await app.cutover.write(on: app.db) { db in
                    let sql = db as! any SQLDatabase
                    return (try await sql.raw("PRAGMA busy_timeout").first()?.decode(column: "timeout", as: Int.self),
                            try await sql.raw("PRAGMA temp_store").first()?.decode(column: "temp_store", as: Int.self))
                }
                #expect(timeout == CutoverServices.busyTimeoutMilliseconds)
                #expect(tempStore == 2)
            }
        }
    }

    /// On a database file the gate writes on its own connection, and its writers run on its
    /// own event loop, between their statements too, not on the loops that serve HTTP.
    /// PostgreSQL (when the tests run on it) has no gate.
    @Test func writersRunOnTheWritersOwnEventLoop() async throws {
        try await withCutover(sqliteFile: true) { app, _ in
            if case .postgres = app.cutover.configuration.storage {
                #expect(app.cutover.writeGate == nil)
                return
            }
            let writer = try #require(app.cutover.writeGate?.writer)
            let (answeredOn, ranOn) = try await app.cutover.write(on: app.db) { db in
                try await (db as! any SQLDatabase).raw("SELECT 1").run()
                return (db.eventLoop === writer.loop, writer.loop.inEventLoop)
            }
            #expect(answeredOn && ranOn)
        }
    }

    /// On a database file, a writer's SQL runs on the writer connection's own handle
    /// (`WriterDatabase`) and Fluent's models through SQLiteNIO, in one transaction: a
    /// writer that fails leaves neither behind, one that succeeds keeps both.
    @Test func aWritersSQLAndItsModelsAreOneTransaction() async throws {
        try await withCutover(sqliteFile: true) { app, _ in
            if case .postgres = app.cutover.configuration.storage {
                #expect(app.cutover.writeGate == nil)
                return
            }
            let sql = app.db as! any SQLDatabase
            try await sql.raw("CREATE TABLE gate_test (n INTEGER NOT NULL)").run()
            func write(_ n: Int, failing: Bool) async throws -> Bool {
                try await app.cutover.write(on: app.db) { db in
                    try await (db as! any SQLDatabase).raw("INSERT INTO gate_test (n) VALUES (\(bind: n))").run()
                    try await SignInFailure(email: "gate-\(n)@test", address: "127.0.0.1", at: Date()).create(on: db)
                    if failing { throw Refused() }
                    return db is WriterDatabase
                }
            }
            await #expect(throws: Refused.self) { _ = try await write(1, failing: true) }
            #expect(try await write(2, failing: false), "the writer's SQL ran on its own handle")
            #expect(try await sql.raw("SELECT n FROM gate_test").all().map { try $0.decode(column: "n", as: Int.self) } == [2])
            let failures = try await sql.raw("SELECT email FROM sign_in_failures WHERE email LIKE 'gate-%'").all()
            #expect(try failures.map { try $0.decode(column: "email", as: String.self) } == ["gate-2@test"])
        }
    }
}
