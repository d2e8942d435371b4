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

    struct Item: Encodable {
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
        /// The migration's own status and reason, as on its page (`RAG`).
        let rag: RAG.Colour
        let ragReason: String
    }

    struct NextDeadline: Encodable {
        let id: String
        let due: Day
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
        // First the page's ids (sorting needs only the indexed columns), then the details
        // of those 50: the per-row subqueries never run for rows off the page.
        let idQuery: SQLQueryString = "SELECT m.id FROM migrations m" + whereClause + sort.clause
            + " LIMIT \(literal: filter.pagination.per) OFFSET \(literal: filter.pagination.offset)"
        let ids = try await sql.raw(idQuery).all().map { try $0.decode(column: "id", as: UUID.self) }
        guard !ids.isEmpty else { return Page(items: [], page: filter.pagination.page, per: filter.pagination.per, total: total) }
        // The details of those with the judgement kept for their version today, if any.
        let query: SQLQueryString = """
            SELECT m.id, m.version, m.status, m.current_phase, m.confirmed_go_live, m.actual_go_live, \(Self.goLive) AS go_live,
                p.ods_code, p.name AS practice_name, sp.name AS source_name, tp.name AS target_name, \(JudgementStore.keptColumn)
            FROM migrations m
            JOIN practices p ON p.id = m.practice_id
            JOIN products sp ON sp.id = m.source_product_id
            JOIN products tp ON tp.id = m.target_product_id
            \(JudgementStore.keptJoin(on: today))
            WHERE m.id IN (\(binds: ids))
            """
        let position = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($0.element, $0.offset) })
        let rows = try await sql.raw(query).all()
        let rowIDs = try rows.map { try $0.decode(column: "id", as: UUID.self) }
        var judgements: [UUID: Judgement] = [:]
        for (id, row) in zip(rowIDs, rows) {
            if let kept = try JudgementStore.kept(in: row) { judgements[id] = kept }
        }
        try await judgeNow(rowIDs.filter { judgements[$0] == nil }, into: &judgements)
        // Each item in its place on the page; none only for a migration gone since the
        // page's ids were read.
        var placed = [Item?](repeating: nil, count: ids.count)
        for (id, row) in zip(rowIDs, rows) {
            guard let judgement = judgements[id], let place = position[id] else { continue }
            let rag = judgement.rag(for: actor, policy: policy)
            let goLive = try row.decodeNil(column: "go_live") ? nil : Day(try row.decode(column: "go_live", as: String.self))
            let confirmed = try !row.decodeNil(column: "confirmed_go_live") || !row.decodeNil(column: "actual_go_live")
            placed[place] = Item(
                id: id,
                practiceOdsCode: try row.decode(column: "ods_code", as: String.self),
                practiceName: try row.decode(column: "practice_name", as: String.self),
                sourceProduct: try row.decode(column: "source_name", as: String.self),
                targetProduct: try row.decode(column: "target_name", as: String.self),
                status: MigrationStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .proposed,
                currentPhase: (Phase(rawValue: try row.decode(column: "current_phase", as: Int.self)) ?? .decisionAndFunding).id,
                goLive: goLive,
                goLiveConfirmed: confirmed,
                nextDeadline: judgement.nextDeadline.map { NextDeadline(id: $0.id.rawValue, due: $0.due) },
                overdueDeadlines: judgement.overdueDeadlines,
                deadlineStatus: judgement.deadlineStatus, rag: rag.colour, ragReason: rag.reason)
        }
        return Page(items: placed.compactMap { $0 }, page: filter.pagination.page, per: filter.pagination.per, total: total)
    }

    /// Judges now the migrations with no judgement kept for their version today (kept by
    /// every change and by `JudgementRefresher` each day), loaded together.
    private func judgeNow(_ ids: [UUID], into judgements: inout [UUID: Judgement]) async throws {
        for migration in try await MigrationStore(sql: sql).load(ids) {
            judgements[migration.id] = migration.judgement(today: today)
        }
    }
}

// The members in the order they are declared, as `Encodable` writes them (`JSONWriterTests`).
extension MigrationList.Item: JSONWritable {
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
            json.member("rag", rag)
            json.member("ragReason", ragReason)
        }
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
