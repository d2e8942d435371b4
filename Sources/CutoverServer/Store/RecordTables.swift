import Foundation
import MigrationKit
import NIOConcurrencyHelpers
import SQLiteKit
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

/// Everything recorded against some migrations, read in one select: the migrations with
/// their practices, their products with the suppliers' names, and every table of records.
/// One statement is one consistent reading on SQLite and PostgreSQL alike (a write that
/// commits meanwhile is seen whole or not at all), and costs one round trip however many
/// tables and migrations. Each part's columns go into shared slots of their type (`c0`,
/// `c1`, … as in `slots`), NULL where a part has fewer, and each row names its part.
enum RecordTables {
    /// One select of the united statement: its name, its columns (the expression read and
    /// the name it is decoded by) and what follows its columns.
    struct Part: Sendable {
        let name: String
        let columns: [(expression: String, name: String, type: String)]
        /// Expressions PostgreSQL reads differently, by column name.
        var onPostgres: [String: String] = [:]
        let from: @Sendable ([UUID]) -> SQLQueryString
    }

    static let records: [any StoredRow.Type] = [
        ScheduleARow.self, ExtractRequestRow.self, NoticeRow.self, SignOffRow.self, ActionItemRow.self,
        OrderLineRow.self, DeploymentSurveyRow.self,
    ]

    /// The migrations with their practices.
    static let migrations = Part(
        name: "migrations",
        columns: MigrationRow.columns.map { ("m.\($0.name)", $0.name, $0.type) } + [
            ("p.ods_code", "practice_ods_code", "TEXT"), ("p.name", "practice_name", "TEXT"), ("p.list_size", "practice_list_size", "BIGINT"),
        ],
        from: { ids in "FROM migrations m JOIN practices p ON p.id = m.practice_id WHERE m.id IN (\(binds: ids))" })

    /// Each product once per migration that links it as a module or subsidiary system
    /// (`linked_to`), and unlinked once per migration whose old or new system it is (the
    /// same product may come more than once; each row says the same of it).
    ///
    /// Read from the links and the migrations to the products, never the other way round:
    /// walking every product and looking each up among the links took more than the
    /// migration's own row.
    static let products = Part(
        name: "products",
        columns: [
            ("pr.id", "id", "UUID"), ("pr.code", "code", "TEXT"), ("pr.name", "name", "TEXT"), ("pr.supplier_id", "supplier_id", "UUID"),
            ("pr.kind", "kind", "TEXT"), ("pr.extract_lead_days", "extract_lead_days", "BIGINT"), ("o.name", "supplier_name", "TEXT"),
            ("l.linked_to", "linked_to", "UUID"),
        ],
        from: { ids in
            """
            FROM (SELECT product_id AS product, migration_id AS linked_to FROM migration_products WHERE migration_id IN (\(binds: ids))
                  UNION ALL SELECT source_product_id, NULL FROM migrations WHERE id IN (\(binds: ids))
                  UNION ALL SELECT target_product_id, NULL FROM migrations WHERE id IN (\(binds: ids))) AS l
            CROSS JOIN products pr CROSS JOIN organisations o
            WHERE pr.id = l.product AND o.id = pr.supplier_id
            """
        })

    /// Each migration's milestones in one row (`PackedMilestones`).
    static let milestones = Part(
        name: "milestones",
        columns: [("migration_id", "migration_id", "UUID"), (PackedMilestones.expression(sqlite: true), "packed", "TEXT")],
        onPostgres: ["packed": PackedMilestones.expression(sqlite: false)],
        from: { ids in "FROM milestones WHERE migration_id IN (\(binds: ids)) GROUP BY migration_id" })

    static let parts: [Part] = [migrations, products, milestones] + records.map { table in
        Part(name: table.table, columns: table.columns.map { ($0.name, $0.name, $0.type) }, from: { ids in
            "FROM \(ident: table.table) WHERE migration_id IN (\(binds: ids))"
        })
    }

    /// The slots' types: as many of each as the part with most columns of that type needs.
    static let slots: [String] = {
        let types = ["UUID", "BIGINT", "TEXT", "TIMESTAMPTZ"]
        return types.flatMap { type in
            Array(repeating: type, count: parts.map { part in part.columns.count { $0.type == type } }.max() ?? 0)
        }
    }()

    /// Each part's columns (expression and name) by slot number.
    static let slotted: [String: [Int: (expression: String, name: String)]] = Dictionary(uniqueKeysWithValues: parts.map { part in
        var free = Array(slots.enumerated())
        var columns: [Int: (expression: String, name: String)] = [:]
        for column in part.columns {
            let slot = free.remove(at: free.firstIndex { $0.element == column.type }!)
            columns[slot.offset] = (column.expression, column.name)
        }
        return (part.name, columns)
    })

