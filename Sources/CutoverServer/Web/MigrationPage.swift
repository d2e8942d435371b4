import Fluent
import MigrationKit
import SQLKit
import Vapor

/// Everything about one migration on one page, for one role: the plan as a timeline and
/// a table, findings, the next steps this user can take (each a form), Schedule As,
/// extracts, notices, the checklist, action items, sign-offs and the history.
struct MigrationPage {
    struct Summary {
        let practice: String, ods: String, route: String, status: String, phase: String
        let goLive: String, goLiveState: String, countdown: String, rag: String, ragText: String
    }
    struct ScheduleARow {
        let kind: String, product: String, status: String, statusText: String, calledOff: String, detail: String
    }
    struct ExtractRow {
        struct Step { let title: String; let done: Bool; let when: String }
        let supplier: String
        let steps: [Step]
    }
    struct NoticeRow { let recipient: String; let service: String; let sent: String }
    struct ChecklistRow: Encodable { let id: String; let text: String; let ticked: Bool }
    struct ActionRow { let title: String; let owner: String; let due: String; let status: String; let statusText: String }
    struct SignOffRow { let kind: String; let signer: String; let when: String; let comment: String }
    struct HistoryRow { let when: String; let who: String; let what: String }
    struct DoneRow { let title: String; let on: String }
    /// The business case as a summary list, open while the commissioner decides on it.
    struct BusinessCaseSummary {
        struct Row { let label: String; let value: String }
        let state: String
        let rows: [Row]
        let open: Bool
    }

    let layout: Layout
    let id: String
    let version: Int
    let summary: Summary
    let notice: String?
    let stale: Bool
    let errorSummary: [ErrorLink]
    let timeline: TimelineChart?
    let table: PlanTable?
    let findings: FindingList
    let forms: [StepForm]
    /// The plan's deadlines already met, listed as done rather than offered as forms.
    let done: [DoneRow]
    let businessCase: BusinessCaseSummary?
    let scheduleAs: [ScheduleARow]
    let extracts: [ExtractRow]
    let notices: [NoticeRow]?
    let checklistTitle: String
    let checklist: [ChecklistRow]
    let canTick: Bool
    let actionItems: [ActionRow]
    let signOffs: [SignOffRow]
    let order: OrderSection
    let history: [HistoryRow]
    let whatIfLink: Bool
    /// This migration's calendar feed, once the person has a calendar address.
    let calendarURL: String?

    struct ErrorLink: Encodable { let anchor: String; let message: String }

