/// The kick-off and the technical survey, as booked, should be within 3 working days of
/// each other.
public struct KickOffSurveyBookingRule: Rule {
    public let id = "kick-off-survey-booking"
    public init() {}

    public func evaluate(_ state: MigrationState) -> [Finding] {
        guard state.status == .registered || state.status == .approved else { return [] }
        let limit = KickOffSurveyApartRule.maximumWorkingDays
        switch (state.kickOff, state.technicalSurvey) {
        case let (kickOff?, survey?):
            let apart = abs(state.planner.calendar.workingDays(from: kickOff, to: survey))
            guard apart > limit else { return [] }
            return [Finding(
                rule: id, subject: "apart", severity: .warning,
                message: "The kick-off is booked for \(kickOff.shortDescription) and the technical survey for \(survey.shortDescription): \(apart) working days apart.",
                milestone: .technicalSurvey,
                action: "Rebook one of them so they are within \(limit) working days of each other.")]
        case let (kickOff?, nil):
            return [Finding(
                rule: id, subject: "survey-not-booked", severity: .info,
                message: "The kick-off is booked for \(kickOff.shortDescription) but the technical survey is not booked yet.",
                milestone: .technicalSurvey,
                action: "Book the technical survey within \(limit) working days of the kick-off.")]
        case let (nil, survey?):
            return [Finding(
                rule: id, subject: "kick-off-not-booked", severity: .info,
                message: "The technical survey is booked for \(survey.shortDescription) but the kick-off is not booked yet.",
                milestone: .kickOff,
                action: "Book the kick-off within \(limit) working days of the survey.")]
        case (nil, nil):
            return []
        }
    }
}
