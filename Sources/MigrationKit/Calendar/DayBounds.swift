/// The days Cutover accepts from people, one set for every date field: a plan reaches at
/// most about five years ahead, and a record of what happened at most about five years
/// back. Outside them a day is a typing slip (0415 for 2025), and year 9999 has no bank
/// holidays to plan with.
public struct DayBounds: Sendable {
    public static let reachDays = 5 * 366

    public let today: Day

    public init(today: Day) {
        self.today = today
    }

    public var earliest: Day { today - Self.reachDays }
    public var latest: Day { today + Self.reachDays }

    /// A day something is planned for: today or later, within reach.
    public func future(_ day: Day, field: String) throws(WorkflowError) -> Day {
        guard day >= today else { throw .invalid(field: field, message: "\(day) has already passed") }
        return try within(day, field: field)
    }

    /// A day something happened: today or earlier, within reach.
    public func past(_ day: Day, field: String) throws(WorkflowError) -> Day {
        guard day <= today else { throw .invalid(field: field, message: "\(day) is in the future: record what has happened") }
        return try within(day, field: field)
    }

    /// Any day within reach (a blackout may have started already).
    public func within(_ day: Day, field: String) throws(WorkflowError) -> Day {
        guard earliest <= day, day <= latest else {
            throw .invalid(field: field, message: "\(day) is out of range: use a day from \(earliest) to \(latest)")
        }
        return day
    }
}
