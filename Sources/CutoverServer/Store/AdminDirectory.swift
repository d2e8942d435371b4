import Fluent
import MigrationKit
import SQLKit
import Vapor

/// Practices, organisations and people as the administration page looks them up: in SQL,
/// a short list at a time, found by name or code. A national administrator's region has
/// 10,000 practices, each an organisation, so nothing here loads them all.
struct AdminDirectory {
    let db: any Database
    private var sql: any SQLDatabase { db as! any SQLDatabase }

    struct OrganisationRow {
        let id: UUID
        let kind: OrganisationKind
        let name: String
        let code: String?
    }

    struct PracticeRow {
        let odsCode: String
        let name: String
        let listSize: Int
        let commissioner: String
        let deliveryPartner: String
    }

    struct PersonRow {
        let id: UUID
        let name: String
        let email: String
        let organisation: String
        let role: UserRole
        let active: Bool
    }

    /// Up to `limit` rows of a longer list, and how long the list is.
    struct Found<Row> {
        let rows: [Row]
        let total: Int
    }

    /// A condition that `text` is in one of `columns`, ignoring case; `%` and `_` typed
    /// by the user match only themselves.
    static func matching(_ text: String, in columns: [String]) -> SQLQueryString {
        let escaped = text.lowercased().replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
        let pattern = "%\(escaped)%"
        let each: [SQLQueryString] = columns.map { "LOWER(COALESCE(\(unsafeRaw: $0), '')) LIKE \(bind: pattern) ESCAPE '\\'" }
        return "(" + each.joined(separator: " OR ") + ")"
    }

    /// The organisations in `scope`, as a condition on `column` (an organisation id).
    static func within(_ scope: Administration.PeopleScope, column: String) -> SQLQueryString {
        switch scope {
        case .nobody: return "1 = 0"
        case .everyone: return "1 = 1"
        case .organisation(let id): return "\(unsafeRaw: column) = \(bind: id)"
        case .organisationAndItsPractices(let id):
            return "(\(unsafeRaw: column) = \(bind: id) OR \(unsafeRaw: column) IN (SELECT organisation_id FROM practices WHERE commissioner_id = \(bind: id) OR delivery_partner_id = \(bind: id)))"
        }
    }

    /// The organisation with this id if `actor` looks after its people.
    func organisation(_ id: UUID, managedBy actor: Actor) async throws -> Organisation? {
        guard let organisation = try await Organisation.find(id, on: db) else { return nil }
        let practice = try await Practice.query(on: db).filter(\.$organisation.$id == id).first()
        let links = practice.map { Administration.PracticeLinks(commissioner: $0.$commissioner.id, deliveryPartner: $0.$deliveryPartner.id) }
        return Administration.managesPeople(actor, of: id, practice: links) ? organisation : nil
    }

    /// The organisations whose people `scope` covers: the others first, then the practices.
    /// While a search is under way, only the practices that match it (and the others too
    /// when `searchingOthers`); without one, every practice when there are at most `limit`,
    /// else none. Up to `limit` practices, with `including` always; `total` counts the
    /// practices in scope.
    func organisations(in scope: Administration.PeopleScope, find: String?, searchingOthers: Bool = false, including: UUID?, limit: Int) async throws -> Found<OrganisationRow> {
        let inScope = Self.within(scope, column: "o.id")
        let practices = try await count("SELECT COUNT(*) AS total FROM organisations o WHERE o.kind = 'practice' AND " + inScope)
        let found = find.map { Self.matching($0, in: ["o.name", "o.code"]) }
        var chosen: SQLQueryString = ""
        if found != nil || practices > limit {
            let wanted = found ?? "1 = 0"
            chosen = " AND " + (including.map { "(" + wanted + " OR o.id = \(bind: $0))" } ?? wanted)
        }
        let others: SQLQueryString = searchingOthers ? found.map { " AND " + $0 } ?? "" : ""
        let columns: SQLQueryString = "SELECT o.id, o.kind, o.name, o.code FROM organisations o WHERE "
        let otherRows = try await sql.raw(columns + inScope + " AND o.kind <> 'practice'" + others + " ORDER BY o.name, o.id").all()
        let practiceRows = try await sql.raw(columns + inScope + " AND o.kind = 'practice'" + chosen + " ORDER BY o.name, o.id LIMIT \(literal: limit)").all()
        return Found(rows: try (otherRows + practiceRows).map(Self.organisation), total: practices)
    }