    static func build(_ req: Request, aggregate a: MigrationAggregate, failure: FormFailure? = nil, notice: String? = nil, stale: Bool = false) async throws -> MigrationPage {
        let current = try req.currentUser()
        let actor = current.actor
        let policy = req.cutover.policy
        let today = req.cutover.today
        let r = a.record
        // The plan, its findings and the next steps, worked out once for the whole page.
        let facts = a.facts(today: today)
        let state = facts.state
        let seen = a.seen(by: actor, policy: policy, state: state)
        let findings = seen.findings
        let json = MigrationJSON(seen)
        let rag = RAG(findings: findings)
        let permissions = policy.permissions(of: actor, on: a.parties)
        func may(_ action: WorkflowAction) -> Bool { permissions.permits(action) }

        let goLiveState = Self.goLiveState(r)
        let summary = Summary(
            practice: a.practice.name, ods: a.practice.odsCode, route: "\(a.sourceProduct.name) to \(a.targetProduct.name)",
            status: r.status.title, phase: (Phase(rawValue: r.currentPhase) ?? .decisionAndFunding).title,
            goLive: r.planGoLive?.longDescription ?? "Not set", goLiveState: goLiveState,
            countdown: r.planGoLive.map { countdown(to: $0, from: today) } ?? "",
            rag: rag.colour.rawValue, ragText: rag.words(for: r.status))

        let forms = Self.forms(a, facts: facts, json: json, for: actor, policy: policy, today: today).map { form -> StepForm in
            var form = form
            if let failure { form.apply(failure) }
            return form
        }
        let errorSummary: [ErrorLink] = failure.map { failure in
            [ErrorLink(anchor: forms.first { $0.key == failure.formKey }?.anchor(for: failure) ?? "next-steps", message: failure.message)]
        } ?? []

        let scheduleAs = json.scheduleAs.map { s in
            let statusText: String = switch s.status {
            case .calledOff: "Waiting for the commissioner"
            case .commissionerAccepted: "Waiting for the supplier"
            case .accepted: "Accepted"
            case .rejected: "Rejected"
            }
            var detail = ""
            if let confirmed = s.confirmedGoLive { detail = "Go-live confirmed for \(confirmed.page)" }
            else if !s.proposedGoLives.isEmpty { detail = "Supplier offers: " + s.proposedGoLives.map(\.page).joined(separator: ", ") }
            if let reason = s.rejectionReason { detail = "Reason: \(reason)" }
            return ScheduleARow(kind: s.kind == .target ? "New system" : s.kind == .decommission ? "Decommission old system" : "Module",
                                product: s.product?.name ?? "", status: s.status == .accepted ? "done" : s.status == .rejected ? "red" : "grey",
                                statusText: statusText, calledOff: s.calledOffOn.page, detail: detail)
        }
        let extracts: [ExtractRow] = seen.extractSuppliers.map { supplier in
            let request = json.extractRequests.first { $0.supplierId == supplier.supplier }
            let steps = [
                ExtractRow.Step(title: "Form requested from \(supplier.name) (\(supplier.noticeDays) days' notice)", done: request != nil, when: request?.requestedOn.page ?? ""),
                .init(title: "Form sent to the practice", done: request?.formSentOn != nil, when: request?.formSentOn?.page ?? ""),
                .init(title: "Form returned with the data production dates", done: request?.formReturnedOn != nil,
                      when: request.map { r in r.formReturnedOn.map { "\($0.page): " + r.dataProductionDays.map(\.page).joined(separator: ", ") } ?? "" } ?? ""),
                .init(title: "Data transferred to the new supplier", done: request?.transferredOn != nil, when: request?.transferredOn?.page ?? ""),
            ]
            return ExtractRow(supplier: supplier.name, steps: steps)
        }

        let (myParty, checklist) = try await Self.checklist(a, for: actor, policy: policy, on: req.reads)
        let phase = Phase(rawValue: r.currentPhase) ?? .decisionAndFunding

        let events = try await MigrationHistory.visible(a, to: actor, policy: policy, on: req.reads).prefix(20).map(\.event)
        let names = try await HistoryStore(sql: req.reads).names(of: events.compactMap(\.user_id))
        let history = events.map {
            HistoryRow(when: LondonToday.day(at: $0.at).page, who: $0.user_id.flatMap { names[$0] } ?? "System", what: Self.describe($0.action))
        }

        let metOn = a.deadlinesMetOn
        let done = state.map { s in s.plan.deadlines.filter { s.deadlinesDone.contains($0.key) }.map { DoneRow(title: $0.title, on: metOn[$0.key]?.page ?? "") } } ?? []
        let actuals = Dictionary(uniqueKeysWithValues: a.milestones.compactMap { m in Phase(rawValue: m.phase).map { ($0, (m.actualStart, m.actualEnd)) } })
        return MigrationPage(
            layout: Layout(req, title: "\(a.practice.name): migration", section: ""),
            id: a.id.uuidString, version: r.version, summary: summary, notice: notice, stale: stale, errorSummary: errorSummary,
            timeline: state.map { TimelineChart(plan: $0.plan, today: today, blackouts: seen.blackouts, done: a.donePhases) },
            table: state.map { PlanTable(plan: $0.plan, today: today, done: $0.deadlinesDone, actuals: actuals) },
            findings: FindingList(findings), forms: forms,
            done: done,
            businessCase: seen.whole ? Self.businessCase(r) : nil, scheduleAs: scheduleAs, extracts: extracts,
            notices: json.notices?.map { NoticeRow(recipient: $0.recipient, service: $0.service == .eps ? "EPS" : "Linked service or supplier", sent: $0.sentOn?.page ?? "Not sent yet") },
            checklistTitle: myParty.map { "\($0.title): \(phase.title)" } ?? "",
            checklist: checklist, canTick: myParty.map { may(.tickChecklist(party: $0)) } ?? false,
            actionItems: json.actionItems.map { ActionRow(title: $0.title, owner: $0.owner.title, due: $0.due?.page ?? "", status: $0.status == .open ? "grey" : "done", statusText: $0.status.rawValue.capitalizingFirst) },
            signOffs: json.signOffs.map { SignOffRow(kind: $0.kind.title, signer: $0.signerName, when: $0.signedOn.page, comment: $0.comment) },
            order: OrderSection(json, seesSurvey: seen.seesDeploymentSurvey),
            history: history,
            whatIfLink: r.status != .completed && r.actualGoLive == nil && r.confirmedGoLive == nil && may(.proposeProvisionalGoLive),
            calendarURL: try await CalendarStore(sql: req.reads).secret(of: actor.userID).map { "\(req.siteAddress)/calendars/\($0)/\(a.id).ics" })
    }

    /// "£18,500": thousands grouped as in England, whatever the server's locale.
    static func pounds(_ amount: Int) -> String {
        (amount < 0 ? "-£" : "£") + grouped(amount.magnitude)
    }

    /// "5,567": thousands grouped as in England, whatever the server's locale.
    static func grouped(_ number: some BinaryInteger) -> String {
        var digits = String(number.magnitude)
        var groups: [Substring] = []
        while digits.count > 3 { groups.insert(digits.suffix(3), at: 0); digits.removeLast(3) }
        return (number < 0 ? "-" : "") + ([Substring(digits)] + groups).joined(separator: ",")
    }

