import Foundation
import NIOConcurrencyHelpers
import NIOPosix
import SQLiteKit
import SQLiteNIO
import SQLKit
import Vapor
// The SQLite that SQLiteNIO builds in: one copy of SQLite in the process, so its locks on
// the database file are the same locks the writer takes (two copies would not see each
// other's POSIX locks, and closing one's file would drop the other's).
import VaporCSQLite

/// Reads of the database file made outside any transaction (`Request.reads`: a request's
/// sign-in, its migration, lists and portfolio), on connections of their own whose
/// statements are prepared once and kept.
///
/// SQLiteNIO prepares every statement each time it runs it. Preparing the united select of
/// a migration (`RecordTables`) took more time than running it, a fifth of a read
/// (README, Speed). Each statement here still reads on its own, as any statement outside
/// a transaction does: WAL gives it the database as last committed, and it ends its
/// reading when it has its rows, so no reader holds on to an old state of the file.
///
/// A statement that read quickly last time reads on the caller's thread: handing it to
/// another thread and back cost more than the read itself, a quarter of a migration read
/// (README, Speed). One that took longer, or has not been read before, reads on the
/// reader's own threads, so that a long count does not hold up the requests that share
/// the caller's event loop.
final class SQLiteReader: LifecycleHandler, Sendable {
    /// A row read, with its columns by name (shared by the rows of one statement).
    struct Row: Sendable {
        let names: [String: Int]
        let values: [SQLiteData]

        func column(_ name: String) -> SQLiteData? {
            names[name].map { values[$0] }
        }
    }

    /// A statement that SQLite refused, with SQLite's message.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    private let path: String
    private let threadPool: NIOThreadPool
    /// The connections not in use; a read takes one, or opens one when none is free.
    private let idle = NIOLockedValueBox<[Connection]>([])
    /// How long each statement took the last time it was read.
    private let lastTook = NIOLockedValueBox<[StatementText: Duration]>([:])

    /// The reader's own threads.
    let threads: Int

    /// Reads `path` on its callers' threads and on `threads` threads of its own, with a
    /// connection for each thread reading at once.
    init(path: String, threads: Int) {
        self.path = path
        self.threads = threads
        threadPool = NIOThreadPool(numberOfThreads: threads)
        threadPool.start()
    }

    /// Reads that took less than this last time read on the caller's thread.
    static let quick: Duration = .milliseconds(1)
    /// Statements (and their timings) are kept for the few texts reads use; past this
    /// many, all are dropped.
    static let statementsKept = 128

    /// The rows of `statement` with `binds`: on the caller's thread when the statement read
    /// quickly last time, otherwise on one of the reader's threads.
    func rows(_ statement: String, _ binds: [SQLiteData]) async throws -> [Row] {
        if readsOnCaller(statement) { return try read(statement, binds) }
        return try await threadPool.runIfActive { [self] in try read(statement, binds) }
    }

    /// Whether `statement` reads on the caller's thread: it was read before, in less than
    /// `quick`.
    func readsOnCaller(_ statement: String) -> Bool {
        lastTook.withLockedValue { $0[StatementText(statement)] }.map { $0 < Self.quick } ?? false
    }

    /// The connections open, when no read is under way.
    var connectionsOpen: Int { idle.withLockedValue { $0.count } }

    /// Reads on this thread, with a connection no other thread is using: so there are never
    /// more connections, each with its own cache, than threads that read at once.
    private func read(_ statement: String, _ binds: [SQLiteData]) throws -> [Row] {
        let connection = try idle.withLockedValue { $0.popLast() } ?? Connection(path: path)
        defer { idle.withLockedValue { $0.append(connection) } }
        let started = ContinuousClock.now
        defer {
            let took = ContinuousClock.now - started
            let key = StatementText(statement)
            lastTook.withLockedValue { timings in
                if timings.count >= Self.statementsKept, timings[key] == nil { timings.removeAll() }
                timings[key] = took
            }
        }
        return try connection.rows(statement, binds)
    }

    func shutdownAsync(_ application: Application) async {
        try? await threadPool.shutdownGracefully()
        idle.withLockedValue { $0.removeAll() }
    }

