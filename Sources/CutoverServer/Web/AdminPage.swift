import Fluent
import MigrationKit
import Vapor

/// Reference data and people for administrators: practices, suppliers and products (with
/// extract lead times, which national administrators can change), organisations (which
/// national administrators add) and the people of the organisations this administrator
/// looks after (`Administration`): added here, and unlocked after too many wrong passwords.
struct AdminPage {
    struct Model: FramedPage {
        struct Practice: Encodable { let ods: String; let name: String; let listSize: Int; let commissioner: String; let deliveryPartner: String }
        struct Product: Encodable { let id: String; let code: String; let name: String; let supplier: String; let kind: String; let lead: String; let leadValue: String }
        struct Organisation: Encodable { let name: String; let kind: String; let code: String }
        struct User: Encodable { let id: String; let name: String; let email: String; let organisation: String; let role: String; let active: String; let locked: Bool }
        struct Option: Encodable { let value: String; let label: String; let selected: Bool }
        let layout: Layout
        let find: String
        /// Whether a list is long enough to be worth searching (or a search is under way).
        let offersSearch: Bool
        let practices: [Practice]
        let practiceCount: String
        let practicesShown: String?
        let products: [Product]
        let organisations: [Organisation]
        let organisationsShown: String?
        let users: [User]
        let usersShown: String?
        let canEditProducts: Bool
        let canAddOrganisations: Bool
        /// The organisations whose people this administrator adds.
        let userOrganisations: [Option]
        /// Said when the practices are too many to list, and how to find one.
        let userOrganisationsHint: String?
        let roles: [Option]
        let kinds: [Option]
        let values: [String: String]
        let errors: [String: String]
        let errorList: [MigrationPage.ErrorLink]
        let notice: String?
    }

    struct LeadForm: Content {
        let extractLeadDays: String?
    }

    struct UserForm: Content {
        let name: String?
        let email: String?
        let organisation: String?
        let role: String?
    }

    struct OrganisationForm: Content {
        let orgKind: String?
        let orgName: String?
        let orgCode: String?
    }

    func register(_ routes: any RoutesBuilder) {
        routes.get("admin", use: show)
        routes.post("admin", "products", ":productID", use: updateProduct)
        routes.post("admin", "users", use: addUser)
        routes.post("admin", "users", ":userID", "unlock", use: unlock)
        routes.post("admin", "organisations", use: addOrganisation)
    }

    /// Rows each list shows at most; the search finds the rest.
    static let shortList = 100
    /// Rows a list has before the page offers to search it: a practice's administrator with
    /// a handful of people has nothing to find.
    static let searchWorthwhile = 20

