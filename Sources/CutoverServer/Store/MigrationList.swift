import Fluent
import MigrationKit
import SQLKit
import Vapor

/// The migrations an actor may see, filtered and paged in SQL: with 10,000 migrations, the
/// list must never load them all.
struct MigrationList {
    /// Where the list reads: `Request.reads` for a request's list.
    let sql: any SQLDatabase
    let actor: Actor
    let policy: AccessPolicy
    let today: Day

    /// What a list shows of one migration to whoever reads it: all of an item but its
    /// status (`rag`), which depends on the reader.
    struct Listed: Codable {
        let id: UUID
        let practiceOdsCode: String
        let practiceName: String
        let sourceProduct: String
        let targetProduct: String
        let status: MigrationStatus
        let currentPhase: String
        let goLive: Day?
        let goLiveConfirmed: Bool
        let nextDeadline: NextDeadline?
        let overdueDeadlines: Int
        /// From the deadlines alone: overdue, due within 5 working days, or on track.
        let deadlineStatus: String

        init(_ migration: MigrationAggregate, judgement: Judgement) {
            let record = migration.record
            id = migration.id
            practiceOdsCode = migration.practice.odsCode
            practiceName = migration.practice.name
            sourceProduct = migration.sourceProduct.name
            targetProduct = migration.targetProduct.name
            status = record.status
            currentPhase = (Phase(rawValue: record.currentPhase) ?? .decisionAndFunding).id
            goLive = record.actualGoLive ?? record.confirmedGoLive ?? record.provisionalGoLive
            goLiveConfirmed = record.actualGoLive != nil || record.confirmedGoLive != nil
            nextDeadline = judgement.nextDeadline.map { NextDeadline(id: $0.id.rawValue, due: $0.due) }
            overdueDeadlines = judgement.overdueDeadlines
            deadlineStatus = judgement.deadlineStatus
        }

        /// As it is kept and written on (`Item`).
        var json: String { String(decoding: JSONWriter.bytes(of: self), as: UTF8.self) }
    }

    struct NextDeadline: Codable {
        let id: String
        let due: Day
    }

    /// One migration of a page: what it lists, as the JSON object `Listed` writes (kept
    /// with its judgement by `JudgementStore`, so that a page of fifty reads fifty kept
    /// texts rather than joining, decoding and writing fifty rows), and the status the
    /// reader sees (`Judgement.rag`), as on the migration's page.
    struct Item {
        let listedJSON: String
        let rag: RAG

        /// What it lists, read back for the pages.
        func listed() throws -> Listed {
            try JSONDecoder().decode(Listed.self, from: Data(listedJSON.utf8))
        }
    }

    /// Only the migrations this actor may see (the SQL twin of `AccessPolicy.canSee`).
    var scope: SQLQueryString? { Self.scope(of: actor) }

    static func scope(of actor: Actor) -> SQLQueryString? {
        let org = actor.organisationID
        switch actor.kind {
        case .national: return nil
        case .practice: return "m.practice_org_id = \(bind: org)"
        case .commissioner: return "m.commissioner_id = \(bind: org)"
        case .deliveryPartner: return "m.delivery_partner_id = \(bind: org)"
        case .supplier:
            return "(m.source_supplier_id = \(bind: org) OR m.target_supplier_id = \(bind: org) OR EXISTS (SELECT 1 FROM migration_products mp WHERE mp.migration_id = m.id AND mp.supplier_id = \(bind: org)))"
        }
    }

    static let goLive: SQLQueryString = "COALESCE(m.actual_go_live, m.confirmed_go_live, m.provisional_go_live)"
    /// The go-live to sort by, with migrations that have none last: the expression the
    /// list indexes order by (M029, then M047), so that a page walks an index.
    static let goLiveOrder: SQLQueryString = "COALESCE(m.actual_go_live, m.confirmed_go_live, m.provisional_go_live, '9999-12-31')"

    func conditions(_ filter: MigrationFilter) -> [SQLQueryString] {
        var conditions: [SQLQueryString] = []
        if let scope { conditions.append(scope) }
        if let phase = filter.phase { conditions.append("m.current_phase = \(bind: phase.rawValue)") }
        if let status = filter.status { conditions.append("m.status = \(bind: status.rawValue)") }
        if let commissioner = filter.commissioner { conditions.append("m.commissioner_id = \(bind: commissioner)") }
        if let supplier = filter.supplier {
            conditions.append("(m.source_supplier_id = \(bind: supplier) OR m.target_supplier_id = \(bind: supplier) OR EXISTS (SELECT 1 FROM migration_products mp WHERE mp.migration_id = m.id AND mp.supplier_id = \(bind: supplier)))")
        }
        if let from = filter.goLiveFrom { conditions.append(Self.goLive + " >= \(bind: from.description)") }
        if let to = filter.goLiveTo { conditions.append(Self.goLive + " <= \(bind: to.description)") }
        if filter.overdueOnly {
            conditions.append("EXISTS (SELECT 1 FROM deadlines d WHERE d.migration_id = m.id AND d.done = \(false) AND d.due < \(bind: today.description))")
        }
        return conditions
    }

