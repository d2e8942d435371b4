/// The formal sign-offs the guide asks the practice to give, each recorded with who and when.
public enum SignOffKind: String, CaseIterable, Sendable, Codable {
    case technicalRequirements = "technical-requirements"
    case dataChecking = "data-checking"
    case goLiveData = "go-live-data"
    case deploymentSurvey = "deployment-survey"

    public var title: String {
        switch self {
        case .technicalRequirements: "Technical requirements (after the survey)"
        case .dataChecking: "Data checking (by the lead clinician)"
        case .goLiveData: "Go-live data"
        case .deploymentSurvey: "Deployment survey"
        }
    }

    /// The phase in which the sign-off is given.
    public var phase: Phase {
        switch self {
        case .technicalRequirements: .technicalSurvey
        case .dataChecking: .dataRecheckSignOff
        case .goLiveData: .goLive
        case .deploymentSurvey: .endOfMigration
        }
    }
}
