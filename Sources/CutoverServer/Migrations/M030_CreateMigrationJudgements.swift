import Fluent

/// Each migration's status as its lists show it (`Judgement`), for the day and version it
/// was judged on: kept by the write that changes the migration and by `JudgementRefresher`
/// each day, read by the lists. Gone with its migration.
struct M030_CreateMigrationJudgements: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("migration_judgements")
            .field("migration_id", .uuid, .identifier(auto: false), .references("migrations", "id", onDelete: .cascade))
            .field("version", .int, .required)
            .field("judged_on", .string, .required)
            .field("judgement", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("migration_judgements").delete()
    }
}
