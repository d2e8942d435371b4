import Foundation
import Fluent
import MigrationKit
import SQLKit

/// The one place that holds the SQL for a migration and what is recorded against it. A
/// load reads plain rows with SQLKit (no Fluent model decoding); a save writes what a
/// changed copy differs by, behind the optimistic lock. Call both inside one transaction
/// when they belong together (see `MigrationWriter`).
struct MigrationStore: MigrationRepository {
    let sql: any SQLDatabase

    init(_ db: any Database) {
        self.init(sql: db as! any SQLDatabase)
    }

    init(sql: any SQLDatabase) {
        self.sql = sql
    }

    // MARK: Reading

    /// Migrations with everything recorded against them, in the order of `ids` (those that
    /// do not exist left out), read in one select however many (`RecordTables`): one
    /// consistent reading, with no write of another connection half seen.
    func load(_ ids: [UUID]) async throws -> [MigrationAggregate] {
        guard !ids.isEmpty else { return [] }
        let records = try await RecordTables.rows(of: ids, in: sql)
        let heads = try records.decode(MigrationRow.self, part: RecordTables.migrations)
        guard !heads.isEmpty else { return [] }
        var products: [UUID: ProductRow] = [:]
        var links: [UUID: [ProductRow]] = [:]
        for (row, product) in try records.decode(ProductRow.self, part: RecordTables.products) {
            products[product.id] = product
            if let migration = try records.column("linked_to", of: row, in: RecordTables.products, as: UUID?.self) {
                links[migration, default: []].append(product)
            }
        }
        let scheduleAs = try records.of(ScheduleARow.self), extracts = try records.of(ExtractRequestRow.self)
        let notices = try records.of(NoticeRow.self) { ($0.recipient, $0.id) < ($1.recipient, $1.id) }
        let milestones = try records.milestones()
        let signOffs = try records.of(SignOffRow.self) { ($0.signedOn, $0.id) < ($1.signedOn, $1.id) }
        let actionItems = try records.of(ActionItemRow.self) { ($0.title, $0.id) < ($1.title, $1.id) }
        let orderLines = try records.of(OrderLineRow.self), surveys = try records.of(DeploymentSurveyRow.self)
        var loaded: [UUID: MigrationAggregate] = [:]
        for (head, record) in heads {
            guard let source = products[record.sourceProductID], let target = products[record.targetProductID] else { continue }
            let column = { (name: String) in try records.column(name, of: head, in: RecordTables.migrations, as: String.self) }
            let practice = PracticeRow(
                id: record.practiceID, odsCode: try column("practice_ods_code"), name: try column("practice_name"),
                listSize: try records.column("practice_list_size", of: head, in: RecordTables.migrations, as: Int.self))
            // Ids are random, so records of one day are put in the process's order: the new
            // system's Schedule A, its modules', then the old system's; the old system's
            // extract before subsidiary systems'.
            let kindOrder: [ScheduleA.Kind: Int] = [.target: 0, .submodule: 1, .decommission: 2]
            loaded[record.id] = MigrationAggregate(
                record: record, practice: practice, sourceProduct: source, targetProduct: target,
                extraProducts: (links[record.id] ?? []).sorted { $0.name < $1.name },
                scheduleAs: (scheduleAs[record.id] ?? []).sorted {
                    ($0.calledOffOn, kindOrder[$0.kind]!, products[$0.productID]?.name ?? "") < ($1.calledOffOn, kindOrder[$1.kind]!, products[$1.productID]?.name ?? "")
                },
                extractRequests: (extracts[record.id] ?? []).sorted {
                    ($0.requestedOn, $0.supplierID == record.sourceSupplierID ? 0 : 1) < ($1.requestedOn, $1.supplierID == record.sourceSupplierID ? 0 : 1)
                },
                notices: notices[record.id] ?? [],
                milestones: milestones[record.id] ?? [], signOffs: signOffs[record.id] ?? [], actionItems: actionItems[record.id] ?? [],
                orderLines: orderLines[record.id] ?? [], deploymentSurveys: surveys[record.id] ?? [])
        }
        return ids.compactMap { loaded[$0] }
    }

    /// Whether the practice has a migration that has not ended.
    func hasOpenMigration(practice: UUID) async throws -> Bool {
        try await sql.select().column("id").from("migrations").where("practice_id", .equal, practice)
            .where("status", .notEqual, MigrationStatus.completed.rawValue).limit(1).first() != nil
    }