    static func businessCase(_ r: MigrationRow) -> BusinessCaseSummary {
        let c = r.businessCase
        var rows: [BusinessCaseSummary.Row] = [.init(label: "Why the practice wants to move", value: c.drivers),
                                                .init(label: "What the practice has weighed up", value: c.considerations),
                                                .init(label: "How it fits local plans", value: c.strategicFit)]
        if let amount = r.fundingAmount { rows.append(.init(label: "Funding", value: "\(Self.pounds(amount)) from \(r.fundingSource ?? "")")) }
        let state: String = if let approved = r.approvedOn {
            "Approved by the commissioner on \(approved.longDescription)"
        } else if let returned = r.returnedBusinessCase {
            "Returned to the practice on \(returned.returnedOn.longDescription): \(returned.reason)"
        } else {
            "Waiting for the commissioner to approve or return it"
        }
        return BusinessCaseSummary(state: state, rows: rows, open: r.status == .proposed)
    }

    /// My party's checklist for the migration's current phase, with what is ticked.
    static func checklist(_ a: MigrationAggregate, for actor: Actor, policy: AccessPolicy, on sql: any SQLDatabase) async throws -> (Party?, [ChecklistRow]) {
        guard let party = policy.relations(of: actor, to: a.parties).compactMap(\.party).first else { return (nil, []) }
        let phase = Phase(rawValue: a.record.currentPhase) ?? .decisionAndFunding
        let ticks = try await ChecklistStore(sql: sql).ticked(on: a.id)
        return (party, Checklists.items(for: party, in: phase).map { ChecklistRow(id: $0.id, text: $0.text, ticked: ticks.contains($0.id)) })
    }

    /// Where the go-live stands: gone live, confirmed, or provisional and who has agreed.
    static func goLiveState(_ r: MigrationRow) -> String {
        r.actualGoLive != nil ? "went live" : r.confirmedGoLive != nil ? "confirmed by the supplier" : r.provisional.map(Self.agreement) ?? "not agreed yet"
    }

    /// "provisional, agreed by the practice; waiting for the commissioner (ICB), ...".
    static func agreement(_ provisional: ProvisionalGoLive) -> String {
        // "commissioner (ICB)": only the first letter lowered, not the initials.
        func name(_ party: Party) -> String { party.title.prefix(1).lowercased() + party.title.dropFirst() }
        let agreed = ProvisionalGoLive.agreeingParties.filter { provisional.agreements[$0] != nil }.map(name)
        let waiting = provisional.waitingFor.map(name)
        return "provisional" + (agreed.isEmpty ? "" : ", agreed by " + agreed.joined(separator: ", ")) + (waiting.isEmpty ? ", agreed by everyone" : "; waiting for " + waiting.joined(separator: ", "))
    }

    /// Audit actions in words.
    static func describe(_ action: String) -> String {
        let words: [String: String] = [
            "migration.created": "Started the migration", "migration.updated": "Changed the details", "business-case.approved": "Approved the business case and funding",
            "business-case.returned": "Returned the business case to the practice", "business-case.revised": "Revised the business case",
            "go-live.provisional": "Proposed a provisional go-live", "go-live.provisional-agreed": "Agreed to the provisional go-live", "migration.registered": "Registered the migration", "schedule-a.called-off": "Called off a Schedule A",
            "schedule-a.commissioner-accept": "Accepted a Schedule A (commissioner)", "schedule-a.commissioner-reject": "Rejected a Schedule A (commissioner)",
            "schedule-a.supplier-accept": "Accepted a Schedule A (supplier)", "schedule-a.supplier-reject": "Rejected a Schedule A (supplier)",
            "go-live.confirmed": "Confirmed the go-live date", "extract.form-requested": "Asked for an extract form", "extract.form-sent": "Sent the extract form",
            "extract.form-returned": "Returned the extract form", "extract.transferred": "Confirmed the extract transfer", "kick-off.booked": "Booked the kick-off",
            "technical-survey.booked": "Booked the technical survey", "milestone.recorded": "Recorded a milestone", "go-live.recorded": "Recorded the go-live",
            "migration.ended": "Ended the migration", "notice.added": "Added a notice", "notice.sent": "Sent a notice", "action-item.added": "Added an action item",
            "deadline.met": "Marked a deadline as met", "checklist.ticked": "Ticked a checklist item", "checklist.unticked": "Unticked a checklist item",
            "deployment-survey.sent": "Sent the deployment survey", "deployment-survey.confirmed": "Confirmed the deployment survey (actual M1)",
            "deployment-survey.returned": "Returned the deployment survey to the practice", "order.service-stability": "Confirmed service stability (M2)",
            "order.cease-date": "Recorded the old system's cease date",
        ]
        if let text = words[action] { return text }
        if action.hasPrefix("sign-off.") { return "Signed off: " + action.dropFirst(9).replacingOccurrences(of: "-", with: " ") }
        if action.hasPrefix("action-item.") { return "Action item marked " + action.dropFirst(12) }
        return action
    }
}
