import Fluent
import SQLKit

/// Lets one write transaction run at a time in this process. SQLite allows a single writer;
/// queuing writers here turns "database is locked" errors into a short wait. (PostgreSQL
/// needs no gate: its row locks and the version check do the work.)
///
/// Writers that queue while a transaction runs go together in the next one (group commit):
/// each in its own savepoint, so one that fails is rolled back alone and told why, and the
/// others commit together. Beginning and committing took more than half of a step's time
/// in the write (README, Speed); a batch pays for them once, and writes the trails its
/// writers left (`ChangeTrail`) together after them. A writer is answered only once its
/// batch has committed, and if the commit fails, every writer in it is told so.
actor WriteGate {
    private struct Waiting {
        let body: @Sendable (any Database) async throws -> (any Sendable, ChangeTrail)
        let answer: CheckedContinuation<any Sendable, any Error>
    }

    /// The most writers in one batch: it keeps a batch's trail statements well inside
    /// SQLite's limit on bound values.
    static let batchLimit = 64

    private var waiting: [Waiting] = []
    private var busy = false
    private let prepare: @Sendable (any Database) async throws -> Void
    /// Whether `prepare` has run on the writer's connection, which the writer keeps for the
    /// life of the process.
    private var writerPrepared = false
    nonisolated let writer: WriterLoop?

    /// `prepare` sets up a connection (SQLite's busy timeout): once on the writer's own,
    /// otherwise at the start of each transaction, whose connection may be another. With a
    /// `writer`, transactions run on its connection and event loop.
    init(writer: WriterLoop? = nil, prepare: @escaping @Sendable (any Database) async throws -> Void = { _ in }) {
        self.writer = writer
        self.prepare = prepare
    }

    /// Runs `body` in a write transaction on `database` (on the writer's own connection, when
    /// the gate has a `WriterLoop`), with any writers that queue beside it; the trail it
    /// leaves is written if it succeeds, after the batch's writers.
    func run<T: Sendable>(on database: any Database, _ body: @escaping @Sendable (any Database) async throws -> (T, ChangeTrail)) async throws -> T {
        let value = try await withCheckedThrowingContinuation { (answer: CheckedContinuation<any Sendable, any Error>) in
            waiting.append(Waiting(body: { try await body($0) }, answer: answer))
            if !busy {
                busy = true
                Task { await self.drain(on: writer?.database ?? database) }
            }
        }
        return value as! T
    }

    /// Runs what waits, a transaction per batch, until nothing does.
    private func drain(on database: any Database) async {
        while !waiting.isEmpty {
            let batch = Array(waiting.prefix(Self.batchLimit))
            waiting.removeFirst(batch.count)
            let prepare = writer != nil && writerPrepared ? nil : prepare
            do {
                // On the writer's connection, the transaction and its SQL run on the handle
                // itself, on the writer's event loop (`WriterLoop.transaction`).
                let run: @Sendable (any Database) async throws -> [Result<any Sendable, any Error>] = { db in
                    try await prepare?(db)
                    // A writer alone needs no savepoint: its failure rolls the transaction
                    // back, and it is told why below. Beside reads, most batches are of one.
                    if batch.count == 1 {
                        let (value, left) = try await batch[0].body(db)
                        try await left.write(on: db)
                        return [.success(value)] as [Result<any Sendable, any Error>]
                    }
                    let sql = db as! any SQLDatabase
                    var outcomes: [Result<any Sendable, any Error>] = []
                    var trail = ChangeTrail()
                    for writer in batch {
                        try await sql.raw("SAVEPOINT writer").run()
                        do {
                            let (value, left) = try await writer.body(db)
                            try await sql.raw("RELEASE writer").run()
                            trail.append(left)
                            outcomes.append(.success(value))
                        } catch {
                            // Undoes this writer's statements only; the transaction goes on.
                            try await sql.raw("ROLLBACK TO writer").run()
                            try await sql.raw("RELEASE writer").run()
                            outcomes.append(.failure(error))
                        }
                    }
                    try await trail.write(on: db)
                    return outcomes
                }
                let outcomes = if let writer { try await writer.transaction(run) } else { try await database.transaction(run) }
                writerPrepared = writer != nil
                for (writer, outcome) in zip(batch, outcomes) { writer.answer.resume(with: outcome) }
            } catch {
                // Nothing of the batch was committed.
                for writer in batch { writer.answer.resume(throwing: error) }
            }
        }
        busy = false
    }
}
