import Fluent
import MigrationKit
import Vapor

/// Starting a migration: the practice (or its delivery partner) records the business case,
/// the systems and the preferred go-live. Shared by the API and the web form.
enum MigrationCreation {
    /// What a new migration's input must satisfy before the database is asked anything:
    /// the same checks and limits for the API, the web form and the form's preview.
    struct CheckedInput {
        let odsCode: String
        let blackouts: [Blackout]
        let overrides: [String: Int]
        let template: ProcessTemplate
    }

    static func check(_ body: CreateMigrationBody, today: Day) throws -> CheckedInput {
        try body.businessCase.validate()
        let ods = try Validate.odsCode(body.practiceOdsCode, field: "practiceOdsCode")
        let blackouts = try Validate.blackouts(body.blackouts ?? [], today: today)
        let overrides = body.overrides ?? [:]
        let template = try ProcessTemplate.standard.applying(overrides)
        if let goLive = body.provisionalGoLive { _ = try Validate.future(goLive, field: "provisionalGoLive", today: today) }
        return CheckedInput(odsCode: ods, blackouts: blackouts, overrides: overrides, template: template)
    }

    static func create(_ body: CreateMigrationBody, actor: Actor, services: CutoverServices, db: any Database) async throws -> UUID {
        let today = services.today
        let input = try check(body, today: today)
        let (ods, blackouts, overrides) = (input.odsCode, input.blackouts, input.overrides)

        return try await services.write(on: db) { db in
            guard let practice = try await Practice.query(on: db).filter(\.$odsCode == ods).first() else {
                throw APIError.invalid("practiceOdsCode", "no practice has the ODS code \(ods)")
            }
            // One move at a time: a practice has at most one migration that has not ended.
            if try await MigrationRecord.query(on: db).filter(\.$practice.$id == practice.id!).filter(\.$status != .completed).first() != nil {
                throw WorkflowError.wrongState("\(practice.name) already has a migration under way: end it before starting another")
            }
            let source = try await Validate.product(body.sourceProductCode, kind: .principal, field: "sourceProductCode", on: db)
            let target = try await Validate.product(body.targetProductCode, kind: .principal, field: "targetProductCode", on: db)
            guard source.id != target.id else {
                throw APIError.invalid("targetProductCode", "the new system must differ from the old one")
            }
            let submodules = try await Validate.products(body.submoduleCodes ?? [], kind: .submodule, field: "submoduleCodes", on: db)
            if let stray = submodules.firstIndex(where: { $0.supplierID != target.supplierID }) {
                throw APIError.invalid("submoduleCodes[\(stray)]", "\(submodules[stray].name) is not a module of \(target.name)")
            }
            let subsidiaries = try await Validate.products(body.subsidiaryCodes ?? [], kind: .subsidiary, field: "subsidiaryCodes", on: db)
            let parties = MigrationParties(
                practice: practice.$organisation.id, commissioner: practice.$commissioner.id, deliveryPartner: practice.$deliveryPartner.id,
                sourceSupplier: source.supplierID, targetSupplier: target.supplierID)
            do {
                try services.policy.authorize(.createMigration, by: actor, on: parties)
            } catch AccessDenied.notVisible {
                throw APIError(.forbidden, "forbidden", "you can start migrations only for practices you belong to or support")
            }

            let record = MigrationRecord()
            record.$practice.id = practice.id!
            record.$sourceProduct.id = source.id
            record.$targetProduct.id = target.id
            record.practiceOrgID = parties.practice
            record.commissionerID = parties.commissioner
            record.deliveryPartnerID = parties.deliveryPartner
            record.sourceSupplierID = parties.sourceSupplier
            record.targetSupplierID = parties.targetSupplier
            record.status = .proposed
            record.currentPhase = Phase.decisionAndFunding.rawValue
            record.businessCase = body.businessCase
            record.provisional = try body.provisionalGoLive.map {
                try ProvisionalGoLive.proposing($0, by: services.policy.party(of: actor, taking: .proposeProvisionalGoLive, on: parties) ?? .practice, on: today, replacing: nil)
            }
            record.overrides = overrides
            record.blackouts = blackouts
            record.metDeadlines = [:]
            record.version = 1
            record.createdAt = services.now
            record.updatedAt = services.now
            try await record.create(on: db)
            for product in submodules + subsidiaries {
                try await MigrationProduct(migrationID: record.id!, productID: product.id, supplierID: product.supplierID).create(on: db)
            }
            let store = MigrationStore(db)
            guard let created = try await store.load(record.id!) else { throw APIError.notFound() }
            let replanner = Replanner(today: today, now: services.now)
            let planned = replanner.replanned(created)
            try await store.settle(planned, over: created)
            try await replanner.record(planned, reason: "created", on: db)
            try await MigrationWriter.audit(
                AuditEntry(action: "migration.created", entity: "migration", entityID: record.id, after: MigrationSnapshot(planned.record)),
                migrationID: record.id, version: 1, actor: actor, at: services.now, on: db)
            return record.id!
        }
    }
}
