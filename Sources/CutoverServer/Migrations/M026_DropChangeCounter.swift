import Fluent
import SQLKit

/// The change counter (M022) served a region-wide read cache that every write emptied; reads
/// are now fast without it, and no row is updated by every write of every instance.
struct M026_DropChangeCounter: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("DROP TABLE change_counter").run()
    }

    func revert(on database: any Database) async throws {
        try await M022_CreateChangeCounter().prepare(on: database)
    }
}
