import Fluent
import MigrationKit
import Vapor

/// The plan on one or two sheets of A4: go-live and status, the phases, the deadlines still
/// open with who owns each, my checklist for this phase, and who is who. No navigation,
/// no forms: what a practice manager pins up or takes to the kick-off.
struct PrintPlanPage: Encodable {
    struct DeadlineRow: Encodable { let title: String; let due: String; let owner: String; let status: String }
    struct Contact: Encodable { let role: String; let name: String }

    let title: String
    let id: String
    let practice: String
    let ods: String
    let route: String
    let goLive: String
    let goLiveState: String
    let status: String
    let printedOn: String
    let table: PlanTable?
    let openDeadlines: [DeadlineRow]
    let deadlinesMet: Int
    let checklistTitle: String
    let checklist: [MigrationPage.ChecklistRow]
    let contacts: [Contact]

    static func build(_ req: Request, aggregate a: MigrationAggregate) async throws -> PrintPlanPage {
        let actor = try req.currentUser().actor
        let policy = req.cutover.policy
        let today = req.cutover.today
        let r = a.record
        let facts = a.facts(today: today)
        let seen = a.seen(by: actor, policy: policy, state: facts.state)
        let rag = RAG(findings: seen.findings)
        let done = facts.state?.deadlinesDone ?? []
        let open = facts.state?.plan.deadlines.filter { !done.contains($0.key) } ?? []

        // Organisations by role, in the order the guide introduces them.
        var roles: [(String, UUID)] = [(Party.practice.title, a.parties.practice), (Party.commissioner.title, a.parties.commissioner),
                                       (Party.deliveryPartner.title, a.parties.deliveryPartner), (Party.targetSupplier.title, a.parties.targetSupplier),
                                       (Party.sourceSupplier.title, a.parties.sourceSupplier)]
        roles += seen.subsidiaries.map { ("Supplier of \($0.name)", $0.supplierID) }
        let organisations = try await Organisation.query(on: req.db).filter(\.$id ~~ roles.map(\.1)).all()
        let names = Dictionary(uniqueKeysWithValues: organisations.compactMap { org in org.id.map { ($0, org.name + (org.code.map { " (\($0))" } ?? "")) } })
        let owners: [Party: String] = [.practice: a.practice.name, .commissioner: names[a.parties.commissioner] ?? "", .deliveryPartner: names[a.parties.deliveryPartner] ?? "",
                                       .targetSupplier: a.targetProduct.supplierName, .sourceSupplier: a.sourceProduct.supplierName]

        let (party, checklist) = try await MigrationPage.checklist(a, for: actor, policy: policy, on: req.reads)
        let phase = Phase(rawValue: r.currentPhase) ?? .decisionAndFunding
        let actuals = Dictionary(uniqueKeysWithValues: a.milestones.compactMap { m in Phase(rawValue: m.phase).map { ($0, (m.actualStart, m.actualEnd)) } })
        return PrintPlanPage(
            title: "\(a.practice.name): the plan", id: a.id.uuidString, practice: a.practice.name, ods: a.practice.odsCode,
            route: "\(a.sourceProduct.name) to \(a.targetProduct.name)",
            goLive: r.planGoLive?.longDescription ?? "Not set",
            goLiveState: MigrationPage.goLiveState(r),
            status: rag.words(for: r.status), printedOn: today.longDescription,
            table: facts.state.map { PlanTable(plan: $0.plan, today: today, done: done, actuals: actuals) },
            openDeadlines: open.map { d in
                DeadlineRow(title: d.title, due: d.due.page, owner: [d.owner.title, owners[d.owner] ?? ""].filter { !$0.isEmpty }.joined(separator: ": "),
                            status: d.due < today ? "Overdue" : countdown(to: d.due, from: today).capitalizingFirst)
            },
            deadlinesMet: (facts.state?.plan.deadlines.count ?? 0) - open.count,
            checklistTitle: party.map { "\($0.title): \(phase.title)" } ?? "",
            checklist: checklist,
            contacts: roles.compactMap { role, id in
                let name = id == a.parties.practice ? "\(a.practice.name) (\(a.practice.odsCode))" : names[id]
                return name.map { Contact(role: role, name: $0) }
            })
    }
}
