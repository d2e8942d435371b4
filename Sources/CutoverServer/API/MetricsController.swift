import Fluent
import MigrationKit
import Vapor

/// How migrations actually went (`MigrationMetrics`), over the migrations the reader may
/// see: JSON, and each of its tables as CSV.
struct MetricsController {
    func register(_ api: any RoutesBuilder) {
        api.get("metrics", use: json)
        api.get("metrics.csv", use: csv)
    }

    struct MetricsJSON: Content {
        struct PhaseJSON: Content {
            let phase: String, title: String, finished: Int, onTime: Int, onTimeRate: Double?, daysLate: SummaryJSON?
        }
        struct SummaryJSON: Content {
            let count: Int, mean: Double, median: Double, shortest: Int, longest: Int
            init(_ s: MigrationMetrics.Summary) { (count, mean, median, shortest, longest) = (s.count, s.mean, s.median, s.shortest, s.longest) }
        }
        struct CutoverJSON: Content {
            let oldSupplier: String, newSupplier: String, calendarDays: SummaryJSON, workingDays: SummaryJSON
        }
        struct MonthJSON: Content {
            let month: String, phase: String, started: Int
        }
        let migrations: Int
        let phases: [PhaseJSON]
        let cutovers: [CutoverJSON]
        let months: [MonthJSON]

        init(_ m: MigrationMetrics) {
            migrations = m.migrations
            phases = m.phases.map { PhaseJSON(phase: $0.phase.id, title: $0.phase.title, finished: $0.finished, onTime: $0.onTime, onTimeRate: $0.onTimeRate, daysLate: $0.daysLate.map(SummaryJSON.init)) }
            cutovers = m.cutovers.map { CutoverJSON(oldSupplier: $0.oldSupplier, newSupplier: $0.newSupplier, calendarDays: .init($0.calendarDays), workingDays: .init($0.workingDays)) }
            months = m.months.map { MonthJSON(month: $0.month, phase: $0.phase.id, started: $0.started) }
        }
    }

    /// The metrics of what `req`'s user may see.
    static func metrics(_ req: Request) async throws -> MigrationMetrics {
        let list = MigrationList(sql: req.reads, actor: try req.currentUser().actor, policy: req.cutover.policy, today: req.cutover.today)
        return MigrationMetrics(try await MetricsStore(list: list).outcomes())
    }

    @Sendable func json(req: Request) async throws -> Response {
        try jsonResponse(MetricsJSON(try await Self.metrics(req)))
    }

    /// The tables a CSV can hold, by `?table=`.
    enum Table: String, CaseIterable {
        case phases, cutovers, months
    }

    @Sendable func csv(req: Request) async throws -> Response {
        let name = req.queryText("table") ?? Table.phases.rawValue
        guard let table = Table(rawValue: name) else {
            throw APIError.invalid("table", "table is one of \(Table.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return Self.csvResponse(Self.csv(table, try await Self.metrics(req)), name: "cutover-metrics-\(table.rawValue)-\(req.cutover.today).csv")
    }

    /// One table as CSV lines (text fields neutralised as in every CSV we write; numbers are ours).
    static func csv(_ table: Table, _ m: MigrationMetrics) -> [String] {
        let text = PortfolioPage.csvField
        func number(_ value: Double?) -> String { value.map { String(format: "%.1f", $0) } ?? "" }
        switch table {
        case .phases:
            return ["Phase,Finished,On time,On-time rate,Mean days late,Median days late,Most days early,Most days late"] + m.phases.map { p in
                [text(p.phase.title), String(p.finished), String(p.onTime), number(p.onTimeRate.map { $0 * 100 }), number(p.daysLate?.mean), number(p.daysLate?.median),
                 p.daysLate.map { String($0.shortest) } ?? "", p.daysLate.map { String($0.longest) } ?? ""].joined(separator: ",")
            }
        case .cutovers:
            return ["Old system supplier,New system supplier,Migrations,Mean calendar days,Median calendar days,Shortest calendar days,Longest calendar days,Mean working days,Median working days,Shortest working days,Longest working days"]
                + m.cutovers.map { c in
                    ([text(c.oldSupplier), text(c.newSupplier), String(c.calendarDays.count)]
                        + [c.calendarDays, c.workingDays].flatMap { [number($0.mean), number($0.median), String($0.shortest), String($0.longest)] }).joined(separator: ",")
                }
        case .months:
            return ["Month,Phase,Migrations that started it"] + m.months.map { [$0.month, text($0.phase.title), String($0.started)].joined(separator: ",") }
        }
    }

    static func csvResponse(_ lines: [String], name: String) -> Response {
        let response = Response(status: .ok, body: .init(string: lines.joined(separator: "\r\n") + "\r\n"))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(name)\"")
        return response
    }
}
