import Foundation
import SQLKit

/// A record of a migration kept in its own table, keyed by id.
protocol StoredRow: Codable, Hashable, Sendable {
    static var table: String { get }
    /// The table's columns with their SQL types (a NULL in a united select must have the
    /// type of the column it stands beside: PostgreSQL will not unite uuid with text).
    static var columns: [(name: String, type: String)] { get }
    var id: UUID { get }
    var migrationID: UUID { get }
}

/// The tables of the records kept against a migration, read together: one select unites
/// them, so loading any number of migrations costs one query, not one per table. Each
/// table's columns go into shared slots of their type (`c0`, `c1`, … as in `slots`), NULL
/// where a table has fewer, and each row says which table it came from.
enum RecordTables {
    static let all: [any StoredRow.Type] = [
        ScheduleARow.self, ExtractRequestRow.self, NoticeRow.self, MilestoneRow.self, SignOffRow.self, ActionItemRow.self,
        OrderLineRow.self, DeploymentSurveyRow.self,
    ]

    /// The slots' types: as many of each as the table with most columns of that type needs.
    static let slots: [String] = {
        let types = ["UUID", "BIGINT", "TEXT"]
        return types.flatMap { type in
            Array(repeating: type, count: all.map { table in table.columns.count { $0.type == type } }.max() ?? 0)
        }
    }()

    /// Each table's column names by slot name.
    static let slotted: [String: [String: String]] = Dictionary(uniqueKeysWithValues: all.map { table in
        var free = Array(slots.enumerated())
        var columns: [String: String] = [:]
        for column in table.columns {
            let slot = free.remove(at: free.firstIndex { $0.element == column.type }!)
            columns["c\(slot.offset)"] = column.name
        }
        return (table.table, columns)
    })

    /// Every record of `migrations`, of every table.
    static func rows(of migrations: [UUID], in sql: any SQLDatabase) async throws -> Rows {
        let selects = all.map { table -> SQLQueryString in
            let columns = slotted[table.table]!
            let values = slots.enumerated().map { slot, type in
                columns["c\(slot)"].map { "\($0) AS c\(slot)" } ?? "CAST(NULL AS \(type)) AS c\(slot)"
            }
            return "SELECT \(literal: table.table) AS record_table, \(unsafeRaw: values.joined(separator: ", ")) FROM \(ident: table.table) WHERE migration_id IN (\(binds: migrations))"
        }
        let rows = try await sql.raw(selects.joined(separator: " UNION ALL ")).all()
        return Rows(byTable: try Dictionary(grouping: rows) { try $0.decode(column: "record_table", as: String.self) })
    }

    /// The united rows, read back one table at a time.
    struct Rows {
        let byTable: [String: [any SQLRow]]

        /// The records of one table by migration, each migration's in `order` (by id when
        /// the order does not tell them apart).
        func of<Row: StoredRow>(_ type: Row.Type, order: (Row, Row) -> Bool = { $0.id.uuidString < $1.id.uuidString }) throws -> [UUID: [Row]] {
            let slotOf = Dictionary(uniqueKeysWithValues: slotted[Row.table]!.map { ($1, $0) })
            let decoder = SQLRowDecoder(keyDecodingStrategy: .custom { path in SlotKey(stringValue: slotOf[path.last!.stringValue] ?? path.last!.stringValue) })
            var found: [UUID: [Row]] = [:]
            for row in byTable[Row.table] ?? [] {
                let record = try row.decode(model: Row.self, with: decoder)
                found[record.migrationID, default: []].append(record)
            }
            return found.mapValues { $0.sorted(by: order) }
        }
    }

    private struct SlotKey: CodingKey {
        let stringValue: String
        init(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }
}

// The SQL types are those the schema migrations gave each column (Fluent's .uuid and .int;
// everything else is text).
extension ScheduleARow: StoredRow {
    static let table = "schedule_as"
    static let columns = [
        ("id", "UUID"), ("migration_id", "UUID"), ("kind", "TEXT"), ("product_id", "UUID"), ("supplier_id", "UUID"), ("status", "TEXT"),
        ("called_off_on", "TEXT"), ("commissioner_decided_on", "TEXT"), ("supplier_decided_on", "TEXT"), ("rejection_reason", "TEXT"),
        ("confirmed_go_live", "TEXT"), ("proposed_go_lives", "TEXT"),
    ].map { (name: $0.0, type: $0.1) }
}

extension ExtractRequestRow: StoredRow {
    static let table = "extract_requests"
    static let columns = [
        ("id", "UUID"), ("migration_id", "UUID"), ("supplier_id", "UUID"), ("status", "TEXT"), ("requested_on", "TEXT"),
        ("form_sent_on", "TEXT"), ("form_returned_on", "TEXT"), ("data_production_days", "TEXT"), ("transferred_on", "TEXT"),
    ].map { (name: $0.0, type: $0.1) }
}

extension NoticeRow: StoredRow {
    static let table = "notices"
    static let columns = [
        ("id", "UUID"), ("migration_id", "UUID"), ("recipient", "TEXT"), ("service", "TEXT"), ("sent_on", "TEXT"),
    ].map { (name: $0.0, type: $0.1) }
}

extension MilestoneRow: StoredRow {
    static let table = "milestones"
    static let columns = [
        ("id", "UUID"), ("migration_id", "UUID"), ("phase", "BIGINT"), ("planned_start", "TEXT"), ("planned_end", "TEXT"),
        ("actual_start", "TEXT"), ("actual_end", "TEXT"),
    ].map { (name: $0.0, type: $0.1) }
}

extension SignOffRow: StoredRow {
    static let table = "sign_offs"
    static let columns = [
        ("id", "UUID"), ("migration_id", "UUID"), ("kind", "TEXT"), ("user_id", "UUID"), ("signer_name", "TEXT"),
        ("signed_on", "TEXT"), ("comment", "TEXT"),
    ].map { (name: $0.0, type: $0.1) }
}

extension ActionItemRow: StoredRow {
    static let table = "action_items"
    static let columns = [
        ("id", "UUID"), ("migration_id", "UUID"), ("title", "TEXT"), ("phase", "BIGINT"), ("owner", "TEXT"), ("due", "TEXT"),
        ("status", "TEXT"),
    ].map { (name: $0.0, type: $0.1) }
}

extension OrderLineRow: StoredRow {
    static let table = "order_lines"
    static let columns = [
        ("id", "UUID"), ("migration_id", "UUID"), ("product_id", "UUID"), ("call_off_id", "TEXT"), ("m1_planned", "TEXT"),
        ("m1_actual", "TEXT"), ("m2", "TEXT"), ("cease_on", "TEXT"),
    ].map { (name: $0.0, type: $0.1) }
}

extension DeploymentSurveyRow: StoredRow {
    static let table = "deployment_surveys"
    static let columns = [
        ("id", "UUID"), ("migration_id", "UUID"), ("go_live", "TEXT"), ("score", "BIGINT"), ("comments", "TEXT"),
        ("submitted_by", "UUID"), ("submitted_on", "TEXT"), ("status", "TEXT"), ("decided_by", "UUID"), ("decided_on", "TEXT"),
        ("return_reason", "TEXT"),
    ].map { (name: $0.0, type: $0.1) }
}
