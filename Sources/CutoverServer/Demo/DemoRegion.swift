import Fluent
import MigrationKit
import Vapor

/// A realistic region for trying Cutover: one ICB, one CSU, the four principal suppliers
/// and three subsidiary ones, 25 practices and 14 migrations in every state, some on
/// track, some late, one finished. Dates are set relative to today so the demo always
/// looks current.
public enum DemoRegion {
    public struct Login: Sendable {
        public let email: String
        public let password: String
        public let who: String
    }

    public static let password = "demo-password"

    /// Fills an empty database; does nothing (and returns no logins) if it has data already.
    public static func seed(_ app: Application) async throws -> [Login] {
        guard try await Organisation.query(on: app.db).count() == 0 else { return [] }
        let services = app.cutover
        let hash = try await app.password.async.hash(password)
        let logins = try await services.write(on: app.db) { db in
            try await DemoBuilder(db: db, today: services.today, now: services.now, passwordHash: hash).build()
        }
        // The lists' statuses and the work queues, from the first request on.
        try await JudgementRefresher(services: services, db: app.db).refresh()
        return logins
    }
}

/// Does the seeding; one instance per run.
private struct DemoBuilder {
    let db: any Database
    let today: Day
    let now: Date
    let passwordHash: String

    func organisation(_ kind: OrganisationKind, _ name: String, _ code: String?) async throws -> Organisation {
        let org = Organisation(kind: kind, name: name, code: code)
        try await org.create(on: db)
        return org
    }

    func user(_ name: String, _ email: String, _ org: Organisation, _ role: UserRole = .member) async throws -> User {
        let user = User(name: name, email: email, passwordHash: passwordHash, organisationID: org.id!, role: role)
        try await user.create(on: db)
        return user
    }

    func product(_ code: String, _ name: String, _ supplier: Organisation, _ kind: Product.Kind, _ lead: Int?) async throws -> Product {
        let product = Product(code: code, name: name, supplierID: supplier.id!, kind: kind, extractLeadDays: lead)
        try await product.create(on: db)
        return product
    }

