import Fluent
import MigrationKit
import SQLKit
import Vapor

/// Every migration a commissioner, delivery partner or national user can see: filters,
/// sorting, pages, a week-by-week chart of go-lives per new-system supplier that shows
/// clashes, and the table as CSV.
struct PortfolioPage {
    /// What the page shows; its body is written by `body` (PortfolioPageHTML).
    struct Model {
        struct Option { let value: String; let label: String; let selected: Bool }
        struct Bar { let x: Int; let y: Int; let height: Int; let width: Int; let clash: Bool; let label: String }
        struct Label { let x: Int; let y: Int; let text: String }
        let layout: Layout
        let rows: [HomePage.MigrationRow]
        let total: Int
        let page: Int
        let pages: Int
        let previous: String?
        let next: String?
        let csv: String
        let phases: [Option]
        let statuses: [Option]
        let suppliers: [Option]
        let sorts: [Option]
        let overdue: Bool
        let chartBars: [Bar]
        let chartLabels: [Label]
        let chartRows: [Label]
        let chartHeight: Int
        let clashes: [String]
        let threshold: Int
    }

    func register(_ routes: any RoutesBuilder) {
        routes.get("portfolio", use: show)
        routes.get("portfolio.csv", use: csv)
    }

    func filter(_ req: Request) throws -> (MigrationFilter, String) {
        let filter = try MigrationFilter(req, today: req.cutover.today)
        let sort = req.queryText("sort") ?? "go-live"
        return (filter, sort)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let actor = try req.currentUser().actor
        guard req.cutover.policy.seesPortfolio(actor) else {
            throw WebError(status: .forbidden, title: "The portfolio is for commissioners and delivery partners", message: "Your migrations are on the page that shows what needs you.")
        }
        let (filter, sort) = try self.filter(req)
        let model = try await model(req, actor: actor, filter: filter, sort: sort)
        return req.page(model.layout.frame(model.body))
    }

    private func model(_ req: Request, actor: Actor, filter: MigrationFilter, sort: String) async throws -> Model {
        let list = MigrationList(sql: req.reads, actor: actor, policy: req.cutover.policy, today: req.cutover.today)
        let page = try await list.page(filter, sort: MigrationList.Sort(rawValue: sort) ?? .goLive)
        let query = req.url.query ?? ""
        func link(page number: Int) -> String {
            var items = query.split(separator: "&").filter { !$0.hasPrefix("page=") }.map(String.init)
            items.append("page=\(number)")
            return "/portfolio?" + items.joined(separator: "&")
        }
        let pages = max(1, (page.total + page.per - 1) / page.per)
        let suppliers = try await req.reads.raw("SELECT id, name FROM organisations WHERE kind = \(bind: OrganisationKind.supplier.rawValue) ORDER BY name").all()
            .map { (id: try $0.decode(column: "id", as: UUID.self), name: try $0.decode(column: "name", as: String.self)) }
        let threshold = req.cutover.configuration.goLivesPerSupplierWeek
        let weeks = try await PortfolioStore(list: list).weekLoads(threshold: threshold)
        let chart = Self.chart(weeks, threshold: threshold, today: req.cutover.today)
        let clashes = Self.clashes(weeks, today: req.cutover.today)
        return Model(
            layout: Layout(req, title: "Portfolio", section: "portfolio"),
            rows: try HomePage.rows(page.items), total: page.total, page: page.page, pages: pages,
            previous: page.page > 1 ? link(page: page.page - 1) : nil, next: page.page < pages ? link(page: page.page + 1) : nil,
            csv: "/portfolio.csv" + (query.isEmpty ? "" : "?" + query),
            phases: [Model.Option(value: "", label: "Any phase", selected: filter.phase == nil)] + Phase.allCases.map { Model.Option(value: $0.id, label: $0.title, selected: filter.phase == $0) },
            statuses: [Model.Option(value: "", label: "Any status", selected: filter.status == nil)] + MigrationStatus.allCases.map { Model.Option(value: $0.rawValue, label: $0.title, selected: filter.status == $0) },
            suppliers: [Model.Option(value: "", label: "Any supplier", selected: filter.supplier == nil)] + suppliers.map { Model.Option(value: $0.id.uuidString, label: $0.name, selected: filter.supplier == $0.id) },
            sorts: MigrationList.Sort.allCases.map { Model.Option(value: $0.rawValue, label: $0.label, selected: $0.rawValue == sort) },
            overdue: filter.overdueOnly, chartBars: chart.bars, chartLabels: chart.labels, chartRows: chart.rows, chartHeight: chart.height,
            clashes: clashes, threshold: threshold)
    }

    /// The weeks the chart shows: sixteen from this one.
    static let chartWeeks = 16

