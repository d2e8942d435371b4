import Fluent

/// Each supplier whose data moves has its own extract request deadline: a subsidiary
/// system's row has the deadline's id in `kind` (`DeadlineID`) and its supplier here (NULL
/// for every other deadline, the old system's extract request included). Existing
/// migrations gain those rows when they are next replanned.
struct M028_AddDeadlineSupplier: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("deadlines").field("supplier_id", .uuid).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("deadlines").deleteField("supplier_id").update()
    }
}