    /// What the administrator typed to find a practice, organisation or person, if anything.
    /// Control characters go: no name holds one, and SQLite's LIKE stops at a NUL, which
    /// made a search for one match everything.
    static func find(_ req: Request) -> String? {
        let typed = req.queryText("find") ?? ""
        let text = String(String.UnicodeScalarView(typed.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) }))
            .trimmingCharacters(in: .whitespaces)
        return text.isEmpty ? nil : String(text.prefix(100))
    }

    func model(_ req: Request, values: [String: String] = [:], errors: [String: String] = [:], notice: String? = nil) async throws -> Model {
        let current = try req.currentUser()
        guard current.user.role == .admin else {
            throw WebError(status: .forbidden, title: "Reference data is for administrators", message: "Ask an administrator in your organisation if something here needs changing.")
        }
        let actor = current.actor
        let national = actor.isNationalAdmin
        let find = Self.find(req)
        let directory = AdminDirectory(db: req.db)
        let scope = Administration.peopleScope(of: actor)
        let practices = try await directory.practices(in: PracticeScope(actor), find: find, limit: Self.shortList)
        let products = try await CutoverServer.Product.query(on: req.db).with(\.$supplier).sort(\.$code).all()
        // The add-person form offers every organisation but practices, whatever the search,
        // so that one can always be chosen; the organisation list shows what matches.
        let managed = try await directory.organisations(in: scope, find: find, including: values["organisation"].flatMap(UUID.init(uuidString:)), limit: Self.shortList)
        let organisations = national ? try await directory.organisations(in: .everyone, find: find, searchingOthers: true, including: nil, limit: Self.shortList) : nil
        let people = try await directory.people(in: scope, find: find, limit: Self.shortList)
        let locked = try await SignIn.lockedEmails(among: people.rows.map(\.email), now: req.cutover.now, on: req.db)
        // Found one organisation whose people the administrator looks after: it is the one they will add someone to.
        let practicesFound = managed.rows.filter { $0.kind == .practice }
        let foundOne = find != nil && practicesFound.count == 1 ? practicesFound[0].id.uuidString : nil
        let chosen = values["organisation"] ?? foundOne
        let order = ["name", "email", "organisation", "role", "orgKind", "orgName", "orgCode"]
        return Model(
            layout: Layout(req, title: "Reference data and people", section: "admin"),
            find: find ?? "",
            offersSearch: find != nil || [practices.total, people.total, managed.total].contains { $0 > Self.searchWorthwhile },
            practices: practices.rows.map { .init(ods: $0.odsCode, name: $0.name, listSize: $0.listSize, commissioner: $0.commissioner, deliveryPartner: $0.deliveryPartner) },
            practiceCount: MigrationPage.grouped(practices.total),
            practicesShown: Self.shown(practices.rows.count, of: practices.total, what: "practices", find: find),
            products: products.map { .init(id: $0.id!.uuidString, code: $0.code, name: $0.name, supplier: $0.supplier.name, kind: $0.kind.rawValue.capitalizingFirst,
                                           lead: $0.extractLeadDays.map { "\($0) days" } ?? "Data does not move", leadValue: $0.extractLeadDays.map(String.init) ?? "") },
            organisations: (organisations?.rows ?? []).map { .init(name: $0.name, kind: Self.kindTitle($0.kind), code: $0.code ?? "") },
            organisationsShown: organisations.flatMap { Self.practiceOrganisations($0, find: find) },
            users: people.rows.map { .init(id: $0.id.uuidString, name: $0.name, email: $0.email, organisation: $0.organisation, role: $0.role.rawValue.capitalizingFirst,
                                           active: $0.active ? "Yes" : "No", locked: locked.contains($0.email)) },
            usersShown: Self.shown(people.rows.count, of: people.total, what: "people", find: find),
            canEditProducts: national, canAddOrganisations: Administration.addsOrganisations(actor),
            userOrganisations: managed.rows.map { .init(value: $0.id.uuidString, label: "\($0.name)\($0.code.map { " (\($0))" } ?? "")", selected: chosen == $0.id.uuidString) },
            userOrganisationsHint: find != nil ? "Of the practices, only those that match your search are offered."
                : managed.total > Self.shortList ? "Practices are listed when they match your search: find a practice above by its name or ODS code, and it is offered here." : nil,
            roles: [("member", "Member: takes their organisation's steps"), ("viewer", "Viewer: reads only"), ("admin", "Administrator: also manages people")]
                .map { .init(value: $0.0, label: $0.1, selected: (values["role"] ?? "member") == $0.0) },
            kinds: OrganisationKind.allCases.map { .init(value: $0.rawValue, label: Self.kindTitle($0), selected: values["orgKind"] == $0.rawValue) },
            values: values, errors: errors,
            errorList: errors.sorted { (order.firstIndex(of: $0.key) ?? 99) < (order.firstIndex(of: $1.key) ?? 99) }.map { .init(anchor: $0.key, message: $0.value) },
            notice: notice)
    }

    /// Says when a list shows only some of what there is, and how to find the rest.
    static func shown(_ count: Int, of total: Int, what: String, find: String?) -> String? {
        if total == 0 { return find == nil ? "No \(what) yet." : "No \(what) match your search." }
        guard count < total else { return nil }
        return "Showing the first \(count) of \(MigrationPage.grouped(total)) \(what)\(find == nil ? "" : " matching your search"): "
            + (find == nil ? "find one above by name or code." : "add to your search to narrow it.")
    }

    /// Says when the organisation list is a search's, or the practices' own organisations are
    /// too many to list, and how to find one.
    static func practiceOrganisations(_ found: AdminDirectory.Found<AdminDirectory.OrganisationRow>, find: String?) -> String? {
        if find != nil { return "Only the organisations that match your search are listed." }
        guard found.total > shortList else { return nil }
        return "The \(MigrationPage.grouped(found.total)) practices' own organisations are not listed: find one above by its name or ODS code."
    }

    static func kindTitle(_ kind: OrganisationKind) -> String {
        switch kind {
        case .practice: "GP practice"
        case .commissioner: "Commissioner (ICB)"
        case .deliveryPartner: "Delivery partner (CSU)"
        case .supplier: "Supplier"
        case .national: "National team"
        }
    }

    /// Adds a person to an organisation this administrator looks after, with a first
    /// password shown once, to give them by phone or in person.
    @Sendable func addUser(req: Request) async throws -> Response {
        let actor = try req.currentUser().actor
        let form = try req.content.decode(UserForm.self)
        let values = ["name": form.name ?? "", "email": form.email ?? "", "organisation": form.organisation ?? "", "role": form.role ?? ""]
        var chosen: CutoverServer.Organisation?
        if let id = form.organisation.flatMap(UUID.init(uuidString:)) { chosen = try await AdminDirectory(db: req.db).organisation(id, managedBy: actor) }
        guard let organisation = chosen else {
            return try await req.page("admin", try await model(req, values: values, errors: ["organisation": "Choose one of the organisations you look after"]), status: .unprocessableEntity)
        }
        guard let role = form.role.flatMap(UserRole.init(rawValue:)) else {
            return try await req.page("admin", try await model(req, values: values, errors: ["role": "Choose what they may do"]), status: .unprocessableEntity)
        }
        let password = People.firstPassword()
        let hash = try await req.password.async.hash(password)
        do {
            let user = try await People.addUser(name: values["name"]!, email: values["email"]!, organisation: organisation, role: role, passwordHash: hash,
                                                actor: { _ in actor }, services: req.cutover, on: req.db)
            let notice = "Added \(user.name) (\(user.email)) to \(organisation.name). Their first password is \(password): give it to them by phone or in person, not by e-mail. They can change it under Your account once signed in. It is not shown again."
            return try await req.page("admin", try await model(req, notice: notice))
        } catch let refusal as People.Refusal {
            return try await req.page("admin", try await model(req, values: values, errors: [refusal.field: refusal.message]), status: .unprocessableEntity)
        }
    }

    /// Lets someone locked out by wrong passwords try again now rather than in ten minutes.
    @Sendable func unlock(req: Request) async throws -> Response {
        let actor = try req.currentUser().actor
        guard let id = req.parameters.get("userID").flatMap(UUID.init(uuidString:)),
              let user = try await CutoverServer.User.find(id, on: req.db),
              try await AdminDirectory(db: req.db).organisation(user.$organisation.id, managedBy: actor) != nil else {
            throw WebError(status: .notFound, title: "Page not found", message: "No one you look after has this account.")
        }
        try await People.unlock(user, actor: actor, services: req.cutover, on: req.db)
        return req.redirect(to: "/admin?unlocked=1#users")
    }

    @Sendable func addOrganisation(req: Request) async throws -> Response {
        let actor = try req.currentUser().actor
        guard Administration.addsOrganisations(actor) else {
            throw WebError(status: .forbidden, title: "You cannot add organisations", message: "Only national administrators add organisations.")
        }
        let form = try req.content.decode(OrganisationForm.self)
        let values = ["orgKind": form.orgKind ?? "", "orgName": form.orgName ?? "", "orgCode": form.orgCode ?? ""]
        guard let kind = form.orgKind.flatMap(OrganisationKind.init(rawValue:)) else {
            return try await req.page("admin", try await model(req, values: values, errors: ["orgKind": "Choose what kind of organisation it is"]), status: .unprocessableEntity)
        }
        do {
            let organisation = try await People.addOrganisation(kind: kind, name: values["orgName"]!, code: values["orgCode"]!, actor: actor, services: req.cutover, on: req.db)
            return try await req.page("admin", try await model(req, notice: "Added \(organisation.name) (\(organisation.code ?? "")). You can now add its people below."))
        } catch let refusal as People.Refusal {
            return try await req.page("admin", try await model(req, values: values, errors: [refusal.field: refusal.message]), status: .unprocessableEntity)
        }
    }

    @Sendable func show(req: Request) async throws -> Response {
        let saved = req.queryText("saved") != nil
        // The notice is fixed text, stored names and a number: nothing from the address is shown back.
        let unlocked = req.queryText("unlocked") != nil
        var savedNotice = "Saved."
        // After a product's lead time: which product, as stored, and how many plans move.
        if let id = (try? req.query.get(UUID.self, at: "product")), let product = try await CutoverServer.Product.find(id, on: req.db) {
            let lead = product.extractLeadDays.map { "\($0) days" } ?? "not set"
            let moving = max(0, (try? req.query.get(Int.self, at: "replanning")) ?? 0)
            savedNotice = "Saved: \(product.name)'s extract lead time is \(lead). " + (moving == 0 ? "No migration under way uses it."
                : moving == 1 ? "One migration under way uses it: its plan shows the new lead time now; its calendar feed follows within a minute, its reminders within the hour."
                : "\(MigrationPage.grouped(moving)) migrations under way use it: their plans show the new lead time now; their calendar feeds follow within a minute, their reminders within the hour.")
        }
        return try await req.page("admin", try await model(req, notice: unlocked ? "Unlocked: they can sign in again now." : saved ? savedNotice : nil))
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
            return try await req.page("admin", try await model(req, errors: ["lead-\(id.uuidString)": "Extract lead time for \(product.name) must be a whole number of days from 0 to 365"]), status: .unprocessableEntity)
        }
        let before = product.extractLeadDays
        let now = req.cutover.now
        // The plans that use the product are written again a batch at a time (`PlanKeeper`).
        let moving = try await req.cutover.write(on: req.db) { db in
            product.extractLeadDays = lead
            try await product.save(on: db)
            try await JudgementStore(db).forget(usingProduct: id)
            let moving = try await ReplanQueue(db).queue(usingProduct: id, reason: "product.updated", at: now)
            try await MigrationWriter.audit(AuditEntry(action: "product.updated", entity: "product", entityID: product.id, before: ["extractLeadDays": before], after: ["extractLeadDays": lead]),
                                            migrationID: nil, actor: actor, at: now, on: db)
            return moving
        }
        return req.redirect(to: "/admin?saved=1&product=\(id)&replanning=\(moving)#products")
    }
}
