import Foundation
import SQLKit
import SQLiteNIO
import Testing
import Vapor
import VaporTesting
@testable import CutoverServer

/// The reader of an SQLite file keeps its statements prepared between reads. A kept
/// statement must still read the file as last committed, never as it was when the
/// statement first ran, and never what a transaction has not yet committed.
@Suite struct SQLiteReaderTests {
    @Test func aKeptStatementReadsWhatWasCommittedSince() async throws {
        try await withCutover(sqliteFile: true) { app, world in
            guard let reader = try reader(of: app) else { return }
            let id = try #require(UUID(uuidString: try await world.createMigration(Call(app: app))))
            let sql = app.db as! any SQLDatabase
            let select = "SELECT registration_reference, version FROM migrations WHERE id = ?"
            @Sendable func reference() async throws -> SQLiteData? {
                try await reader.rows(select, [.text(id.uuidString)]).first?.column("registration_reference")
            }
            #expect(try await reference() == .null)
            for value in ["REF-1", "REF-2", "REF-3"] {
                try await sql.raw("UPDATE migrations SET registration_reference = \(bind: value) WHERE id = \(bind: id)").run()
                #expect(try await reference() == .text(value), "read after \(value) was committed")
            }

            // What a transaction has written is not read before it commits.
            try await app.db.transaction { db in
                try await (db as! any SQLDatabase).raw("UPDATE migrations SET registration_reference = 'REF-4' WHERE id = \(bind: id)").run()
                #expect(try await reference() == .text("REF-3"))
            }
            #expect(try await reference() == .text("REF-4"))
        }
    }

    @Test func aMigrationReadThroughTheAPIIsTheStoresReading() async throws {
        try await withCutover(sqliteFile: true) { app, world in
            guard let reader = try reader(of: app) else { return }
            let id = try #require(UUID(uuidString: try await world.createMigration(Call(app: app))))
            let fromReader = try #require(try await MigrationStore(sql: reader.database(on: app.eventLoopGroup.next(), logger: app.logger)).load(id))
            let fromPool = try #require(try await MigrationStore(app.db).load(id))
            #expect(fromReader == fromPool)
        }
    }

