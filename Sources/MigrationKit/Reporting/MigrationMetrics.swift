import Foundation

/// How migrations actually went, from their outcomes: each phase's actual end against its
/// plan, the cut-over's length per old-to-new supplier pair (as the NHS measured it, from
/// the old system's last busy day to the new system's first), and how many migrations
/// started each phase in each month.
public struct MigrationMetrics: Sendable {
    /// Count, mean, median, shortest and longest of some whole numbers of days.
    public struct Summary: Sendable, Equatable {
        public let count: Int
        public let mean: Double
        public let median: Double
        public let shortest: Int
        public let longest: Int

        /// Nil for no values.
        public init?(_ values: [Int]) {
            guard !values.isEmpty else { return nil }
            let sorted = values.sorted()
            count = sorted.count
            mean = Double(sorted.reduce(0, +)) / Double(sorted.count)
            median = sorted.count % 2 == 1 ? Double(sorted[sorted.count / 2]) : Double(sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
            shortest = sorted[0]
            longest = sorted[sorted.count - 1]
        }
    }

    /// One phase's actual ends against its planned ends, over the migrations that finished it.
    public struct PhaseTimeliness: Sendable {
        public let phase: Phase
        /// Finished, with a planned end to compare against.
        public let finished: Int
        /// Finished on or before the planned end.
        public let onTime: Int
        /// Days after the planned end (negative: early).
        public let daysLate: Summary?

        /// The share finished on time, nil when none finished.
        public var onTimeRate: Double? { finished == 0 ? nil : Double(onTime) / Double(finished) }
    }

    /// The cut-over's length for one old-to-new supplier pair, in calendar and working days.
    public struct CutoverLength: Sendable {
        public let oldSupplier: String
        public let newSupplier: String
        public let calendarDays: Summary
        public let workingDays: Summary
    }

    /// How many migrations started a phase in a month ("2026-11").
    public struct MonthlyStarts: Sendable, Equatable {
        public let month: String
        public let phase: Phase
        public let started: Int
    }

    public let migrations: Int
    public let phases: [PhaseTimeliness]
    public let cutovers: [CutoverLength]
    public let months: [MonthlyStarts]

    public init(_ outcomes: [MigrationOutcome], calendar: WorkingCalendar = WorkingCalendar()) {
        migrations = outcomes.count
        let records = outcomes.flatMap(\.phases)
        phases = Phase.allCases.map { phase in
            let late = records.filter { $0.phase == phase }.compactMap { record -> Int? in
                guard let planned = record.plannedEnd, let actual = record.actualEnd else { return nil }
                return planned.days(to: actual)
            }
            return PhaseTimeliness(phase: phase, finished: late.count, onTime: late.count { $0 <= 0 }, daysLate: Summary(late))
        }
        var lengths: [String: (old: String, new: String, calendar: [Int], working: [Int])] = [:]
        for outcome in outcomes {
            guard let last = outcome.lastDayOnOldSystem, let first = outcome.actualGoLive, last <= first else { continue }
            let pair = outcome.oldSupplier + "\u{0}" + outcome.newSupplier
            lengths[pair, default: (outcome.oldSupplier, outcome.newSupplier, [], [])].calendar.append(last.days(to: first))
            lengths[pair]!.working.append(calendar.workingDays(from: last, to: first))
        }
        cutovers = lengths.values.compactMap { pair in
            guard let calendarDays = Summary(pair.calendar), let workingDays = Summary(pair.working) else { return nil }
            return CutoverLength(oldSupplier: pair.old, newSupplier: pair.new, calendarDays: calendarDays, workingDays: workingDays)
        }.sorted { ($0.oldSupplier, $0.newSupplier) < ($1.oldSupplier, $1.newSupplier) }
        var starts: [String: Int] = [:]
        for record in records {
            guard let start = record.actualStart else { continue }
            starts[Self.month(start) + "\u{0}" + String(record.phase.rawValue), default: 0] += 1
        }
        months = starts.map { key, count in
            let parts = key.split(separator: "\u{0}")
            return MonthlyStarts(month: String(parts[0]), phase: Phase(rawValue: Int(parts[1])!)!, started: count)
        }.sorted { ($0.month, $0.phase) < ($1.month, $1.phase) }
    }

    /// "2026-11".
    static func month(_ day: Day) -> String {
        String(day.description.prefix(7))
    }
}
