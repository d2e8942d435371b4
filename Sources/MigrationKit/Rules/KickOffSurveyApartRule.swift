/// The kick-off meeting and the technical survey belong within a few days of each other.
public struct KickOffSurveyApartRule: Rule {
    public let id = "kick-off-survey-apart"
    public static let maximumWorkingDays = 3
    public init() {}

    public func evaluate(_ context: PlanContext) -> [Finding] {
        let kickOff = context.plan.milestone(.kickOff).start
        let survey = context.plan.milestone(.technicalSurvey).start
        let apart = abs(context.calendar.workingDays(from: kickOff, to: survey))
        guard apart > Self.maximumWorkingDays else { return [] }
        return [Finding(
            rule: id, severity: .warning,
            message: "The kick-off (\(kickOff.shortDescription)) and the technical survey (\(survey.shortDescription)) are \(apart) working days apart.",
            milestone: .technicalSurvey,
            action: "Book them within \(Self.maximumWorkingDays) working days of each other so the survey can act on what the kick-off agreed.")]
    }
}
