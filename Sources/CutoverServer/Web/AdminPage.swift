import Fluent
import MigrationKit
import Vapor

/// Reference data for administrators: practices, suppliers and products (with extract
/// lead times, which national administrators can change), organisations and users.
struct AdminPage {
    struct Model: Encodable {
        struct Practice: Encodable { let ods: String; let name: String; let listSize: Int; let commissioner: String; let deliveryPartner: String }
        struct Product: Encodable { let id: String; let code: String; let name: String; let supplier: String; let kind: String; let lead: String; let leadValue: String }
        struct Organisation: Encodable { let name: String; let kind: String; let code: String }
        struct User: Encodable { let name: String; let email: String; let organisation: String; let role: String; let active: String }
        let layout: Layout
        let practices: [Practice]
        let practiceCount: Int
        let products: [Product]
        let organisations: [Organisation]
        let users: [User]
        let canEditProducts: Bool
        let notice: String?
        let error: String?
    }

    struct LeadForm: Content {
        let extractLeadDays: String?
    }

    func register(_ routes: any RoutesBuilder) {
        routes.get("admin", use: show)
        routes.post("admin", "products", ":productID", use: updateProduct)
    }

    func model(_ req: Request, notice: String? = nil, error: String? = nil) async throws -> Model {
        let current = try req.currentUser()
        guard current.user.role == .admin else {
            throw WebError(status: .forbidden, title: "Reference data is for administrators", message: "Ask an administrator in your organisation if something here needs changing.")
        }
        let national = current.actor.isNationalAdmin
        let organisations = try await CutoverServer.Organisation.query(on: req.db).sort(\.$name).all()
        let names = Dictionary(uniqueKeysWithValues: organisations.map { ($0.id!, $0.name) })
        var practiceQuery = CutoverServer.Practice.query(on: req.db)
        if !national { practiceQuery = practiceQuery.group(.or) { $0.filter(\.$organisation.$id == current.organisation.id!).filter(\.$commissioner.$id == current.organisation.id!).filter(\.$deliveryPartner.$id == current.organisation.id!) } }
        let practiceCount = try await practiceQuery.count()
        let practices = try await practiceQuery.sort(\.$odsCode).range(0..<200).all()
        let products = try await CutoverServer.Product.query(on: req.db).sort(\.$code).all()
        var userQuery = CutoverServer.User.query(on: req.db)
        if !national { userQuery = userQuery.filter(\.$organisation.$id == current.organisation.id!) }
        let users = try await userQuery.sort(\.$email).range(0..<500).all()
        return Model(
            layout: Layout(req, title: "Reference data", section: "admin"),
            practices: practices.map { .init(ods: $0.odsCode, name: $0.name, listSize: $0.listSize, commissioner: names[$0.$commissioner.id] ?? "", deliveryPartner: names[$0.$deliveryPartner.id] ?? "") },
            practiceCount: practiceCount,
            products: products.map { .init(id: $0.id!.uuidString, code: $0.code, name: $0.name, supplier: names[$0.$supplier.id] ?? "", kind: $0.kind.rawValue.capitalizingFirst,
                                           lead: $0.extractLeadDays.map { "\($0) days" } ?? "Data does not move", leadValue: $0.extractLeadDays.map(String.init) ?? "") },
            organisations: national ? organisations.map { .init(name: $0.name, kind: $0.kind.rawValue.replacingOccurrences(of: "-", with: " ").capitalizingFirst, code: $0.code ?? "") } : [],
            users: users.map { .init(name: $0.name, email: $0.email, organisation: names[$0.$organisation.id] ?? "", role: $0.role.rawValue.capitalizingFirst, active: $0.active ? "Yes" : "No") },
            canEditProducts: national, notice: notice, error: error)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let saved = (try? req.query.get(String.self, at: "saved")) != nil
        return try await req.page("admin", try await model(req, notice: saved ? "Saved." : nil))
    }

    /// National administrators set a product's extract lead time; the change is audited.
    @Sendable func updateProduct(req: Request) async throws -> Response {
        let actor = try req.currentUser().actor
        guard actor.isNationalAdmin else { throw WebError(status: .forbidden, title: "You cannot change products", message: "Only national administrators can change reference data.") }
        guard let id = req.parameters.get("productID").flatMap(UUID.init(uuidString:)), let product = try await CutoverServer.Product.find(id, on: req.db) else { throw APIError.notFound("product") }
        let form = try req.content.decode(LeadForm.self)
        let text = (form.extractLeadDays ?? "").trimmingCharacters(in: .whitespaces)
        let lead: Int?
        if text.isEmpty {
            lead = nil
        } else if let days = Int(text), (0...365).contains(days) {
            lead = days
        } else {
            return try await req.page("admin", try await model(req, error: "Extract lead time for \(product.name) must be a whole number of days from 0 to 365."), status: .unprocessableEntity)
        }
        let before = product.extractLeadDays
        let now = req.cutover.now
        try await req.cutover.write(on: req.db) { db in
            product.extractLeadDays = lead
            try await product.save(on: db)
            try await JudgementStore(db).forget(usingProduct: id)
            try await MigrationWriter.audit(AuditEntry(action: "product.updated", entity: "product", entityID: product.id, before: ["extractLeadDays": before], after: ["extractLeadDays": lead]),
                                            migrationID: nil, actor: actor, at: now, on: db)
        }
        return req.redirect(to: "/admin?saved=1#products")
    }
}
