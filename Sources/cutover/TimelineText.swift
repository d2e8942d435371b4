import MigrationKit

/// A plan as a practice manager reads it in a terminal: phase by phase, with each phase's
/// deadlines beneath it and the findings at the end.
struct TimelineText {
    let report: PlanReport
    let blackouts: [Blackout]

    func render() -> String {
        let plan = report.plan
        var lines: [String] = []
        lines.append("Migration plan for go-live on \(plan.goLive.longDescription)")
        var status = "As of \(report.today.longDescription): "
        status += report.feasible ? "on track, no deadline has passed." : "this go-live can no longer be met as planned."
        lines.append(status)
        if let earliest = report.earliestFeasibleGoLive {
            lines.append("Earliest go-live that can still be met: \(earliest.longDescription)")
        } else {
            lines.append("No go-live can be met within the next \(Planner.searchHorizonDays) days.")
        }
        for blackout in blackouts {
            lines.append("Blackout: \(blackout.range.start.shortDescription) to \(blackout.range.end.shortDescription)\(blackout.reason.isEmpty ? "" : " (\(blackout.reason))")")
        }
        lines.append("")

        for milestone in plan.milestones {
            let number = milestone.phase.number < 10 ? " \(milestone.phase.number)" : "\(milestone.phase.number)"
            let title = milestone.title.padding(toLength: 36, withPad: " ", startingAt: 0)
            lines.append("\(number). \(title) \(describe(milestone.window))")
            for deadline in plan.deadlines where heading(for: deadline, in: plan) == milestone.phase {
                let marker = deadline.due < report.today ? "PASSED" : "due"
                lines.append("      \(marker) \(deadline.due.shortDescription): \(deadline.title) [\(deadline.owner.title)]")
            }
        }

        lines.append("")
        if report.findings.isEmpty {
            lines.append("Findings: none.")
        } else {
            lines.append("Findings:")
            for finding in report.findings {
                lines.append("  \(finding.severity.rawValue.uppercased()): \(finding.message)")
                lines.append("    What to do: \(finding.action)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Deadlines are listed under the phase of the main sequence under way on their due
    /// day, so the timeline reads in date order.
    private func heading(for deadline: Deadline, in plan: Plan) -> Phase {
        plan.milestones.last { !$0.phase.runsAlongside && $0.start <= deadline.due }?.phase ?? .decisionAndFunding
    }

    private func describe(_ window: DayRange) -> String {
        window.start == window.end
            ? window.start.shortDescription
            : "\(window.start.shortDescription) to \(window.end.shortDescription)"
    }
}
