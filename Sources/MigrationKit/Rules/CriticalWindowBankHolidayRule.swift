/// A bank holiday inside the critical days shortens the cut-over and leaves the practice
/// without supplier support when it needs it most.
public struct CriticalWindowBankHolidayRule: Rule {
    public let id = "critical-window-bank-holiday"
    public init() {}

    public func evaluate(_ context: PlanContext) -> [Finding] {
        context.plan.criticalWindow.days.compactMap { day in
            guard let holiday = EnglandAndWalesBankHolidays.holiday(on: day) else { return nil }
            return Finding(
                rule: id, subject: day.description, severity: .warning,
                message: "\(holiday.name) (\(day.longDescription)) falls in the critical days between final data production and two days after go-live.",
                milestone: .cutover,
                action: "Consider moving go-live so the cut-over does not span a bank holiday, or confirm supplier cover for it.")
        }
    }
}
