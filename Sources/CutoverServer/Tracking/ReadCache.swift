import MigrationKit
import NIOConcurrencyHelpers

/// Results of expensive reads (a migration with everything recorded against it, a list
/// page, the portfolio's counts), kept while nothing in the region changes and the day
/// stays the same. A reader passes the `ChangeCounter` generation it read before asking:
/// a result computed after that read is at least that fresh, so it is stored under it, and
/// the first reader to see a newer generation or a new day empties the cache.
///
/// Cached values are shared between requests and must not be changed by readers; writers
/// load their own copy inside their transaction.
final class ReadCache: Sendable {
    private struct State {
        var generation = -1
        var today: Day?
        var entries: [String: any Sendable] = [:]
    }

    /// Wraps each value so that a cached nil stays apart from a missing entry (casting
    /// through `any Sendable` would flatten an optional Value).
    private struct Entry<Value: Sendable>: Sendable {
        let value: Value
    }

    private let state = NIOLockedValueBox(State())
    /// Entries kept at most; past it, an arbitrary entry makes room.
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
    }

    func value<Value: Sendable>(
        _ key: String, generation: Int, today: Day, compute: () async throws -> Value
    ) async throws -> Value {
        let hit: Value? = state.withLockedValue { state in
            guard state.generation == generation, state.today == today else { return nil }
            return (state.entries[key] as? Entry<Value>)?.value
        }
        if let hit { return hit }
        let value = try await compute()
        state.withLockedValue { state in
            if generation > state.generation || (generation == state.generation && state.today.map { $0 < today } ?? true) {
                state = State(generation: generation, today: today)
            }
            guard state.generation == generation, state.today == today, capacity > 0 else { return }
            if state.entries[key] == nil && state.entries.count >= capacity {
                state.entries.remove(at: state.entries.startIndex)
            }
            state.entries[key] = Entry(value: value)
        }
        return value
    }

    /// Entries held now (for tests).
    var count: Int { state.withLockedValue { $0.entries.count } }
}
