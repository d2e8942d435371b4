import MigrationKit

// A plan as `PlanReport.encode(to:)` writes it, member by member and in its order
// (`JSONWriterTests` compares the bytes): `GET .../plan` is read as often as a migration.
extension PlanReport: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.member("goLive", plan.goLive)
            json.member("today", today)
            json.member("feasible", feasible)
            json.member("earliestFeasibleGoLive", orNull: earliestFeasibleGoLive)
            json.member("milestones", plan.milestones.map(PlannedMilestone.init))
            json.member("deadlines", plan.deadlines.map { PlannedDeadline(deadline: $0, done: done.contains($0.key), metOn: metOn[$0.key]) })
            json.member("findings", findings)
        }
    }

    private struct PlannedMilestone: JSONWritable {
        let milestone: Milestone

        func write(to json: inout JSONWriter) {
            json.object { json in
                json.member("id", milestone.id)
                json.member("phase", milestone.phase.number)
                json.member("title", milestone.title)
                json.member("start", milestone.start)
                json.member("end", milestone.end)
            }
        }
    }

    private struct PlannedDeadline: JSONWritable {
        let deadline: Deadline, done: Bool, metOn: Day?

        func write(to json: inout JSONWriter) {
            json.object { json in
                json.member("id", deadline.id)
                json.member("due", deadline.due)
                json.member("title", deadline.title)
                json.member("owner", deadline.owner)
                json.member("done", done)
                json.member("metOn", metOn)
            }
        }
    }
}

extension Finding: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.member("id", id)
            json.member("rule", rule)
            json.member("severity", severity)
            json.member("message", message)
            json.member("milestone", milestone)
            json.member("deadline", deadline)
            json.member("action", action)
        }
    }
}

extension Finding.Severity: JSONWritableText {}
