import Fluent
import MigrationKit
import Vapor

/// Reference data: practices, suppliers, products, organisations, and users for administrators.
struct ReferenceController {
    func register(_ api: any RoutesBuilder) {
        api.get("practices", use: practices)
        api.get("suppliers", use: suppliers)
        api.get("products", use: products)
        api.get("organisations", use: organisations)
        api.get("users", use: users)
    }

    struct PracticeJSON: Encodable {
        let id: UUID, odsCode: String, name: String, listSize: Int, commissionerId: UUID, deliveryPartnerId: UUID, organisationId: UUID
    }

    struct OrganisationJSON: Encodable {
        let id: UUID, kind: OrganisationKind, name: String, code: String?
    }

    struct UserJSON: Encodable {
        let id: UUID, name: String, email: String, organisationId: UUID, role: UserRole, active: Bool
    }

    /// The practices `PracticeScope` lists for the user.
    @Sendable func practices(req: Request) async throws -> Response {
        let actor = try req.currentUser().actor
        let page = try Pagination(req, defaultPer: 100)
        var query = Practice.query(on: req.db)
        switch PracticeScope(actor) {
        case .every: break
        case .own(let organisation): query = query.filter(\.$organisation.$id == organisation)
        case .commissionedBy(let organisation): query = query.filter(\.$commissioner.$id == organisation)
        case .supportedBy(let organisation): query = query.filter(\.$deliveryPartner.$id == organisation)
        }
        let total = try await query.count()
        let rows = try await query.sort(\.$odsCode).range(page.offset..<(page.offset + page.per)).all()
        let items = rows.map { PracticeJSON(id: $0.id!, odsCode: $0.odsCode, name: $0.name, listSize: $0.listSize, commissionerId: $0.$commissioner.id, deliveryPartnerId: $0.$deliveryPartner.id, organisationId: $0.$organisation.id) }
        return try jsonResponse(Page(items: items, page: page.page, per: page.per, total: total))
    }

    @Sendable func suppliers(req: Request) async throws -> Response {
        _ = try req.currentUser()
        let rows = try await Organisation.query(on: req.db).filter(\.$kind == .supplier).sort(\.$name).all()
        let items = rows.map { OrganisationJSON(id: $0.id!, kind: $0.kind, name: $0.name, code: $0.code) }
        return try jsonResponse(Page(items: items, page: 1, per: max(items.count, 1), total: items.count))
    }

    @Sendable func products(req: Request) async throws -> Response {
        _ = try req.currentUser()
        let rows = try await Product.query(on: req.db).with(\.$supplier).sort(\.$code).all()
        let items = rows.map { ProductJSON($0, supplierName: $0.supplier.name) }
        return try jsonResponse(Page(items: items, page: 1, per: max(items.count, 1), total: items.count))
    }

    /// Every organisation, a page at a time: a region's 10,000 practices are each one.
    @Sendable func organisations(req: Request) async throws -> Response {
        _ = try req.currentUser()
        let page = try Pagination(req, defaultPer: 100)
        let query = Organisation.query(on: req.db)
        let total = try await query.count()
        let rows = try await query.sort(\.$name).sort(\.$id).range(page.offset..<(page.offset + page.per)).all()
        let items = rows.map { OrganisationJSON(id: $0.id!, kind: $0.kind, name: $0.name, code: $0.code) }
        return try jsonResponse(Page(items: items, page: page.page, per: page.per, total: total))
    }

    /// National administrators see every user; an organisation's administrators see its own.
    @Sendable func users(req: Request) async throws -> Response {
        let actor = try req.currentUser().actor
        guard actor.role == .admin else {
            throw APIError(.forbidden, "forbidden", "only administrators may list users")
        }
        let page = try Pagination(req, defaultPer: 100)
        var query = User.query(on: req.db)
        if !actor.isNationalAdmin { query = query.filter(\.$organisation.$id == actor.organisationID) }
        let total = try await query.count()
        let rows = try await query.sort(\.$email).range(page.offset..<(page.offset + page.per)).all()
        let items = rows.map { UserJSON(id: $0.id!, name: $0.name, email: $0.email, organisationId: $0.$organisation.id, role: $0.role, active: $0.active) }
        return try jsonResponse(Page(items: items, page: page.page, per: page.per, total: total))
    }
}