    /// The practices `scope` lists, by ODS code.
    func practices(in scope: PracticeScope, find: String?, limit: Int) async throws -> Found<PracticeRow> {
        var conditions: [SQLQueryString] = []
        switch scope {
        case .every: break
        case .own(let organisation): conditions.append("p.organisation_id = \(bind: organisation)")
        case .commissionedBy(let organisation): conditions.append("p.commissioner_id = \(bind: organisation)")
        case .supportedBy(let organisation): conditions.append("p.delivery_partner_id = \(bind: organisation)")
        }
        if let find { conditions.append(Self.matching(find, in: ["p.name", "p.ods_code"])) }
        let whereClause: SQLQueryString = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let total = try await count("SELECT COUNT(*) AS total FROM practices p" + whereClause)
        let query: SQLQueryString = """
            SELECT p.ods_code, p.name, p.list_size, c.name AS commissioner, d.name AS delivery_partner FROM practices p
            JOIN organisations c ON c.id = p.commissioner_id JOIN organisations d ON d.id = p.delivery_partner_id
            """ + whereClause + " ORDER BY p.ods_code LIMIT \(literal: limit)"
        let rows = try await sql.raw(query).all().map { row in
            PracticeRow(odsCode: try row.decode(column: "ods_code", as: String.self), name: try row.decode(column: "name", as: String.self),
                        listSize: try row.decode(column: "list_size", as: Int.self), commissioner: try row.decode(column: "commissioner", as: String.self),
                        deliveryPartner: try row.decode(column: "delivery_partner", as: String.self))
        }
        return Found(rows: rows, total: total)
    }

    /// The people of the organisations in `scope`, by e-mail address, found by their name,
    /// address or organisation.
    func people(in scope: Administration.PeopleScope, find: String?, limit: Int) async throws -> Found<PersonRow> {
        var whereClause: SQLQueryString = " WHERE " + Self.within(scope, column: "u.organisation_id")
        if let find { whereClause = whereClause + " AND " + Self.matching(find, in: ["u.name", "u.email", "o.name", "o.code"]) }
        let from: SQLQueryString = " FROM users u JOIN organisations o ON o.id = u.organisation_id"
        let total = try await count("SELECT COUNT(*) AS total" + from + whereClause)
        let query: SQLQueryString = "SELECT u.id, u.name, u.email, u.role, u.active, o.name AS organisation" + from + whereClause + " ORDER BY u.email LIMIT \(literal: limit)"
        let rows = try await sql.raw(query).all().map { row in
            PersonRow(id: try row.decode(column: "id", as: UUID.self), name: try row.decode(column: "name", as: String.self),
                      email: try row.decode(column: "email", as: String.self), organisation: try row.decode(column: "organisation", as: String.self),
                      role: UserRole(rawValue: try row.decode(column: "role", as: String.self)) ?? .viewer, active: try row.decode(column: "active", as: Bool.self))
        }
        return Found(rows: rows, total: total)
    }

    private func count(_ query: SQLQueryString) async throws -> Int {
        try await sql.raw(query).first()?.decode(column: "total", as: Int.self) ?? 0
    }

    private static func organisation(_ row: any SQLRow) throws -> OrganisationRow {
        OrganisationRow(id: try row.decode(column: "id", as: UUID.self), kind: OrganisationKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .practice,
                        name: try row.decode(column: "name", as: String.self), code: try row.decodeNil(column: "code") ? nil : try row.decode(column: "code", as: String.self))
    }
}
