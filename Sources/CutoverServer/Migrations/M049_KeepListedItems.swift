import Fluent
import SQLKit

/// A list page of fifty joined each migration to its practice and both products and read
/// fourteen columns of each, to write the same JSON that the migration's last change could
/// have written once. So each kept judgement keeps, beside it, what the lists show of its
/// migration (`MigrationList.Listed`) as that JSON, made from the same version and day.
///
/// The judgements kept before have none: they are forgotten, as at every start, and judged
/// again (`JudgementRefresher`).
struct M049_KeepListedItems: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.transaction { db in
            try await JudgementStore(db).forgetAll()
            try await db.schema("migration_judgements").field("listed", .string).update()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("migration_judgements").deleteField("listed").update()
    }
}
