import Fluent
import FluentSQLiteDriver
import SQLiteNIO
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import Vapor

/// SQLite's one writer: the write gate's connection to the database file, with a thread and
/// an event loop of its own.
///
/// A write's statements run one after another, each going to SQLite's thread and back to an
/// event loop before the next starts, while the writers queued behind them wait. On the
/// event loops that serve HTTP, each step back waited behind other requests' work (loading,
/// deciding, writing JSON): a change held the gate for about 3 ms, though SQLite spent a
/// fraction of that on its statements (README, Speed). Here nothing else is queued.
final class WriterLoop: LifecycleHandler {
    private let group: MultiThreadedEventLoopGroup
    private let threadPool: NIOThreadPool
    private let databases: Databases
    /// The writer's event loop, which the connection answers on.
    let loop: any EventLoop
    /// The connection the write gate writes with.
    let database: any Database
    /// Keeps the write gate's work on the writer's event loop (`withTaskExecutorPreference`).
    let executor: EventLoopTaskExecutor

    init(sqliteFile path: String, logger: Logger) {
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        threadPool = NIOThreadPool(numberOfThreads: 1)
        threadPool.start()
        databases = Databases(threadPool: threadPool, on: group)
        databases.use(.sqlite(.file(path), maxConnectionsPerEventLoop: 1, sqlLogLevel: .trace), as: .sqlite)
        loop = group.next()
        database = databases.database(.sqlite, logger: logger, on: loop)!
        executor = EventLoopTaskExecutor(loop)
    }

    /// The connection's own handle with its kept statements (`WriterDatabase`), found the
    /// first time a transaction asks for it and kept: the pool holds this one connection
    /// (`maxConnectionsPerEventLoop: 1`, never pruned) for the writer alone, and the gate
    /// runs one transaction at a time. Taking it from the pool for each transaction went
    /// through FluentKit's task and a future, each a wake-up of this loop.
    private let kept = NIOLockedValueBox<WriterDatabase?>(nil)

    /// Runs `body` in a write transaction on this loop's connection, on this loop, with
    /// SQLKit's statements run on the connection's own handle (`WriterDatabase`), and the
    /// transaction begun and ended there too. Through Fluent, beginning and committing each
    /// went to SQLiteNIO's thread and back, waking it and this loop in turn, for every
    /// step written alone, as most are beside reads.
    func transaction<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        if let db = kept.withLockedValue({ $0 }) {
            return try await withTaskExecutorPreference(executor) { try await Self.run(body, in: db) }
        }
        // FluentKit runs the body in a task of its own, which does not keep the preference:
        // it is asked for again, so that the writers, and each step between their
        // statements, run on this loop.
        return try await database.withConnection { [self] connection in try await withTaskExecutorPreference(executor) {
            guard let db = try await direct(connection) else {
                return try await connection.transaction { transaction in try await withTaskExecutorPreference(self.executor) { try await body(transaction) } }
            }
            kept.withLockedValue { $0 = db }
            return try await Self.run(body, in: db)
        } }
    }

    private static func run<T: Sendable>(_ body: @Sendable (any Database) async throws -> T, in db: WriterDatabase) async throws -> T {
        try db.run("BEGIN TRANSACTION")
        do {
            let value = try await body(db)
            try db.run("COMMIT TRANSACTION")
            return value
        } catch {
            try? db.run("ROLLBACK TRANSACTION")
            throw error
        }
    }

    /// `connection` (this loop's) with SQLKit's statements run on its own handle, or nil if
    /// the handle cannot be found.
    private func direct(_ connection: any Database) async throws -> WriterDatabase? {
        let sqlite = try await (connection as! any SQLiteDatabase).withConnection { $0.eventLoop.makeSucceededFuture($0) }.get()
        // SQLiteNIO keeps the handle to itself (`handle.raw`). Should that change, writes go
        // through SQLiteNIO as before, and `WriteGateTests` says so.
        guard let handle = Mirror(reflecting: sqlite).descendant("handle", "raw") as? OpaquePointer else { return nil }
        return WriterDatabase(fluent: connection, statements: SQLiteStatements(handle), inTransaction: true)
    }

    /// Closes the connection, the thread and the event loop when the application stops.
    func shutdownAsync(_ application: Application) async {
        // SQLite closes no connection while any statement of it is open.
        kept.withLockedValue { $0?.statements.finalize() }
        await databases.shutdownAsync()
        try? await threadPool.shutdownGracefully()
        try? await group.shutdownGracefully()
    }
}

/// Runs a task's jobs on one event loop (`withTaskExecutorPreference`), so that a task
/// awaiting that loop's futures resumes where they complete.
final class EventLoopTaskExecutor: TaskExecutor {
    private let loop: any EventLoop

    init(_ loop: any EventLoop) {
        self.loop = loop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        loop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