    /// Everything recorded against `migrations`, in one select.
    static func rows(of migrations: [UUID], in sql: any SQLDatabase) async throws -> Rows {
        // On SQLite, its own rows, decoded without SQLKit's row decoder (`SQLiteSlotDecoder`):
        // SQLiteNIO's, the reader's when read outside a transaction (`SQLiteReader`), or the
        // writer's own (`WriterDatabase`).
        let reader = (sql as? SQLiteReader.Database)?.reader
        let writer = (sql as? WriterDatabase)?.statements
        if reader != nil || writer != nil || sql is any SQLiteDatabase {
            let statement = sqliteStatement(count: migrations.count, in: sql)
            let ids = try migrations.map(SQLiteStatements.value(of:))
            let binds = Array((0..<statement.repeats).map { _ in ids }.joined())
            // Each row's values in the statement's order: the part's name, then the slots.
            let rows: [[SQLiteData]] = if let reader { try await reader.rows(statement.text, binds).map(\.values) }
                else if let writer { try writer.rows(statement.text, binds).map(\.values) }
                else { try await (sql as! any SQLiteDatabase).query(statement.text, binds).map { $0.columns.map(\.data) } }
            let byPart = Dictionary(grouping: rows) { values in if case .text(let part) = values.first { part } else { "" } }
            return Rows(byPart: byPart.mapValues { $0.map(Row.sqlite) })
        }
        let rows = try await sql.raw(united(migrations, sqlite: sql.dialect.name == "sqlite")).all()
        return Rows(byPart: try Dictionary(grouping: rows) { try $0.decode(column: "part", as: String.self) }.mapValues { $0.map(Row.sql) })
    }

    /// The united select of `migrations`' records.
    private static func united(_ migrations: [UUID], sqlite: Bool) -> SQLQueryString {
        // SQLite takes a bare NULL in any slot; PostgreSQL needs its type. Only the first
        // select names the slots: a union's columns are named by its first select.
        let selects = parts.enumerated().map { index, part -> SQLQueryString in
            let columns = slotted[part.name]!
            let values = slots.enumerated().map { slot, type in
                let value = columns[slot].map { sqlite ? $0.expression : part.onPostgres[$0.name] ?? $0.expression }
                    ?? (sqlite ? "NULL" : "CAST(NULL AS \(type))")
                return index == 0 ? "\(value) AS c\(slot)" : value
            }
            return "SELECT \(literal: part.name)\(unsafeRaw: index == 0 ? " AS part" : ""), \(unsafeRaw: values.joined(separator: ", ")) \(part.from(migrations))"
        }
        return selects.joined(separator: " UNION ALL ")
    }

    /// The united select's SQLite text for `count` migrations, whose binds are the ids
    /// `repeats` times over (once for each list of ids in it). Building and serialising it
    /// took a twentieth of a migration read, so the text for each count up to 100 is made
    /// once and kept.
    private static func sqliteStatement(count: Int, in sql: any SQLDatabase) -> (text: String, repeats: Int) {
        if let kept = sqliteStatements.withLockedValue({ $0[count] }) { return kept }
        let placeholders = (0..<count).map { _ in UUID() }
        let (text, binds) = sql.serialize(united(placeholders, sqlite: true))
        let repeats = binds.count / max(count, 1)
        precondition(binds.count == repeats * count && binds.compactMap { $0 as? UUID } == Array((0..<repeats).map { _ in placeholders }.joined()),
                     "the united select binds its ids and nothing else")
        if count <= 100 { sqliteStatements.withLockedValue { $0[count] = (text, repeats) } }
        return (text, repeats)
    }

    private static let sqliteStatements = NIOLockedValueBox<[Int: (text: String, repeats: Int)]>([:])

    /// A row of the united select: SQLite's values in the statement's order (read by
    /// `slotPositions`), or any other database's row through SQLKit.
    enum Row {
        case sqlite([SQLiteData])
        case sql(any SQLRow)
    }

    /// The united rows, read back one part at a time.
    struct Rows {
        let byPart: [String: [Row]]

        /// The rows of `part`, each decoded as `Value` by the names of its columns.
        func decode<Value: Decodable>(_ type: Value.Type, part: Part) throws -> [(row: Row, value: Value)] {
            let positions = RecordTables.slotPositions[part.name]!, order = RecordTables.slotOrder[part.name]!
            let decoder = RecordTables.decoder(for: part)
            return try (byPart[part.name] ?? []).map { row in
                switch row {
                case .sqlite(let values): (row, try Value(from: SQLiteSlotDecoder(values: values, positions: positions, order: order)))
                case .sql(let values): (row, try values.decode(model: Value.self, with: decoder))
                }
            }
        }