    func whereClause(_ filter: MigrationFilter) -> SQLQueryString {
        let conditions = conditions(filter)
        return conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
    }

    /// Orders a list may take.
    enum Sort: String, CaseIterable {
        case goLive = "go-live", practice, phase

        var label: String {
            switch self {
            case .goLive: "Go-live, soonest first"
            case .practice: "Practice ODS code"
            case .phase: "Phase"
            }
        }

        var clause: SQLQueryString {
            switch self {
            case .goLive: " ORDER BY " + MigrationList.goLiveOrder + ", m.practice_ods_code, m.id"
            case .practice: " ORDER BY m.practice_ods_code, m.id"
            case .phase: " ORDER BY m.current_phase, m.practice_ods_code, m.id"
            }
        }
    }

    func page(_ filter: MigrationFilter, sort: Sort = .goLive) async throws -> Page<Item> {
        let whereClause = whereClause(filter)
        // A CSU's registered migrations in procurement are a thousand rows to count; the
        // portfolio keeps that number for every audience, phase and status.
        let total = filter.asksOnlyForStage
            ? try await PortfolioCounts(sql: sql).migrations(for: AccessPolicy.audience(of: actor), phase: filter.phase, status: filter.status)
            : try await sql.raw("SELECT COUNT(*) AS total FROM migrations m" + whereClause).first()?.decode(column: "total", as: Int.self) ?? 0
        // The page's migrations in one walk of a list index (sorting needs only the indexed
        // columns; SQLite reads a migration's row only once it is past the offset), each with
        // what it lists as kept with its judgement for its version today, if it is: the
        // fifty are joined to their judgements alone, then put in order again.
        let rows = try await sql.raw("""
            SELECT m.id, kept.judgement AS kept_judgement, kept.listed AS kept_listed FROM (
              SELECT m.id, m.version, m.actual_go_live, m.confirmed_go_live, m.provisional_go_live, m.practice_ods_code, m.current_phase
              FROM migrations m
            """ + whereClause + sort.clause + """
             LIMIT \(literal: filter.pagination.per) OFFSET \(literal: filter.pagination.offset)) m
            LEFT JOIN migration_judgements kept ON kept.migration_id = m.id AND kept.version = m.version AND kept.judged_on = \(bind: today.description)
            """ + sort.clause).all()
        var kept = [(listed: String, rag: RAG)?](repeating: nil, count: rows.count)
        var unjudged: [UUID: Int] = [:]
        for (at, row) in rows.enumerated() {
            if !(try row.decodeNil(column: "kept_judgement")), let listed = try JudgementStore.listed(in: row),
               let rag = Judgement.rag(keptText: try row.decode(column: "kept_judgement", as: String.self), for: actor, policy: policy) {
                kept[at] = (listed, rag)
            } else {
                unjudged[try row.decode(column: "id", as: UUID.self)] = at
            }
        }
        // The others (changed by no step nor judged by `JudgementRefresher` yet today) are
        // judged now, loaded together. None is left only for a migration gone since.
        if !unjudged.isEmpty {
            for migration in try await MigrationStore(sql: sql).load(Array(unjudged.keys)) {
                guard let at = unjudged[migration.id] else { continue }
                let judgement = migration.judgement(today: today)
                kept[at] = (Listed(migration, judgement: judgement).json, judgement.rag(for: actor, policy: policy))
            }
        }
        let items = kept.compactMap { $0.map { Item(listedJSON: $0.listed, rag: $0.rag) } }
        return Page(items: items, page: filter.pagination.page, per: filter.pagination.per, total: total)
    }
}

// The members in the order they are declared, as `Encodable` writes them (`JSONWriterTests`).
extension MigrationList.Listed: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.member("id", id)
            json.member("practiceOdsCode", practiceOdsCode)
            json.member("practiceName", practiceName)
            json.member("sourceProduct", sourceProduct)
            json.member("targetProduct", targetProduct)
            json.member("status", status)
            json.member("currentPhase", currentPhase)
            json.member("goLive", goLive)
            json.member("goLiveConfirmed", goLiveConfirmed)
            json.member("nextDeadline", nextDeadline)
            json.member("overdueDeadlines", overdueDeadlines)
            json.member("deadlineStatus", deadlineStatus)
        }
    }
}

/// What it lists, then its status and reason: the kept object written on, not read again.
extension MigrationList.Item: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object(continuing: listedJSON) { json in
            json.member("rag", rag.colour)
            json.member("ragReason", rag.reason)
        }
    }
}

/// The reference `JSONWriterTests` holds the kept text to: what it lists, read back, then
/// its status and reason.
extension MigrationList.Item: Encodable {
    private enum Status: String, CodingKey { case rag, ragReason }

    func encode(to encoder: any Encoder) throws {
        try listed().encode(to: encoder)
        var container = encoder.container(keyedBy: Status.self)
        try container.encode(rag.colour, forKey: .rag)
        try container.encode(rag.reason, forKey: .ragReason)
    }
}

extension MigrationList.NextDeadline: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.member("id", id)
            json.member("due", due)
        }
    }
}
