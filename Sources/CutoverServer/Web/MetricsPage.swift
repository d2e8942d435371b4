import Foundation
import MigrationKit
import Vapor

/// How the migrations the reader may see actually went (`MigrationMetrics`): each phase's
/// on-time rate, the cut-over's length per supplier pair and the phases started each month,
/// each as a chart with its table, and as CSV.
struct MetricsPage {
    struct Model: FramedPage {
        struct PhaseRow: Encodable { let phase: String; let finished: Int; let onTime: Int; let rate: String; let meanLate: String; let range: String }
        struct CutoverRow: Encodable { let pair: String; let count: Int; let calendar: String; let working: String }
        struct MonthRow: Encodable { let month: String; let phases: String; let total: Int }
        let layout: Layout
        let migrations: Int
        let phaseChart: BarChart?
        let phases: [PhaseRow]
        let cutoverChart: BarChart?
        let cutovers: [CutoverRow]
        let months: [MonthRow]
    }

    func register(_ routes: any RoutesBuilder) {
        routes.get("metrics", use: show)
        // The same CSV as the API's, for the signed-in browser.
        routes.get("metrics.csv", use: MetricsController().csv)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let m = try await MetricsController.metrics(req)
        func days(_ value: Double) -> String { value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value) }
        let finished = m.phases.filter { $0.finished > 0 }
        let phases = finished.map { p in
            Model.PhaseRow(phase: p.phase.title, finished: p.finished, onTime: p.onTime, rate: "\(Int(((p.onTimeRate ?? 0) * 100).rounded()))%",
                           meanLate: p.daysLate.map { days($0.mean) } ?? "",
                           range: p.daysLate.map { "\($0.shortest) to \($0.longest)" } ?? "")
        }
        let phaseChart = finished.isEmpty ? nil : BarChart(
            title: "Share of each phase finished by its planned end", axis: "Finished on time (%)",
            rows: finished.map { ($0.phase.title, ($0.onTimeRate ?? 0) * 100, "\(Int((($0.onTimeRate ?? 0) * 100).rounded()))% of \($0.finished)") },
            maximum: 100, ticks: 4) { "\(Int($0))%" }
        let cutovers = m.cutovers.map { c in
            Model.CutoverRow(pair: "\(c.oldSupplier) to \(c.newSupplier)", count: c.calendarDays.count,
                             calendar: "\(days(c.calendarDays.mean)) (median \(days(c.calendarDays.median)), \(c.calendarDays.shortest) to \(c.calendarDays.longest))",
                             working: "\(days(c.workingDays.mean)) (median \(days(c.workingDays.median)), \(c.workingDays.shortest) to \(c.workingDays.longest))")
        }
        let longest = Double(m.cutovers.map(\.calendarDays.longest).max() ?? 0)
        let cutoverChart = m.cutovers.isEmpty ? nil : BarChart(
            title: "Mean cut-over length in calendar days, by old and new system supplier", axis: "Calendar days from the final data production to the go-live",
            rows: m.cutovers.map { ("\($0.oldSupplier) to \($0.newSupplier)", $0.calendarDays.mean, "\(days($0.calendarDays.mean)) days (\($0.calendarDays.count))") },
            maximum: max(4, (longest / 4).rounded(.up) * 4), ticks: 4) { days($0) }
        let byMonth = Dictionary(grouping: m.months, by: \.month)
        let months = byMonth.keys.sorted(by: >).map { month in
            let starts = byMonth[month]!
            return Model.MonthRow(month: Self.monthName(month), phases: starts.map { "\($0.phase.title) \($0.started)" }.joined(separator: "; "), total: starts.map(\.started).reduce(0, +))
        }
        let model = Model(layout: Layout(req, title: "How migrations went", section: "metrics"), migrations: m.migrations,
                          phaseChart: phaseChart, phases: phases, cutoverChart: cutoverChart, cutovers: cutovers, months: months)
        return try await req.page("metrics", model)
    }

    /// "2026-11" as "November 2026".
    static func monthName(_ month: String) -> String {
        let parts = month.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 2, (1...12).contains(parts[1]) else { return month }
        return "\(Day.monthNames[parts[1] - 1]) \(parts[0])"
    }
}
