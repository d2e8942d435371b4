/// Runs the planning rules over a stored migration, with the deadlines its records show as met.
public struct PlanRulesOnState: Rule {
    public let id = "plan"
    let rules: RuleSet<PlanContext>

    public init(_ rules: RuleSet<PlanContext> = .planning) {
        self.rules = rules
    }

    public func evaluate(_ state: MigrationState) -> [Finding] {
        guard state.status != .completed else { return [] }
        return rules.evaluate(state.planContext)
    }
}

extension RuleSet where Subject == MigrationState {
    /// Every rule for a stored migration: the planning rules and those over stored state.
    public static var tracking: RuleSet {
        RuleSet([
            PlanRulesOnState(),
            ScheduleANotCalledOffRule(),
            ScheduleANotAcceptedRule(),
            SubmoduleWithoutScheduleARule(),
            DecommissionScheduleAMissingRule(),
            GoLiveNotConfirmedRule(),
            ExtractRequestNotSentRule(),
            ExtractNotConfirmedRule(),
            ExtractDaysAfterGoLiveRule(),
            KickOffSurveyBookingRule(),
            ServiceStabilityNotRecordedRule(),
            CeaseDateRule(),
        ])
    }
}
