/// The formal sign-offs the guide asks the practice to give, each recorded with who and when
/// (the deployment survey, which carries more, is its own record: `DeploymentSurvey`).
public enum SignOffKind: String, CaseIterable, Sendable, Codable {
    case technicalRequirements = "technical-requirements"
    case dataChecking = "data-checking"
    case goLiveData = "go-live-data"

    public var title: String {
        switch self {
        case .technicalRequirements: "Technical requirements (after the survey)"
        case .dataChecking: "Data checking (by the lead clinician)"
        case .goLiveData: "Go-live data"
        }
    }

    /// The phase in which the sign-off is given.
    public var phase: Phase {
        switch self {
        case .technicalRequirements: .technicalSurvey
        case .dataChecking: .dataRecheckSignOff
        case .goLiveData: .goLive
        }
    }
}
