import MigrationKit

/// A plan drawn as an SVG timeline: one bar per phase (done phases apart from planned
/// ones), deadline marks, today and the go-live labelled, months named in full ("Jan
/// 2027"), and shaded blackouts and bank holidays, which are also listed in words below it.
/// Coordinates are computed here; the template only draws. Its text equivalent is the plan
/// table beside it, and on a narrow screen only the table is shown.
struct TimelineChart: Encodable {
    struct Bar: Encodable {
        let x: Int, y: Int, width: Int, label: String, dates: String, alongside: Bool, done: Bool
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
    /// A labelled vertical line (today, the go-live), its label kept inside the chart.
    struct Line: Encodable {
        let x: Int, label: String, labelX: Int, labelY: Int, anchor: String
    }

    static let labelWidth = 230
    static let chartWidth = 720
    static let rowHeight = 22
    /// Month names need about this much room; closer ticks are thinned out.
    static let tickSpacing = 64

    let width: Int
    let height: Int
    let barsTop: Int
    let bars: [Bar]
    let deadlines: [Marker]
    let blackouts: [Shade]
    let holidays: [Shade]
    let months: [Tick]
    let today: Line?
    let goLive: Line
    let linesBottom: Int
    let title: String
    /// The shaded days in words, for those who cannot see or hover over the chart.
    let shadedInWords: [String]

    init(plan: Plan, today: Day, blackouts: [Blackout], done: Set<Phase> = []) {
        let span = plan.span
        let first = min(span.start, today)
        let last = max(span.end, today)
        let days = max(1, first.days(to: last) + 1)
        func x(_ day: Day) -> Int { Self.labelWidth + Int(Double(first.days(to: day)) / Double(days) * Double(Self.chartWidth)) }
        func w(_ range: DayRange) -> Int { max(3, Int(Double(range.dayCount) / Double(days) * Double(Self.chartWidth))) }
        let top = 48
        let right = Self.labelWidth + Self.chartWidth + 10
        width = right
        barsTop = top
        bars = plan.milestones.enumerated().map { index, milestone in
            let isDone = done.contains(milestone.phase)
            return Bar(x: x(milestone.start), y: top + index * Self.rowHeight, width: w(milestone.window),
                       label: "\(milestone.phase.number). \(milestone.title)\(isDone ? " (done)" : "")",
                       dates: milestone.start == milestone.end ? milestone.start.page : "\(milestone.start.page) to \(milestone.end.page)",
                       alongside: milestone.phase.runsAlongside, done: isDone, labelY: top + index * Self.rowHeight + 13)
        }
        let barsBottom = top + plan.milestones.count * Self.rowHeight
        linesBottom = barsBottom + 4
        height = barsBottom + 34
        deadlines = plan.deadlines.map { Marker(x: x($0.due), y: 30, label: "\($0.title): \($0.due.page)") }
        let window = DayRange(uncheckedStart: first, end: last)
        let shownBlackouts = blackouts.filter { $0.range.overlaps(window) }
        self.blackouts = shownBlackouts.map { blackout in
            let start = max(blackout.range.start, first), end = min(blackout.range.end, last)
            return Shade(x: x(start), width: w(DayRange(uncheckedStart: start, end: end)), label: "Blackout: \(blackout)")
        }
        // Each holiday named once: naming one works out its year's holidays again.
        let holidayDays = window.days.filter(EnglandAndWalesBankHolidays.isBankHoliday)
            .map { (day: $0, name: EnglandAndWalesBankHolidays.holiday(on: $0)?.name ?? "Bank holiday") }
        holidays = holidayDays.map { Shade(x: x($0.day), width: max(2, w(DayRange(day: $0.day))), label: $0.name) }
        shadedInWords = holidayDays.map { "\($0.name), \($0.day.longDescription)" } + shownBlackouts.map { "Blackout: \($0)" }

        // A tick on the first of each month, named "Jan 2027"; every second or third
        // month when they would crowd each other.
        var ticks: [Tick] = []
        var day = first
        while day <= last {
            let (year, month, dayOfMonth) = day.parts
            if dayOfMonth == 1 { ticks.append(Tick(x: x(day), label: "\(Day.shortMonthNames[month - 1]) \(year)")) }
            day = day + 1
        }
        let gap = ticks.count > 1 ? ticks[1].x - ticks[0].x : Self.tickSpacing
        let step = max(1, Int((Double(Self.tickSpacing) / Double(max(gap, 1))).rounded(.up)))
        months = ticks.enumerated().filter { $0.offset % step == 0 && $0.element.x + Self.tickSpacing / 2 <= right }.map(\.element)

        // Labels sit beside their line, on whichever side has room.
        func line(_ day: Day, _ label: String, row: Int) -> Line {
            let lx = x(day)
            let fits = lx + 4 + label.count * 7 <= right
            return Line(x: lx, label: label, labelX: fits ? lx + 4 : lx - 4, labelY: barsBottom + 14 + row * 14, anchor: fits ? "start" : "end")
        }
        self.today = window.contains(today) ? line(today, "Today", row: 0) : nil
        goLive = line(plan.goLive, "Go-live \(plan.goLive.page)", row: 1)
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
