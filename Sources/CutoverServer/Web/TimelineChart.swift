import MigrationKit

/// A plan drawn as an SVG timeline: one bar per phase, deadline markers, today, and shaded
/// blackouts and bank holidays. Coordinates are computed here; the template only draws.
/// Its text equivalent is the plan table beside it.
struct TimelineChart: Encodable {
    struct Bar: Encodable {
        let x: Int, y: Int, width: Int, label: String, dates: String, alongside: Bool
        /// Stored, not computed: Leaf sees only what is encoded.
        let labelY: Int
    }
    struct Marker: Encodable {
        let x: Int, y: Int, label: String
    }
    struct Shade: Encodable {
        let x: Int, width: Int, label: String
    }
    struct Tick: Encodable {
        let x: Int, label: String
    }

    static let labelWidth = 230
    static let chartWidth = 720
    static let rowHeight = 22

    let width: Int
    let height: Int
    let barsTop: Int
    let bars: [Bar]
    let deadlines: [Marker]
    let blackouts: [Shade]
    let holidays: [Shade]
    let months: [Tick]
    let todayX: Int?
    let title: String

    init(plan: Plan, today: Day, blackouts: [Blackout]) {
        let span = plan.span
        let first = min(span.start, today)
        let last = max(span.end, today)
        let days = max(1, first.days(to: last) + 1)
        func x(_ day: Day) -> Int { Self.labelWidth + Int(Double(first.days(to: day)) / Double(days) * Double(Self.chartWidth)) }
        func w(_ range: DayRange) -> Int { max(3, Int(Double(range.dayCount) / Double(days) * Double(Self.chartWidth))) }
        let top = 40
        width = Self.labelWidth + Self.chartWidth + 10
        barsTop = top
        bars = plan.milestones.enumerated().map { index, milestone in
            Bar(x: x(milestone.start), y: top + index * Self.rowHeight, width: w(milestone.window), label: "\(milestone.phase.number). \(milestone.title)",
                dates: milestone.start == milestone.end ? milestone.start.page : "\(milestone.start.page) to \(milestone.end.page)", alongside: milestone.phase.runsAlongside,
                labelY: top + index * Self.rowHeight + 13)
        }
        height = top + plan.milestones.count * Self.rowHeight + 10
        deadlines = plan.deadlines.map { Marker(x: x($0.due), y: 24, label: "\($0.title): \($0.due.page)") }
        let window = DayRange(uncheckedStart: first, end: last)
        self.blackouts = blackouts.filter { $0.range.overlaps(window) }.map { blackout in
            let start = max(blackout.range.start, first), end = min(blackout.range.end, last)
            return Shade(x: x(start), width: w(DayRange(uncheckedStart: start, end: end)), label: "Blackout: \(blackout)")
        }
        holidays = window.days.filter(EnglandAndWalesBankHolidays.isBankHoliday).map {
            Shade(x: x($0), width: max(2, w(DayRange(day: $0))), label: EnglandAndWalesBankHolidays.holiday(on: $0)?.name ?? "Bank holiday")
        }
        var ticks: [Tick] = []
        var day = first
        while day <= last {
            let (year, month, dayOfMonth) = day.parts
            if dayOfMonth == 1 || day == first {
                ticks.append(Tick(x: x(day), label: "\(Day.monthNames[month - 1].prefix(3)) \(year % 100 < 10 ? "0" : "")\(year % 100)"))
            }
            day = day + 1
        }
        months = ticks.count > 14 ? ticks.enumerated().filter { $0.offset % 2 == 0 }.map(\.element) : ticks
        todayX = window.contains(today) ? x(today) : nil
        title = "Plan for go-live on \(plan.goLive.longDescription)"
    }
}

/// The plan as a table: the text equivalent of the timeline.
struct PlanTable: Encodable {
    struct Row: Encodable {
        let number: Int, title: String, start: String, end: String, actual: String
    }
    struct DeadlineRow: Encodable {
        let title: String, due: String, owner: String, status: String, statusText: String
    }

    let rows: [Row]
    let deadlines: [DeadlineRow]

    init(plan: Plan, today: Day, done: Set<DeadlineID>, actuals: [Phase: (Day?, Day?)] = [:]) {
        rows = plan.milestones.map { milestone in
            let actual = actuals[milestone.phase].map { start, end in
                [start?.page, end?.page].compactMap { $0 }.joined(separator: " to ")
            } ?? ""
            return Row(number: milestone.phase.number, title: milestone.title, start: milestone.start.page, end: milestone.end.page, actual: actual)
        }
        deadlines = plan.deadlines.map { deadline in
            let isDone = done.contains(deadline.key)
            let status = isDone ? "done" : deadline.due < today ? "overdue" : "on-track"
            let text = isDone ? "Done" : deadline.due < today ? "Overdue" : countdown(to: deadline.due, from: today).capitalizingFirst
            return DeadlineRow(title: deadline.title, due: deadline.due.page, owner: deadline.owner.title, status: status, statusText: text)
        }
    }
}

/// Findings grouped by severity, in words.
struct FindingList: Encodable {
    struct Item: Encodable {
        let severity: String, severityText: String, message: String, action: String
    }
    let items: [Item]
    let count: Int

    init(_ findings: [Finding]) {
        count = findings.count
        items = findings.map {
            Item(severity: $0.severity.rawValue, severityText: $0.severity == .critical ? "Critical" : $0.severity == .warning ? "Warning" : "Information",
                 message: $0.message, action: $0.action)
        }
    }
}

extension String {
    var capitalizingFirst: String { prefix(1).uppercased() + dropFirst() }
}