    /// The history and plan versions decode SQLite's values themselves through the reader:
    /// what they read must be what SQLKit's row decoder reads from the pool.
    @Test func aHistoryReadThroughTheReaderIsThePoolsReading() async throws {
        try await withCutover(sqliteFile: true) { app, world in
            guard let reader = try reader(of: app) else { return }
            let call = Call(app: app)
            let journey = Journey(call: call, world: world, id: try await world.createMigration(call))
            try await journey.procure()
            let id = try #require(UUID(uuidString: journey.id))
            let fromReader = HistoryStore(sql: reader.database(on: app.eventLoopGroup.next(), logger: app.logger))
            let fromPool = HistoryStore(app.db)
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            let events = try await fromReader.events(of: id).sorted { $0.id < $1.id }
            #expect(events.count > 5 && events.contains { $0.before != nil && $0.after != nil && $0.supplier_id != nil })
            #expect(try encoder.encode(events) == encoder.encode(try await fromPool.events(of: id).sorted { $0.id < $1.id }))
            let versions = try await fromReader.planVersions(of: id)
            #expect(!versions.isEmpty)
            #expect(versions.map { "\($0.number) \($0.goLive) \($0.reason) \($0.createdAt)" }
                    == (try await fromPool.planVersions(of: id)).map { "\($0.number) \($0.goLive) \($0.reason) \($0.createdAt)" })
        }
    }

    /// A list judges itself the migrations with no judgement kept for today (the first
    /// minute of a day), loading them through the reader's SQLKit rows.
    @Test func aListWithNothingKeptJudgesThroughTheReader() async throws {
        try await withCutover(sqliteFile: true) { app, world in
            guard try reader(of: app) != nil else { return }
            let call = Call(app: app)
            let id = try await world.createMigration(call)
            let kept = try await call.send(.GET, "/api/v1/migrations", as: world.token(.deliveryPartner)).json["items"] as? [[String: Any]]
            try await JudgementStore(app.db).forgetAll()
            let judged = try await call.send(.GET, "/api/v1/migrations", as: world.token(.deliveryPartner)).json["items"] as? [[String: Any]]
            #expect(judged?.count == 1 && judged?.first?["id"] as? String == id)
            #expect(judged?.first?["rag"] as? String == kept?.first?["rag"] as? String && judged?.first?["ragReason"] as? String == kept?.first?["ragReason"] as? String)
            #expect(judged?.first?["ragReason"] as? String != nil)
        }
    }

    @Test func aStatementSQLiteRefusesIsNamedWithSQLitesReasonAndTheReaderGoesOn() async throws {
        try await withCutover(sqliteFile: true) { app, _ in
            guard let reader = try reader(of: app) else { return }
            await #expect {
                try await reader.rows("SELECT no_such_column FROM migrations", [])
            } throws: { error in
                "\(error)".contains("no such column: no_such_column")
            }
            await #expect(throws: (any Error).self, "the wrong number of values to bind") {
                try await reader.rows("SELECT id FROM migrations WHERE id = ?", [.text("a"), .text("b")])
            }
            // A kept statement keeps its last values bound: too few is refused, never read
            // with the values of the run before.
            let practice = "SELECT ods_code FROM practices WHERE ods_code = ?"
            let code = try #require(try await reader.rows("SELECT ods_code FROM practices LIMIT 1", []).first?.column("ods_code"))
            #expect(try await reader.rows(practice, [code]).count == 1)
            await #expect(throws: (any Error).self, "too few values to bind") {
                try await reader.rows(practice, [])
            }
            #expect(try await reader.rows("SELECT COUNT(*) AS n FROM practices", []).first?.column("n") != nil)
        }
    }

    @Test func sqlKitQueriesReadThroughTheReaderAndCannotWrite() async throws {
        try await withCutover(sqliteFile: true) { app, world in
            guard let reader = try reader(of: app) else { return }
            let id = try #require(UUID(uuidString: try await world.createMigration(Call(app: app))))
            let reads = reader.database(on: app.eventLoopGroup.next(), logger: app.logger)
            let row = try #require(try await reads.raw("SELECT id, version, created_at, approved_on FROM migrations WHERE id = \(bind: id)").first())
            #expect(try row.decode(column: "id", as: UUID.self) == id)
            #expect(try row.decode(column: "version", as: Int.self) == 1)
            #expect(try row.decode(column: "created_at", as: Date.self) == testNow)
            #expect(try row.decodeNil(column: "approved_on"))
            #expect(row.allColumns == ["id", "version", "created_at", "approved_on"])
            await #expect(throws: (any Error).self, "a reader never writes") {
                try await reads.raw("UPDATE migrations SET version = 9 WHERE id = \(bind: id)").run()
            }
            #expect(try await MigrationStore(app.db).load(id)?.record.version == 1)
        }
    }

    /// A read of a few rows costs less than handing it to another thread and back, so it
    /// reads where it is asked for; a long count goes to the reader's threads, so as not to
    /// hold up the requests that share the caller's event loop.
    @Test func aQuickStatementReadsOnTheCallersThreadAndALongOneOnTheReaders() async throws {
        try await withCutover(sqliteFile: true) { app, _ in
            guard let reader = try reader(of: app) else { return }
            let quick = "SELECT COUNT(*) AS n FROM practices"
            #expect(!reader.readsOnCaller(quick), "a statement not read before goes to the reader's threads")
            // A connection's first statement also reads the schema, and a busy machine can
            // stop any read for a while: a few reads, and one of them must be quick.
            var readsOnCaller = false
            for _ in 0..<10 where !readsOnCaller {
                #expect(try await reader.rows(quick, []).first?.column("n") != nil)
                readsOnCaller = reader.readsOnCaller(quick)
            }
            #expect(readsOnCaller)

            let long = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000) SELECT COUNT(*) AS n FROM n"
            #expect(try await reader.rows(long, []).first?.column("n") == .integer(1_000_000))
            #expect(!reader.readsOnCaller(long), "a read of more than \(SQLiteReader.quick) stays on the reader's threads")
        }
    }

    /// Each connection has its own cache: reads waiting for a thread must not each open one.
    @Test func readsAtOnceOpenNoMoreConnectionsThanThreadsRead() async throws {
        try await withCutover(sqliteFile: true) { app, _ in
            guard let reader = try reader(of: app) else { return }
            let long = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000) SELECT COUNT(*) AS n FROM n"
            try await withThrowingTaskGroup(of: SQLiteData?.self) { group in
                for _ in 0..<24 { group.addTask { try await reader.rows(long, []).first?.column("n") } }
                for try await count in group { #expect(count == .integer(100_000)) }
            }
            #expect(reader.connectionsOpen <= reader.threads, "\(reader.connectionsOpen) connections for \(reader.threads) threads")
        }
    }

    @Test func inMemoryDatabasesHaveNoReader() async throws {
        // Each connection to ":memory:" would open a database of its own.
        try await withCutover { app, _ in
            if case .sqliteMemory = app.cutover.configuration.storage { #expect(app.cutover.reader == nil) }
        }
    }

    /// The reader of a database file; nil on PostgreSQL (when the tests run on it), which has none.
    private func reader(of app: Application) throws -> SQLiteReader? {
        if case .postgres = app.cutover.configuration.storage {
            #expect(app.cutover.reader == nil)
            return nil
        }
        // Unwrapped into a non-optional first: returned straight into the optional result,
        // the requirement was on a doubly optional value and could never fail.
        let reader: SQLiteReader = try #require(app.cutover.reader, "an SQLite file is read by the reader")
        return reader
    }
}
