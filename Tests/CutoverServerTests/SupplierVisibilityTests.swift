import Foundation
import MigrationKit
import Testing
@testable import CutoverServer

/// What a supplier reads of a migration, over the demo region's migrations (every stage)
/// and every supplier user: never another supplier's Schedule A or the dates it offered,
/// never an extract that is neither its own nor one it receives as the new system's
/// supplier, never the business case, approval or notices; and no finding about any of
/// those. The JSON, the plan's findings and the page all go through
/// `MigrationAggregate.seen`, as read here (`SeenMigrationTests` checks it over generated
/// migrations).
@Suite struct SupplierVisibilityTests {
    @Test func aSupplierSeesOnlyWhatConcernsIt() async throws {
        try await withDemoRegion { app, aggregates, actors in
            let policy = app.cutover.policy, today = app.cutover.today
            var checked = 0
            for a in aggregates + aggregates.compactMap(withOffer) {
                for (who, actor) in actors where actor.kind == .supplier && policy.canSee(actor, a.parties) {
                    checked += 1
                    let org = actor.organisationID
                    let json = MigrationJSON(a, for: actor, policy: policy, today: today)
                    let receivesExtracts = org == a.record.targetSupplierID
                    for scheduleA in json.scheduleAs {
                        #expect(scheduleA.supplierId == org, "\(who) reads another supplier's Schedule A on \(a.practice.name)")
                    }
                    for extract in json.extractRequests {
                        #expect(extract.supplierId == org || receivesExtracts, "\(who) reads another supplier's extract on \(a.practice.name)")
                    }
                    #expect(json.businessCase == nil && json.approval == nil && json.notices == nil, "\(who) reads the business case or notices of \(a.practice.name)")
                    #expect(json.blackouts.isEmpty, "\(who) reads the practice's blackouts on \(a.practice.name)")
                    for finding in a.seen(by: actor, policy: policy, today: today).findings {
                        switch finding.audience {
                        case .everyone: break
                        case .wholeMigration: Issue.record("\(who) reads a finding for the whole migration: \(finding.message)")
                        case .scheduleA(let supplier):
                            #expect(supplier == org, "\(who) reads a finding about another supplier's Schedule A: \(finding.message)")
                        case .extract(let supplier):
                            #expect(supplier == org || receivesExtracts, "\(who) reads a finding about another supplier's extract: \(finding.message)")
                        }
                        // An offer of other dates names them: a supplier reads only its own offers.
                        for day in a.scheduleAs.filter({ $0.supplierID != org }).flatMap(\.proposedGoLives) {
                            #expect(!finding.message.contains(day.shortDescription) && !finding.message.contains(day.longDescription),
                                    "\(who) reads another supplier's offer in: \(finding.message)")
                        }
                    }
                }
            }
            #expect(checked > 20, "suppliers have migrations to read (\(checked))")
        }
    }

    /// The migration as it would be had the new supplier accepted its Schedule A but offered
    /// two other days instead of confirming one (the demo region has no such offer).
    func withOffer(_ a: MigrationAggregate) -> MigrationAggregate? {
        guard a.record.status == .registered, let confirmed = a.record.confirmedGoLive,
              let index = a.scheduleAs.firstIndex(where: { $0.kind == .target && $0.status == .accepted }) else { return nil }
        var offered = a
        offered.record.confirmedGoLive = nil
        offered.scheduleAs[index].confirmedGoLive = nil
        offered.scheduleAs[index].proposedGoLivesJSON = JSONText.encode([confirmed + 14, confirmed + 21])
        return offered
    }
}