    func build() async throws -> [DemoRegion.Login] {
        var logins: [DemoRegion.Login] = []
        func login(_ user: User, _ who: String) { logins.append(.init(email: user.email, password: DemoRegion.password, who: who)) }

        let national = try await organisation(.national, "NHS England (national team)", "X24")
        let icb = try await organisation(.commissioner, "NHS West Riding ICB", "QWR")
        let csu = try await organisation(.deliveryPartner, "Northern Commissioning Support Unit", "0NC")
        let emis = try await organisation(.supplier, "EMIS Health", "10000")
        let tpp = try await organisation(.supplier, "TPP", "10052")
        let vision = try await organisation(.supplier, "Cegedim (Vision)", "10034")
        let microtest = try await organisation(.supplier, "Microtest", "10031")
        let advanced = try await organisation(.supplier, "Advanced", "10046")
        let lumira = try await organisation(.supplier, "LumiraDx", "10075")
        let dispensing = try await organisation(.supplier, "Dispensing Solutions", "10088")

        login(try await user("Nadia Okafor", "admin@national.demo.test", national, .admin), "national administrator")
        login(try await user("Priya Shah", "commissioning@icb.demo.test", icb, .admin), "ICB digital commissioning lead")
        login(try await user("Tom Reilly", "pm@csu.demo.test", csu, .admin), "CSU project manager")
        login(try await user("Grace Lin", "deployment@tpp.demo.test", tpp), "TPP deployment manager (new system)")
        login(try await user("Owen Hughes", "migrations@emis.demo.test", emis), "EMIS migrations team (old system)")
        _ = try await user("Sam Patel", "extracts@vision.demo.test", vision)
        _ = try await user("Ruth Evans", "support@microtest.demo.test", microtest)
        login(try await user("Alex Moore", "docman@advanced.demo.test", advanced), "Advanced Docman support (subsidiary)")
        _ = try await user("Lee Grant", "inr@lumira.demo.test", lumira)
        _ = try await user("Kim Ward", "help@dispensing.demo.test", dispensing)
        _ = try await user("Read Only", "viewer@icb.demo.test", icb, .viewer)

        let emisWeb = try await product("10000-001", "EMIS Web", emis, .principal, 35)
        let systmOne = try await product("10052-002", "SystmOne", tpp, .principal, 28)
        let vision3 = try await product("10034-005", "Vision 3", vision, .principal, 35)
        _ = try await product("10031-001", "Evolution", microtest, .principal, 21)
        let s1Appointments = try await product("10052-101", "SystmOne Appointments module", tpp, .submodule, nil)
        let s1Documents = try await product("10052-102", "SystmOne Document Management", tpp, .submodule, nil)
        _ = try await product("10000-101", "EMIS Web Appointments module", emis, .submodule, nil)
        let docman = try await product("10046-001", "Docman 10", advanced, .subsidiary, 21)
        let inrStar = try await product("10075-001", "INRstar", lumira, .subsidiary, 14)
        _ = try await product("10088-001", "DispensIT", dispensing, .subsidiary, 10)

        let names = [
            "Aire Valley Surgery", "Beck View Medical Practice", "Calder Bridge Health Centre", "Dales Road Surgery",
            "Elmwood Family Practice", "Fountains Medical Centre", "Garforth Lane Surgery", "Holme Valley Practice",
            "Ilkley Moor Medical Group", "Jubilee Street Surgery", "Kirkgate Health Centre", "Lister Park Practice",
            "Millbank Surgery", "Nidderdale Group Practice", "Oakwood Lane Medical Centre", "Pennine View Surgery",
            "Queensbury Health Centre", "Rawdon Green Practice", "Saltaire Medical Practice", "Tong Road Surgery",
            "Undercliffe Health Centre", "Victoria Park Surgery", "Wharfedale Practice", "Yeadon Medical Centre",
            "Thornton Road Surgery",
        ]
        var practices: [Practice] = []
        for (index, name) in names.enumerated() {
            let ods = "B8\(String(format: "%04d", 2001 + index * 7))"
            let org = try await organisation(.practice, name, ods)
            let practice = Practice(odsCode: ods, name: name, organisationID: org.id!, commissionerID: icb.id!, deliveryPartnerID: csu.id!, listSize: 3_800 + (index * 1_913) % 14_000)
            try await practice.create(on: db)
            practices.append(practice)
            if index == 0 {
                login(try await user("Helen Carter", "manager@\(ods.lowercased()).demo.test", org, .admin), "practice manager, \(name)")
            } else if index == 14 {
                login(try await user("Jo Baker", "manager@\(ods.lowercased()).demo.test", org, .admin), "practice manager, \(name) (no migration yet)")
            } else {
                _ = try await user("Practice manager", "manager@\(ods.lowercased()).demo.test", org, .admin)
            }
        }

        let actors = DemoActors(
            csu: try await User.query(on: db).filter(\.$email == "pm@csu.demo.test").first()!,
            icb: try await User.query(on: db).filter(\.$email == "commissioning@icb.demo.test").first()!)
        let emisToTPP = (source: emisWeb, target: systmOne)
        // Four TPP go-lives in the week twelve weeks ahead: more than its threshold, a clash.
        let clashWeek = (today + 84).monday
        let clash = (0..<4).map { today.days(to: clashWeek) + $0 }
        // Each story sets a migration to a point in the process, relative to today.
        let stories: [DemoStory] = [
            .init(practice: practices[0], route: emisToTPP, goLiveIn: 30, stage: .preMigration, submodules: [s1Appointments], subsidiaries: [docman]),
            .init(practice: practices[1], route: emisToTPP, goLiveIn: 160, stage: .proposed),
            .init(practice: practices[2], route: (vision3, systmOne), goLiveIn: 140, stage: .approved),
            .init(practice: practices[3], route: emisToTPP, goLiveIn: clash[0], stage: .calledOff, submodules: [s1Documents]),
            .init(practice: practices[4], route: (vision3, emisWeb), goLiveIn: 104, stage: .procured, subsidiaries: [inrStar]),
            .init(practice: practices[5], route: emisToTPP, goLiveIn: 52, stage: .late),
            .init(practice: practices[6], route: emisToTPP, goLiveIn: 14, stage: .dataChecking, subsidiaries: [docman]),
            .init(practice: practices[7], route: (systmOne, emisWeb), goLiveIn: 3, stage: .cutover),
            .init(practice: practices[8], route: emisToTPP, goLiveIn: -8, stage: .live),
            .init(practice: practices[9], route: emisToTPP, goLiveIn: -30, stage: .live),
            .init(practice: practices[10], route: (vision3, systmOne), goLiveIn: -150, stage: .completed),
            // The rest of the clash week.
            .init(practice: practices[11], route: emisToTPP, goLiveIn: clash[1], stage: .procured),
            .init(practice: practices[12], route: emisToTPP, goLiveIn: clash[2], stage: .procured),
            .init(practice: practices[13], route: (vision3, systmOne), goLiveIn: clash[3], stage: .calledOff),
        ]
        for story in stories {
            try await story.create(on: db, today: today, now: now, actors: actors)
        }
        return logins
    }
}
