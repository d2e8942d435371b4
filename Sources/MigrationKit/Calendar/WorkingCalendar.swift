/// Which days a migration can use: not weekends, not England and Wales bank holidays,
/// and not the practice's own blackout periods.
public struct WorkingCalendar: Sendable {
    public let blackouts: [Blackout]

    public init(blackouts: [Blackout] = []) {
        self.blackouts = blackouts
    }

    public func isWorkingDay(_ day: Day) -> Bool {
        !day.isWeekend && !EnglandAndWalesBankHolidays.isBankHoliday(day) && blackout(on: day) == nil
    }

    /// Why `day` cannot be used, or nil when it can.
    public func reasonNotWorking(_ day: Day) -> String? {
        if day.isWeekend { return day.weekday.name }
        if let holiday = EnglandAndWalesBankHolidays.holiday(on: day) { return holiday.name }
        if let blackout = blackout(on: day) { return blackout.reason.isEmpty ? "blackout" : blackout.reason }
        return nil
    }

    public func blackout(on day: Day) -> Blackout? {
        blackouts.first { $0.range.contains(day) }
    }

    /// `day` itself when it is a working day, otherwise the first working day after it.
    public func workingDay(onOrAfter day: Day) -> Day {
        var day = day
        while !isWorkingDay(day) { day = day + 1 }
        return day
    }

    /// `day` itself when it is a working day, otherwise the last working day before it.
    public func workingDay(onOrBefore day: Day) -> Day {
        var day = day
        while !isWorkingDay(day) { day = day - 1 }
        return day
    }

    /// The working day `count` working days away from `day` (backwards when negative).
    /// `day` itself need not be a working day; it is never counted.
    public func adding(workingDays count: Int, to day: Day) -> Day {
        var day = day
        var left = abs(count)
        let step = count < 0 ? -1 : 1
        while left > 0 {
            day = day + step
            if isWorkingDay(day) { left -= 1 }
        }
        return day
    }

    /// Working days strictly after `from` up to and including `to`; negative when `to` is
    /// before `from`, zero when they are the same day. A plain loop, never recursion: it is
    /// asked with equal, adjacent and reversed days.
    public func workingDays(from: Day, to: Day) -> Int {
        let (first, last, sign) = from <= to ? (from, to, 1) : (to, from, -1)
        var count = 0
        var day = first + 1
        while day <= last {
            if isWorkingDay(day) { count += 1 }
            day = day + 1
        }
        return sign * count
    }
}
