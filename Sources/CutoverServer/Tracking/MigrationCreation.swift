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
            let source = try await Validate.product(body.sourceProductCode, kind: .principal, field: "sourceProductCode", on: db)
            let target = try await Validate.product(body.targetProductCode, kind: .principal, field: "targetProductCode", on: db)
            let submodules = try await Validate.products(body.submoduleCodes ?? [], kind: .submodule, field: "submoduleCodes", on: db)
            let subsidiaries = try await Validate.products(body.subsidiaryCodes ?? [], kind: .subsidiary, field: "subsidiaryCodes", on: db)
            let parties = MigrationParties(
                practice: practice.$organisation.id, commissioner: practice.$commissioner.id, deliveryPartner: practice.$deliveryPartner.id,
                sourceSupplier: source.supplierID, targetSupplier: target.supplierID)
            var record = MigrationRow(
                id: UUID(), practiceID: practice.id!, sourceProductID: source.id, targetProductID: target.id,
                practiceOrgID: parties.practice, commissionerID: parties.commissioner, deliveryPartnerID: parties.deliveryPartner,
                sourceSupplierID: parties.sourceSupplier, targetSupplierID: parties.targetSupplier, status: .proposed,
                currentPhase: Phase.decisionAndFunding.rawValue, createdAt: services.now)
            record.businessCase = body.businessCase
            record.overrides = overrides
            record.blackouts = blackouts
            let migration = try MigrationAggregate.proposing(
                record, practice: PracticeRow(id: practice.id!, odsCode: practice.odsCode, name: practice.name, listSize: practice.listSize),
                source: source, target: target, submodules: submodules, subsidiaries: subsidiaries, provisionalGoLive: body.provisionalGoLive,
                by: actor, policy: services.policy,
                practiceHasOpenMigration: try await MigrationStore(db).hasOpenMigration(practice: practice.id!), today: today)
            do {
                try services.policy.authorize(.createMigration, by: actor, on: parties)
            } catch AccessDenied.notVisible {
                throw APIError(.forbidden, "forbidden", "you can start migrations only for practices you belong to or support")
            }
            let replanner = Replanner(today: today, now: services.now)
            let planned = replanner.replanned(migration)
            try await MigrationStore(db).insert(planned)
            try await replanner.record(planned, reason: "created", on: db)
            try await JudgementStore(db).keep([planned.kept(policy: services.policy, today: today)])
            try await MigrationWriter.audit(
                AuditEntry(action: "migration.created", entity: "migration", entityID: record.id, after: MigrationSnapshot(planned.record)),
                migrationID: record.id, version: 1, actor: actor, at: services.now, on: db)
            return record.id
        }
    }
}
