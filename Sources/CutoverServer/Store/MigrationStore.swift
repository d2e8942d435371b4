import Foundation
import Fluent
import MigrationKit
import SQLKit

/// The one place that holds the SQL for a migration and what is recorded against it. A
/// load reads plain rows with SQLKit (no Fluent model decoding); a save writes what a
/// changed copy differs by, behind the optimistic lock. Call both inside one transaction
/// when they belong together (see `MigrationWriter`).
struct MigrationStore {
    let sql: any SQLDatabase

    init(_ db: any Database) {
        sql = db as! any SQLDatabase
    }

    // MARK: Reading

    /// The migration with everything recorded against it; nil when there is none. One
    /// select for the migration with its practice, one for its products with their
    /// suppliers' names, one per kind of record.
    func load(_ id: UUID) async throws -> MigrationAggregate? {
        guard let head = try await sql.raw("""
            SELECT m.*, p.ods_code AS practice_ods_code, p.name AS practice_name, p.list_size AS practice_list_size
            FROM migrations m JOIN practices p ON p.id = m.practice_id WHERE m.id = \(bind: id)
            """).first() else { return nil }
        let record = try head.decode(model: MigrationRow.self)
        let practice = PracticeRow(
            id: record.practiceID, odsCode: try head.decode(column: "practice_ods_code", as: String.self),
            name: try head.decode(column: "practice_name", as: String.self), listSize: try head.decode(column: "practice_list_size", as: Int.self))
        let products = try await sql.raw("""
            SELECT pr.id, pr.code, pr.name, pr.supplier_id, pr.kind, pr.extract_lead_days, o.name AS supplier_name
            FROM products pr JOIN organisations o ON o.id = pr.supplier_id
            WHERE pr.id IN (\(bind: record.sourceProductID), \(bind: record.targetProductID))
               OR pr.id IN (SELECT product_id FROM migration_products WHERE migration_id = \(bind: id))
            """).all(decoding: ProductRow.self)
        guard let source = products.first(where: { $0.id == record.sourceProductID }),
              let target = products.first(where: { $0.id == record.targetProductID }) else { return nil }
        return MigrationAggregate(
            record: record, practice: practice, sourceProduct: source, targetProduct: target,
            extraProducts: products.filter { $0.id != source.id && $0.id != target.id }.sorted { $0.name < $1.name },
            scheduleAs: try await records(ScheduleARow.self, of: id, orderedBy: "called_off_on"),
            extractRequests: try await records(ExtractRequestRow.self, of: id, orderedBy: "requested_on"),
            notices: try await records(NoticeRow.self, of: id, orderedBy: "recipient"),
            milestones: try await records(MilestoneRow.self, of: id, orderedBy: "phase"),
            signOffs: try await records(SignOffRow.self, of: id, orderedBy: "signed_on"),
            actionItems: try await records(ActionItemRow.self, of: id, orderedBy: "title"))
    }

    /// Whether the practice has a migration that has not ended.
    func hasOpenMigration(practice: UUID) async throws -> Bool {
        try await sql.select().column("id").from("migrations").where("practice_id", .equal, practice)
            .where("status", .notEqual, MigrationStatus.completed.rawValue).limit(1).first() != nil
    }

    /// A product by its national code, with its supplier's name.
    func product(code: String) async throws -> ProductRow? {
        try await sql.raw("""
            SELECT pr.id, pr.code, pr.name, pr.supplier_id, pr.kind, pr.extract_lead_days, o.name AS supplier_name
            FROM products pr JOIN organisations o ON o.id = pr.supplier_id WHERE pr.code = \(bind: code)
            """).first(decoding: ProductRow.self)
    }

    private func records<Row: StoredRow>(_ type: Row.Type, of migration: UUID, orderedBy column: String) async throws -> [Row] {
        try await sql.select().column("*").from(Row.table).where("migration_id", .equal, migration)
            .orderBy(column).orderBy("id").all(decoding: Row.self)
    }

