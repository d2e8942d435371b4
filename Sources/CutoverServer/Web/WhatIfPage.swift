import MigrationKit
import Vapor

/// What moves if the go-live moves: one row per phase and deadline with its date now, its
/// date with the new go-live and the difference. Phases done and deadlines met stay put;
/// the earliest go-live is worked out the same way as "can still be met" (met deadlines are
/// behind the migration); a go-live the supplier confirmed is moved only through its
/// Schedule A, and the page says so.
struct WhatIfPage: FramedPage {
    struct Row: Encodable {
        let item: String, current: String, proposed: String, change: String, moved: Bool
    }

    let layout: Layout
    let id: String
    let version: Int
    let practice: String
    let goLiveValue: String
    let goLiveBoxes: [DateInput.Part]
    let error: String?
    let currentGoLive: String?
    let proposedGoLive: String?
    /// "Every open deadline can still be met." or why not, for the current and the new date.
    let currentVerdict: String?
    let proposedVerdict: String?
    let earliest: String
    let confirmedWarning: String?
    let rows: [Row]
    let findings: FindingList?
    let canSave: Bool
    let csrf: String

    init(_ req: Request, aggregate a: MigrationAggregate, goLive text: String, boxes: [String: String] = [:], problem: DateInput.Problem? = nil) throws {
        let today = req.cutover.today
        let actor = try req.currentUser().actor
        let policy = req.cutover.policy
        let r = a.record
        var error: String? = problem.map { $0.message + "." }
        var proposedDay: Day?
        if error == nil && !text.isEmpty {
            do {
                proposedDay = try Validate.future(try Day(parsing: text), field: "goLive", today: today)
            } catch let dayError as DayError {
                error = dayError.description.capitalizingFirst + "."
            } catch let refusal as WorkflowError {
                error = refusal.description.capitalizingFirst + "."
            }
        }
        let current = a.state(today: today)
        // Met deadlines stay met whatever the go-live: they neither move nor hold it back.
        let done = current?.deadlinesDone ?? []
        let proposed = proposedDay.flatMap { a.state(today: today, goLive: $0) }
        func verdict(_ state: MigrationState?) -> String? {
            guard let state else { return nil }
            if !state.planner.isFeasible(state.plan, today: today, done: done) {
                return state.planner.calendar.isWorkingDay(state.plan.goLive)
                    ? "Some open deadlines would already have passed." : "This day is not a working day."
            }
            return state.planner.isAcceptableGoLive(state.plan.goLive, today: today, done: done)
                ? "Every open deadline can still be met."
                : "Every open deadline can still be met, but a bank holiday or blackout falls in the critical days around go-live (see the warnings)."
        }

        var table: [Row] = []
        if let current {
            let proposedMilestones = Dictionary(uniqueKeysWithValues: (proposed?.plan.milestones ?? []).map { ($0.phase, $0) })
            let behind = a.donePhases
            for milestone in current.plan.milestones {
                if behind.contains(milestone.phase) {
                    table.append(Row(item: "\(milestone.phase.number). \(milestone.title)", current: Self.window(milestone),
                                     proposed: proposed == nil ? "" : "Done", change: proposed == nil ? "" : "Already done", moved: false))
                    continue
                }
                let moved = proposedMilestones[milestone.phase]
                table.append(Self.row("\(milestone.phase.number). \(milestone.title)", from: milestone.start, to: moved?.start,
                                      now: Self.window(milestone), then: moved.map(Self.window)))
            }
            let proposedDeadlines = Dictionary((proposed?.plan.deadlines ?? []).map { ($0.key, $0.due) }, uniquingKeysWith: { first, _ in first })
            for deadline in current.plan.deadlines {
                if done.contains(deadline.key) {
                    table.append(Row(item: deadline.title, current: deadline.due.page, proposed: proposed == nil ? "" : "Done", change: proposed == nil ? "" : "Already met", moved: false))
                } else {
                    let due = proposedDeadlines[deadline.key]
                    table.append(Self.row(deadline.title, from: deadline.due, to: due, now: deadline.due.page, then: due?.page))
                }
            }
        }

        layout = Layout(req, title: "What if the go-live moved?", section: "")
        id = a.id.uuidString
        version = r.version
        practice = a.practice.name
        goLiveValue = text
        goLiveBoxes = DateInput.parts(id: "goLive", name: "goLive", value: text, raw: boxes.filter { !$0.value.isEmpty })
        self.error = error
        currentGoLive = r.planGoLive?.longDescription
        proposedGoLive = proposed?.plan.goLive.longDescription
        currentVerdict = verdict(current)
        proposedVerdict = verdict(proposed)
        earliest = a.earliestGoLive(today: today).map {
            "The earliest go-live with every open deadline still ahead and no bank holiday or blackout in the critical days is \($0.longDescription)."
        } ?? "No go-live in the next three years can be met with these blackouts."
        confirmedWarning = r.confirmedGoLive.map {
            "The new system's supplier confirmed the go-live for \($0.longDescription) on its Schedule A. A different date has to be agreed with the supplier again: it moves the confirmed date through its Schedule A, and the other Schedule A dates are agreed again."
        }
        rows = table
        findings = proposed.map { FindingList(a.findings(of: $0, for: actor, policy: policy)) }
        let mayPropose = policy.permits(.proposeProvisionalGoLive, by: actor, on: a.parties)
        canSave = mayPropose && r.actualGoLive == nil && r.confirmedGoLive == nil && r.status != .completed && proposed != nil
        csrf = layout.csrf
    }

    private static func window(_ milestone: Milestone) -> String {
        milestone.start == milestone.end ? milestone.start.page : "\(milestone.start.page) to \(milestone.end.page)"
    }

    /// A row comparing `from` with `to` (nil when there is no new date to compare yet),
    /// each shown as `now` and `then`.
    private static func row(_ item: String, from: Day, to: Day?, now: String, then: String?) -> Row {
        guard let to, let then else { return Row(item: item, current: now, proposed: "", change: "", moved: false) }
        let days = from.days(to: to)
        let change = days == 0 ? "No change" : "\(abs(days)) day\(abs(days) == 1 ? "" : "s") \(days > 0 ? "later" : "earlier")"
        return Row(item: item, current: now, proposed: then, change: change, moved: days != 0)
    }
}