        /// One column of a row of `part`, by its name.
        func column<Value: Decodable>(_ name: String, of row: Row, in part: Part, as type: Value.Type) throws -> Value {
            switch row {
            case .sqlite(let values):
                guard let position = RecordTables.slotPositions[part.name]![name] else {
                    throw DecodingError.keyNotFound(SlotKey(stringValue: name), .init(codingPath: [], debugDescription: "no column \(name) in \(part.name)"))
                }
                return try SQLiteSlotDecoder.value(Value.self, from: values[position], key: nil)
            case .sql(let values):
                return try values.decode(column: RecordTables.slot(of: name, in: part), as: Value.self)
            }
        }

        /// Each migration's milestones (`PackedMilestones`), in phase order.
        func milestones() throws -> [UUID: [MilestoneRow]] {
            var found: [UUID: [MilestoneRow]] = [:]
            for row in byPart[RecordTables.milestones.name] ?? [] {
                let migration = try column("migration_id", of: row, in: RecordTables.milestones, as: UUID.self)
                let packed = try column("packed", of: row, in: RecordTables.milestones, as: String.self)
                found[migration, default: []] += try PackedMilestones.rows(packed, of: migration)
            }
            return found.mapValues { $0.sorted { ($0.phase, $0.id) < ($1.phase, $1.id) } }
        }

        /// The records of one table by migration, each migration's in `order` (by id when
        /// the order does not tell them apart).
        func of<Row: StoredRow>(_ type: Row.Type, order: (Row, Row) -> Bool = { $0.id < $1.id }) throws -> [UUID: [Row]] {
            let part = RecordTables.parts.first { $0.name == Row.table }!
            var found: [UUID: [Row]] = [:]
            for (_, record) in try decode(Row.self, part: part) { found[record.migrationID, default: []].append(record) }
            return found.mapValues { $0.sorted(by: order) }
        }
    }

    /// The slot that holds the column `name` of `part`.
    static func slot(of name: String, in part: Part) -> String {
        slotNames[part.name]![name] ?? name
    }

    fileprivate static let slotNames: [String: [String: String]] = slotted.mapValues { columns in
        Dictionary(uniqueKeysWithValues: columns.map { ($1.name, "c\($0)") })
    }

    /// Where each column of a part is among a row's values on SQLite: after the part's
    /// name, in its slot (`c0` second).
    fileprivate static let slotPositions: [String: [String: Int]] = slotted.mapValues { columns in
        Dictionary(uniqueKeysWithValues: columns.map { ($1.name, $0 + 1) })
    }

    /// The same in the order of each part's columns, which is the order its row's type
    /// declares them and decodes them in.
    fileprivate static let slotOrder: [String: [(name: String, position: Int)]] = Dictionary(uniqueKeysWithValues: parts.map { part in
        (part.name, part.columns.map { (name: $0.name, position: slotPositions[part.name]![$0.name]!) })
    })

    /// Each part's decoder, made once: it reads a column by its slot's name.
    private static let decoders: [String: SQLRowDecoder] = slotNames.mapValues { names in
        SQLRowDecoder(keyDecodingStrategy: .custom { path in
            let name = path.last!.stringValue
            return SlotKey(stringValue: names[name] ?? name)
        })
    }

    private static func decoder(for part: Part) -> SQLRowDecoder {
        decoders[part.name]!
    }

    fileprivate struct SlotKey: CodingKey {
        let stringValue: String
        init(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }
}

// The SQL types are those the schema migrations gave each column (Fluent's .uuid, .int and
// .datetime; everything else is text).
extension MigrationRow {
    static let columns = [
        ("id", "UUID"), ("practice_id", "UUID"), ("source_product_id", "UUID"), ("target_product_id", "UUID"), ("practice_org_id", "UUID"),
        ("commissioner_id", "UUID"), ("delivery_partner_id", "UUID"), ("source_supplier_id", "UUID"), ("target_supplier_id", "UUID"),
        ("status", "TEXT"), ("current_phase", "BIGINT"), ("drivers", "TEXT"), ("considerations", "TEXT"), ("strategic_fit", "TEXT"),
        ("business_case_returned_on", "TEXT"), ("business_case_return_reason", "TEXT"), ("approved_by", "UUID"), ("approved_on", "TEXT"),
        ("funding_amount", "BIGINT"), ("funding_source", "TEXT"), ("provisional_go_live", "TEXT"), ("confirmed_go_live", "TEXT"),
        ("actual_go_live", "TEXT"), ("ended_on", "TEXT"), ("registered_on", "TEXT"), ("registration_reference", "TEXT"),
        ("kick_off_on", "TEXT"), ("survey_on", "TEXT"), ("overrides", "TEXT"), ("blackouts", "TEXT"), ("met_deadlines", "TEXT"),
        ("provisional_go_live_agreements", "TEXT"), ("outcome_phases", "TEXT"), ("version", "BIGINT"), ("created_at", "TIMESTAMPTZ"),
        ("updated_at", "TIMESTAMPTZ"),
    ].map { (name: $0.0, type: $0.1) }
}

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