    // MARK: Writing

    /// Writes `next`, a changed copy of `current`: the migration row with its version one
    /// higher, only while its version is still `current`'s (otherwise `APIError.stale`), then
    /// every record added or changed, and the links to products added or dropped.
    func save(_ next: MigrationAggregate, over current: MigrationAggregate, at now: Date) async throws -> MigrationAggregate {
        var saved = next
        saved.record.version = current.record.version + 1
        saved.record.updatedAt = now
        // The optimistic lock. Fluent's `update` does not check rows affected, so this is a
        // conditional UPDATE that returns the row only when the version still matches.
        let updated = try await sql.update("migrations").set(model: saved.record, nilEncodingStrategy: .asNil)
            .where("id", .equal, current.id).where("version", .equal, current.record.version)
            .returning("id").all()
        guard !updated.isEmpty else { throw APIError.stale }
        try await sync(saved.scheduleAs, over: current.scheduleAs)
        try await sync(saved.extractRequests, over: current.extractRequests)
        try await sync(saved.notices, over: current.notices)
        try await sync(saved.milestones, over: current.milestones)
        try await sync(saved.signOffs, over: current.signOffs)
        try await sync(saved.actionItems, over: current.actionItems)
        try await syncLinks(saved.extraProducts, over: current.extraProducts, of: current.id)
        return saved
    }

    private func sync<Row: StoredRow>(_ rows: [Row], over old: [Row]) async throws {
        let before = Dictionary(old.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for row in rows where before[row.id] != row {
            if before[row.id] == nil {
                try await sql.insert(into: Row.table).model(row, nilEncodingStrategy: .asNil).run()
            } else {
                try await sql.update(Row.table).set(model: row, nilEncodingStrategy: .asNil).where("id", .equal, row.id).run()
            }
        }
    }

    private func syncLinks(_ products: [ProductRow], over old: [ProductRow], of migration: UUID) async throws {
        let now = Set(products.map(\.id)), before = Set(old.map(\.id))
        let dropped = Array(before.subtracting(now))
        if !dropped.isEmpty {
            try await sql.delete(from: "migration_products").where("migration_id", .equal, migration).where("product_id", .in, dropped).run()
        }
        for product in products where !before.contains(product.id) {
            try await sql.insert(into: "migration_products").columns("id", "migration_id", "product_id", "supplier_id")
                .values(SQLBind(UUID()), SQLBind(migration), SQLBind(product.id), SQLBind(product.supplierID)).run()
        }
    }

    /// Adds a new migration with everything recorded against it (creation, demo data).
    func insert(_ migration: MigrationAggregate) async throws {
        try await sql.insert(into: "migrations").model(migration.record, nilEncodingStrategy: .asNil).run()
        try await syncLinks(migration.extraProducts, over: [], of: migration.id)
        try await insert(migration.scheduleAs)
        try await insert(migration.extractRequests)
        try await insert(migration.notices)
        try await insert(migration.milestones)
        try await insert(migration.signOffs)
        try await insert(migration.actionItems)
    }

    private func insert<Row: StoredRow>(_ rows: [Row]) async throws {
        for row in rows { try await sql.insert(into: Row.table).model(row, nilEncodingStrategy: .asNil).run() }
    }
}

/// A record of a migration kept in its own table, keyed by id.
protocol StoredRow: Codable, Hashable, Sendable {
    static var table: String { get }
    var id: UUID { get }
}

extension ScheduleARow: StoredRow { static let table = "schedule_as" }
extension ExtractRequestRow: StoredRow { static let table = "extract_requests" }
extension NoticeRow: StoredRow { static let table = "notices" }
extension MilestoneRow: StoredRow { static let table = "milestones" }
extension SignOffRow: StoredRow { static let table = "sign_offs" }
extension ActionItemRow: StoredRow { static let table = "action_items" }
