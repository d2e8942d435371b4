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

    /// The statements kept for the connection's handle (`WriterDatabase`), made the first
    /// time a transaction asks for them.
    private let kept = NIOLockedValueBox<SQLiteStatements?>(nil)

    /// `transaction` (a transaction on this loop's connection) with SQLKit's statements run
    /// on the connection's own handle; as it is if the handle cannot be found.
    func direct(_ transaction: any Database) async throws -> any Database {
        let connection = try await (transaction as! any SQLiteDatabase).withConnection { $0.eventLoop.makeSucceededFuture($0) }.get()
        // SQLiteNIO keeps the handle to itself (`handle.raw`). Should that change, writes go
        // through SQLiteNIO as before, and `WriteGateTests` says so.
        guard let handle = Mirror(reflecting: connection).descendant("handle", "raw") as? OpaquePointer else { return transaction }
        let statements = kept.withLockedValue { kept in
            if let kept, kept.run(on: handle) { return kept }
            // A new handle (should the pool open the connection again): start afresh.
            let statements = SQLiteStatements(handle)
            kept = statements
            return statements
        }
        return WriterDatabase(fluent: transaction, statements: statements)
    }

    /// Closes the connection, the thread and the event loop when the application stops.
    func shutdownAsync(_ application: Application) async {
        // SQLite closes no connection while any statement of it is open.
        kept.withLockedValue { $0?.finalize() }
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
