/// What the planning rules read: a plan, the calendar it was made with, and today.
public struct PlanContext: Sendable {
    public let plan: Plan
    public let calendar: WorkingCalendar
    public let today: Day
    /// Deadlines already met, which can no longer be missed.
    public let done: Set<DeadlineID>

    public init(plan: Plan, calendar: WorkingCalendar, today: Day, done: Set<DeadlineID> = []) {
        self.plan = plan
        self.calendar = calendar
        self.today = today
        self.done = done
    }
}

extension RuleSet where Subject == PlanContext {
    /// The rules drawn from the guide's lessons that need only a plan and today.
    public static var planning: RuleSet {
        RuleSet([
            GoLiveNonWorkingDayRule(),
            DeadlineMissedRule(),
            DeadlineDueSoonRule(),
            CriticalWindowBlackoutRule(),
            CriticalWindowBankHolidayRule(),
            KickOffSurveyApartRule(),
            CutoverLengthRule(),
            RunOffTooShortRule(),
        ])
    }
}
