import Foundation

/// What one migration adds to the portfolio's counts. The server keeps their sums per
/// audience, changed with the migration in the same transaction, so that a portfolio reads
/// a few dozen sums rather than every migration its reader sees (ten thousand for a CSU).
///
/// Nothing here depends on the day: which deadlines are overdue is asked of the sums when
/// they are read (those due before today), so the sums stay right as days pass.
public struct PortfolioEntry: Hashable, Sendable {
    /// Who sees the migration, in order (`AccessPolicy.audiences(of:)`).
    public let audiences: [Audience]
    /// The phase as stored (`Phase.rawValue`).
    public let phase: Int
    public let status: MigrationStatus
    /// The go-live the lists sort by: actual, else confirmed, else provisional.
    public let goLive: Day?
    public let newSystemSupplier: UUID
    /// The days the deadlines not yet met fall due, earliest first, a day once per deadline.
    public let openDeadlines: [Day]

    public init(audiences: Set<Audience>, phase: Int, status: MigrationStatus, goLive: Day?, newSystemSupplier: UUID, openDeadlines: [Day]) {
        self.audiences = audiences.sorted()
        self.phase = phase
        self.status = status
        self.goLive = goLive
        self.newSystemSupplier = newSystemSupplier
        self.openDeadlines = openDeadlines.sorted()
    }

    /// What the sums are kept by.
    public enum Measure: String, Sendable, CaseIterable {
        /// Migrations by phase and status: "3 registered".
        case stage
        /// Migrations by the week of their go-live (its Monday) and the new system's
        /// supplier: "2027-06-14 0F1E…", the portfolio's go-lives per week.
        case goLiveWeek = "go-live-week"
        /// Open deadlines by the day they fall due.
        case due
        /// Migrations by the day their earliest open deadline falls due: those before
        /// today are the migrations with an overdue deadline.
        case firstDue = "first-due"
    }

    /// One sum: a measure's value for one audience.
    public struct Bucket: Hashable, Sendable {
        public let audience: Audience
        public let measure: Measure
        public let value: String

        public init(audience: Audience, measure: Measure, value: String) {
            self.audience = audience
            self.measure = measure
            self.value = value
        }
    }

    public static func stageValue(phase: Int, status: MigrationStatus) -> String { "\(phase) \(status.rawValue)" }

    public static func goLiveWeekValue(_ day: Day, supplier: UUID) -> String { "\(day.monday) \(supplier.uuidString)" }

    /// The phase and status of a `stage` value; nil for a value that is not one.
    public static func stage(of value: String) -> (phase: Int, status: MigrationStatus)? {
        let parts = value.split(separator: " ")
        guard parts.count == 2, let phase = Int(parts[0]), let status = MigrationStatus(rawValue: String(parts[1])) else { return nil }
        return (phase, status)
    }

    /// The Monday and supplier of a `goLiveWeek` value; nil for a value that is not one.
    /// Read from the bytes: a portfolio reads a few hundred, and splitting strings and
    /// Foundation's `UUID(uuidString:)` cost more than the rest of the request.
    public static func goLiveWeek(of value: String) -> (monday: Day, supplier: UUID)? {
        var value = value
        return value.withUTF8 { bytes in
            guard bytes.count > 11, bytes[10] == UInt8(ascii: " "), let monday = Day(iso: bytes[..<10]),
                  let supplier = UUID(utf8: bytes[11...]) else { return nil }
            return (monday, supplier)
        }
    }

    /// How much this migration adds to each sum.
    public var counts: [Bucket: Int] {
        var values: [(Measure, String)] = [(.stage, Self.stageValue(phase: phase, status: status))]
        if let goLive { values.append((.goLiveWeek, Self.goLiveWeekValue(goLive, supplier: newSystemSupplier))) }
        values += openDeadlines.map { (.due, $0.description) }
        if let first = openDeadlines.first { values.append((.firstDue, first.description)) }
        var counts: [Bucket: Int] = [:]
        for audience in audiences {
            for (measure, value) in values { counts[Bucket(audience: audience, measure: measure, value: value), default: 0] += 1 }
        }
        return counts
    }

    /// What the sums change by when a migration's entry goes from `old` to `new` (nil for
    /// none): only the sums that move.
    public static func change(from old: PortfolioEntry?, to new: PortfolioEntry?) -> [Bucket: Int] {
        var change = new?.counts ?? [:]
        for (bucket, n) in old?.counts ?? [:] { change[bucket, default: 0] -= n }
        return change.filter { $0.value != 0 }
    }
}

extension PortfolioEntry {
    /// The entry as kept beside the migration, so that the next change subtracts exactly
    /// what was added: fields apart with "|", lists with ",".
    public var text: String {
        [audiences.map(\.key).joined(separator: ","), String(phase), status.rawValue, goLive?.description ?? "",
         newSystemSupplier.uuidString, openDeadlines.map(\.description).joined(separator: ",")].joined(separator: "|")
    }

    /// An entry from its `text`; nil when the text is not one.
    public init?(text: String) {
        let fields = text.split(separator: "|", omittingEmptySubsequences: false)
        guard fields.count == 6, let phase = Int(fields[1]), let status = MigrationStatus(rawValue: String(fields[2])),
              let supplier = UUID(uuidString: String(fields[4])) else { return nil }
        let goLive = fields[3].isEmpty ? nil : Day(String(fields[3]))
        guard fields[3].isEmpty || goLive != nil else { return nil }
        let dues = fields[5].split(separator: ",").map { Day(String($0)) }
        guard !dues.contains(nil) else { return nil }
        self.init(audiences: Set(fields[0].split(separator: ",").map { Audience(key: String($0)) }), phase: phase, status: status,
                  goLive: goLive, newSystemSupplier: supplier, openDeadlines: dues.compactMap { $0 })
    }
}

extension MigrationAggregate {
    /// What this migration adds to the portfolio's counts; `state` is its state as saved
    /// (`state(today:)`), whose plan's deadlines not yet met are the open ones.
    public func portfolioEntry(state: MigrationState?) -> PortfolioEntry {
        let done = state?.deadlinesDone ?? []
        return PortfolioEntry(
            audiences: AccessPolicy.audiences(of: parties), phase: record.currentPhase, status: record.status, goLive: record.planGoLive,
            newSystemSupplier: record.targetSupplierID,
            openDeadlines: state?.plan.deadlines.filter { !done.contains($0.key) }.map(\.due) ?? [])
    }
}