    /// One connection with the statements it has prepared. Used by one thread at a time.
    private final class Connection: @unchecked Sendable {
        private let handle: OpaquePointer
        private let statements: SQLiteStatements

        init(path: String) throws {
            var handle: OpaquePointer?
            let opened = sqlite_nio_sqlite3_open_v2(path, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nil)
            guard opened == SQLITE_OK, let handle else {
                let message = handle.map { String(cString: sqlite_nio_sqlite3_errmsg($0)) } ?? "out of memory"
                sqlite_nio_sqlite3_close(handle)
                throw Failure(description: "cannot open \(path): \(message)")
            }
            self.handle = handle
            statements = SQLiteStatements(handle)
            // A writer of another process may be checkpointing; wait for it as the writer does.
            sqlite_nio_sqlite3_busy_timeout(handle, Int32(CutoverServices.busyTimeoutMilliseconds))
            // Nothing is ever written through a reader.
            guard sqlite_nio_sqlite3_exec(handle, "PRAGMA query_only = ON", nil, nil, nil) == SQLITE_OK else {
                throw statements.failure("PRAGMA query_only")
            }
        }

        deinit {
            statements.finalize()
            sqlite_nio_sqlite3_close(handle)
        }

        func rows(_ text: String, _ binds: [SQLiteData]) throws -> [Row] {
            try statements.rows(text, binds)
        }
    }
}

extension SQLiteReader.Row: SQLRow {
    var allColumns: [String] { names.sorted { $0.value < $1.value }.map(\.key) }

    func contains(column: String) -> Bool { names[column] != nil }

    func decodeNil(column: String) throws -> Bool { (self.column(column) ?? .null) == .null }

    /// As SQLiteKit decodes its rows, but texts, integers, UUIDs and days read without its
    /// decoder (`SQLiteSlotDecoder.commonValue`: a tenth of a list went to the decoder), and
    /// a UUID by `UUID(text:)` (SQLiteKit's goes through `sscanf`).
    func decode<D: Decodable>(column name: String, as type: D.Type) throws -> D {
        guard let data = column(name) else { throw SQLiteReader.Failure(description: "no column \(name) in the row") }
        return try SQLiteSlotDecoder.commonValue(D.self, from: data) { try Self.decoder.decode(D.self, from: data) }
    }

    /// One for all rows: a new one makes a `JSONDecoder` each time.
    private static let decoder = SQLiteDataDecoder()
}

extension SQLiteReader {
    /// The reader as an `SQLDatabase`, answering on `eventLoop`: for SQLKit queries made
    /// outside any transaction. It cannot write (`PRAGMA query_only`).
    func database(on eventLoop: any EventLoop, logger: Logger) -> any SQLDatabase {
        Database(reader: self, eventLoop: eventLoop, logger: logger)
    }

    /// `RecordTables` asks for the reader behind it, to decode SQLite's values itself.
    struct Database: SQLDatabase {
        let reader: SQLiteReader
        let eventLoop: any EventLoop
        let logger: Logger
        var dialect: any SQLDialect { SQLiteDialect() }
        var queryLogLevel: Logger.Level? { nil }

        func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
            eventLoop.makeFutureWithTask { try await execute(sql: query, onRow) }
        }

        func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
            let (text, binds) = serialize(query)
            for row in try await reader.rows(text, try binds.map(SQLiteStatements.value(of:))) { onRow(row) }
        }
    }
}

extension SQLQueryFetcher {
    /// The rows, each decoded as `Row` by its columns' names: straight from SQLite's values
    /// when read through the reader (`SQLiteSlotDecoder`), else by SQLKit's row decoder,
    /// which took a twentieth of a migration page for its history alone.
    func all<Row: Decodable>(decodingColumns type: Row.Type) async throws -> [Row] {
        try await all().map { row in
            if let row = row as? SQLiteReader.Row { try Row(from: SQLiteSlotDecoder(values: row.values, positions: row.names)) } else { try row.decode(model: Row.self) }
        }
    }
}