    /// The chart's clashes in words, one line per supplier (the red bars' text equivalent).
    static func clashes(_ loads: [PortfolioStore.WeekLoad], today: Day) -> [String] {
        let monday = today.monday
        let shown = loads.filter { $0.clash && $0.weekStarting >= monday && $0.weekStarting < monday + 7 * chartWeeks }
        return Dictionary(grouping: shown, by: \.supplierName).sorted { $0.key < $1.key }.map { supplier, weeks in
            "\(supplier): " + weeks.sorted { $0.weekStarting < $1.weekStarting }
                .map { "\($0.goLives) go-lives in the week of \($0.weekStarting.page)" }.joined(separator: "; ")
        }
    }

    /// Sixteen weeks from this one, a row per supplier; a red bar marks a clash.
    static func chart(_ loads: [PortfolioStore.WeekLoad], threshold: Int, today: Day) -> (bars: [Model.Bar], labels: [Model.Label], rows: [Model.Label], height: Int) {
        let monday = today.monday
        let weeks = chartWeeks
        let suppliers = Array(Set(loads.filter { $0.weekStarting >= monday && $0.weekStarting < monday + 7 * weeks }.map(\.supplierName))).sorted()
        let left = 140, columnWidth = 44, rowHeight = 50, top = 20
        let maximum = max(1, loads.map(\.goLives).max() ?? 1)
        var bars: [Model.Bar] = []
        for (row, supplier) in suppliers.enumerated() {
            for load in loads where load.supplierName == supplier {
                let week = monday.days(to: load.weekStarting) / 7
                guard (0..<weeks).contains(week) else { continue }
                let height = max(4, load.goLives * (rowHeight - 14) / maximum)
                bars.append(Model.Bar(x: left + week * columnWidth + 6, y: top + row * rowHeight + (rowHeight - 8 - height), height: height, width: columnWidth - 12,
                                      clash: load.clash, label: "\(supplier), week of \(load.weekStarting.page): \(load.goLives) go-live\(load.goLives == 1 ? "" : "s")\(load.clash ? " (clash)" : "")"))
            }
        }
        let labels = (0..<weeks).filter { $0 % 2 == 0 }.map { week -> Model.Label in
            let day = monday + week * 7
            return Model.Label(x: left + week * columnWidth, y: top + max(1, suppliers.count) * rowHeight + 14, text: "\(day.parts.day) \(Day.shortMonthNames[day.parts.month - 1])")
        }
        let rows = suppliers.enumerated().map { Model.Label(x: 4, y: top + $0.offset * rowHeight + rowHeight / 2, text: $0.element) }
        return (bars, labels, rows, top + max(1, suppliers.count) * rowHeight + 24)
    }

    /// The filtered table as CSV, every page of it.
    @Sendable func csv(req: Request) async throws -> Response {
        let actor = try req.currentUser().actor
        guard req.cutover.policy.seesPortfolio(actor) else { throw WebError(status: .forbidden, title: "Not available", message: "The portfolio is for commissioners and delivery partners.") }
        var (filter, sort) = try self.filter(req)
        let list = MigrationList(sql: req.reads, actor: actor, policy: req.cutover.policy, today: req.cutover.today)
        var lines = ["Practice ODS code,Practice,Old system,New system,Status,Phase,Go-live,Go-live confirmed,Next deadline,Next deadline due,Overdue deadlines,Deadline status,RAG,Why"]
        var number = 1
        while true {
            filter.pagination = Pagination(page: number, per: Pagination.maximumPer)
            let page = try await list.page(filter, sort: MigrationList.Sort(rawValue: sort) ?? .goLive)
            for item in page.items {
                let listed = try item.listed()
                let fields = [listed.practiceOdsCode, listed.practiceName, listed.sourceProduct, listed.targetProduct, listed.status.title,
                              (Phase(id: listed.currentPhase) ?? .decisionAndFunding).title, listed.goLive?.description ?? "", listed.goLiveConfirmed ? "yes" : "no",
                              listed.nextDeadline.flatMap { DeadlineKind(rawValue: $0.id)?.title } ?? "", listed.nextDeadline?.due.description ?? "",
                              String(listed.overdueDeadlines), listed.deadlineStatus, item.rag.colour.rawValue, item.rag.reason]
                lines.append(fields.map(Self.csvField).joined(separator: ","))
            }
            if page.items.count < page.per { break }
            number += 1
        }
        let response = Response(status: .ok, body: .init(string: lines.joined(separator: "\r\n") + "\r\n"))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"cutover-portfolio-\(req.cutover.today).csv\"")
        return response
    }

    /// Quotes a field when needed, once defused (`SpreadsheetField.neutralised`).
    static func csvField(_ value: String) -> String {
        let text = SpreadsheetField.neutralised(value)
        if text.unicodeScalars.contains(where: { ",\"\n\r".unicodeScalars.contains($0) }) { return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        return text
    }
}
