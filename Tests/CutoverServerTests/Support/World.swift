import Fluent
import Foundation
import MigrationKit
import Vapor
@testable import CutoverServer

/// The people and organisations every server test works with: two practices in two
/// regions, their ICBs and CSUs, four suppliers, and a national administrator. Each role
/// has a signed-in token.
struct World {
    enum Role: String, CaseIterable, CustomStringConvertible {
        case practice, otherPractice, commissioner, otherCommissioner, deliveryPartner, otherDeliveryPartner
        case targetSupplier, sourceSupplier, subsidiarySupplier, unrelatedSupplier, national, viewer

        var description: String { rawValue }
    }

    var tokens: [Role: String] = [:]
    var organisations: [Role: UUID] = [:]
    var users: [Role: UUID] = [:]
    let practiceOds = "A81001"
    let otherPracticeOds = "B82002"

    func token(_ role: Role) -> String { tokens[role]! }

    static func build(_ app: Application) async throws -> World {
        var world = World()
        let db = app.db
        func org(_ kind: OrganisationKind, _ name: String, _ code: String) async throws -> Organisation {
            let org = Organisation(kind: kind, name: name, code: code)
            try await org.create(on: db)
            return org
        }
        let national = try await org(.national, "National team", "X24")
        let icb = try await org(.commissioner, "North ICB", "QAA")
        let otherICB = try await org(.commissioner, "South ICB", "QBB")
        let csu = try await org(.deliveryPartner, "North CSU", "0AA")
        let otherCSU = try await org(.deliveryPartner, "South CSU", "0BB")
        let emis = try await org(.supplier, "EMIS Health", "10000")
        let tpp = try await org(.supplier, "TPP", "10052")
        let advanced = try await org(.supplier, "Advanced", "10046")
        let vision = try await org(.supplier, "Cegedim", "10034")
        let practiceOrg = try await org(.practice, "Aire Valley Surgery", "A81001")
        let otherPracticeOrg = try await org(.practice, "Beck View Practice", "B82002")
        let neighbourOrg = try await org(.practice, "Calder Bank Surgery", "A81003")

        try await Practice(odsCode: "A81001", name: "Aire Valley Surgery", organisationID: practiceOrg.id!, commissionerID: icb.id!, deliveryPartnerID: csu.id!, listSize: 8000).create(on: db)
        // A second practice of the same ICB and CSU, with no users of its own.
        try await Practice(odsCode: "A81003", name: "Calder Bank Surgery", organisationID: neighbourOrg.id!, commissionerID: icb.id!, deliveryPartnerID: csu.id!, listSize: 5000).create(on: db)
        try await Practice(odsCode: "B82002", name: "Beck View Practice", organisationID: otherPracticeOrg.id!, commissionerID: otherICB.id!, deliveryPartnerID: otherCSU.id!, listSize: 6000).create(on: db)
        try await Product(code: "10000-001", name: "EMIS Web", supplierID: emis.id!, kind: .principal, extractLeadDays: 35).create(on: db)
        try await Product(code: "10052-002", name: "SystmOne", supplierID: tpp.id!, kind: .principal, extractLeadDays: 28).create(on: db)
        try await Product(code: "10034-005", name: "Vision 3", supplierID: vision.id!, kind: .principal, extractLeadDays: 35).create(on: db)
        try await Product(code: "10052-101", name: "SystmOne Appointments", supplierID: tpp.id!, kind: .submodule, extractLeadDays: nil).create(on: db)
        try await Product(code: "10046-001", name: "Docman 10", supplierID: advanced.id!, kind: .subsidiary, extractLeadDays: 21).create(on: db)

        let members: [(Role, Organisation, UserRole)] = [
            (.practice, practiceOrg, .admin), (.otherPractice, otherPracticeOrg, .member),
            (.commissioner, icb, .member), (.otherCommissioner, otherICB, .member),
            (.deliveryPartner, csu, .member), (.otherDeliveryPartner, otherCSU, .member),
            (.targetSupplier, tpp, .member), (.sourceSupplier, emis, .member), (.subsidiarySupplier, advanced, .member),
            (.unrelatedSupplier, vision, .member), (.national, national, .admin), (.viewer, icb, .viewer),
        ]
        let hash = try Bcrypt.hash("correct horse battery", cost: 4)
        for (role, organisation, userRole) in members {
            let user = User(name: "\(role) user", email: "\(role.rawValue.lowercased())@test.example", passwordHash: hash, organisationID: organisation.id!, role: userRole)
            try await user.create(on: db)
            world.tokens[role] = try await Tokens.issue(for: user, label: "test", now: testNow, lifetime: 3600, on: db).token
            world.organisations[role] = organisation.id!
            world.users[role] = user.id!
        }
        return world
    }

    /// A new migration for the first practice (EMIS Web to SystmOne, with the appointments
    /// module and Docman), created through the API by its practice.
    static let newMigrationJSON = """
        {"practiceOdsCode": "A81001", "sourceProductCode": "10000-001", "targetProductCode": "10052-002",
         "submoduleCodes": ["10052-101"], "subsidiaryCodes": ["10046-001"],
         "businessCase": {"drivers": "Shared records with community services", "considerations": "Retraining 20 staff", "strategicFit": "One system per neighbourhood"},
         "provisionalGoLive": "2027-06-14", "blackouts": [{"start": "2027-08-02", "end": "2027-08-13", "reason": "summer leave"}]}
        """

    func createMigration(_ call: Call, json: String = World.newMigrationJSON) async throws -> String {
        let response = try await call.send(.POST, "/api/v1/migrations", as: token(.practice), json: json)
        guard response.status == .created, let id = response.json["id"] as? String else {
            throw TestFailure("creating the migration failed: \(response.status) \(response.body.string)")
        }
        return id
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