    /// The migration under way of each of `practices` that has one, by practice.
    func openMigrations(of practices: [UUID]) async throws -> [UUID: UUID] {
        guard !practices.isEmpty else { return [:] }
        let rows = try await sql.raw("""
            SELECT practice_id, id FROM migrations
            WHERE practice_id IN (\(binds: practices)) AND status <> \(bind: MigrationStatus.completed.rawValue)
            """).all()
        var open: [UUID: UUID] = [:]
        for row in rows { open[try row.decode(column: "practice_id", as: UUID.self)] = try row.decode(column: "id", as: UUID.self) }
        return open
    }

    /// Which rows of `migrations` use `product`: as old or new system, module or subsidiary
    /// system (a condition for their WHERE).
    static func using(product: UUID) -> SQLQueryString {
        """
        (source_product_id = \(bind: product) OR target_product_id = \(bind: product)
         OR id IN (SELECT migration_id FROM migration_products WHERE product_id = \(bind: product)))
        """
    }

    /// Which rows of `migrations` move data of `supplier`'s or move to its system.
    static func involving(supplier: UUID) -> SQLQueryString {
        """
        (source_supplier_id = \(bind: supplier) OR target_supplier_id = \(bind: supplier)
         OR id IN (SELECT migration_id FROM migration_products WHERE supplier_id = \(bind: supplier)))
        """
    }

    /// A product by its national code, with its supplier's name.
    func product(code: String) async throws -> ProductRow? {
        try await sql.raw("""
            SELECT pr.id, pr.code, pr.name, pr.supplier_id, pr.kind, pr.extract_lead_days, o.name AS supplier_name
            FROM products pr JOIN organisations o ON o.id = pr.supplier_id WHERE pr.code = \(bind: code)
            """).first(decoding: ProductRow.self)
    }

    // MARK: Writing

    /// Writes `next`, a changed copy of `current`: the migration row with its version one
    /// higher, only while its version is still `current`'s (otherwise `APIError.stale`), then
    /// every record added or changed, and the links to products added or dropped.
    func save(_ next: MigrationAggregate, over current: MigrationAggregate, at now: Date) async throws -> MigrationAggregate {
        let saved = next.saving(over: current, at: now)
        // The optimistic lock. Fluent's `update` does not check rows affected, so this is a
        // conditional UPDATE that returns the row only when the version still matches. It
        // sets only the columns that changed: SQLite rewrites the entries of every index on
        // a column it sets, and the twelve on `migrations` tripled the cost of each write. It
        // is written out: SQLKit's builder cost more to turn into SQL than the rest of it.
        // The columns are the row's coding keys, never input.
        let sets = try ColumnChanges.between(current.record, saved.record).map { column, value -> SQLQueryString in "\(unsafeRaw: column) = \(value)" }
        let updated = try await sql.raw("UPDATE migrations SET " + sets.joined(separator: ", ")
                                        + " WHERE id = \(bind: current.id) AND version = \(bind: current.record.version) RETURNING id").all()
        guard !updated.isEmpty else { throw APIError.stale }
        try await sync(saved.scheduleAs, over: current.scheduleAs)
        try await sync(saved.extractRequests, over: current.extractRequests)
        try await sync(saved.notices, over: current.notices)
        try await sync(saved.milestones, over: current.milestones)
        try await sync(saved.signOffs, over: current.signOffs)
        try await sync(saved.actionItems, over: current.actionItems)
        try await sync(saved.orderLines, over: current.orderLines)
        try await sync(saved.deploymentSurveys, over: current.deploymentSurveys)
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
        let migration = migration.inserting
        try await sql.insert(into: "migrations").model(migration.record, nilEncodingStrategy: .asNil).run()
        // The practice's code, by which lists order a day's go-lives (M047).
        try await sql.raw("UPDATE migrations SET practice_ods_code = \(M047_KeepPracticeCodeOnMigrations.practiceCode) WHERE id = \(bind: migration.id)").run()
        try await syncLinks(migration.extraProducts, over: [], of: migration.id)
        try await insert(migration.scheduleAs)
        try await insert(migration.extractRequests)
        try await insert(migration.notices)
        try await insert(migration.milestones)
        try await insert(migration.signOffs)
        try await insert(migration.actionItems)
        try await insert(migration.orderLines)
        try await insert(migration.deploymentSurveys)
    }

    private func insert<Row: StoredRow>(_ rows: [Row]) async throws {
        for row in rows { try await sql.insert(into: Row.table).model(row, nilEncodingStrategy: .asNil).run() }
    }
}
