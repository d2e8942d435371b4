import Fluent
import SQLKit

/// One row counting committed changes, so that cached reads can tell cheaply whether
/// anything has changed since they were computed. Dropped again by M026.
struct M022_CreateChangeCounter: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE TABLE change_counter (id INTEGER PRIMARY KEY, generation BIGINT NOT NULL)").run()
        try await sql.raw("INSERT INTO change_counter (id, generation) VALUES (1, 0)").run()
    }

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("DROP TABLE change_counter").run()
    }
}
