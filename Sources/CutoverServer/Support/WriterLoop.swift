import Fluent
import FluentSQLiteDriver
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

    /// Closes the connection, the thread and the event loop when the application stops.
    func shutdownAsync(_ application: Application) async {
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
