/// The fifteen phases of a practice migration, in process order (numbers as in the guide).
public enum Phase: Int, CaseIterable, Sendable, Comparable, Codable {
    case decisionAndFunding = 1
    case procurement
    case kickOff
    case technicalSurvey
    case preMigration
    case initialDataProduction
    case dataChecking
    case dataRecheckSignOff
    case cutoverPlanning
    case training
    case finalDataProduction
    case cutover
    case goLive
    case postGoLive
    case endOfMigration

    public static func < (lhs: Phase, rhs: Phase) -> Bool { lhs.rawValue < rhs.rawValue }

    public var number: Int { rawValue }

    /// The go-live and the end of the migration are recorded by their own steps, which check
    /// what each needs; the other phases' actual dates are recorded as milestones.
    public var hasItsOwnStep: Bool { self == .goLive || self == .endOfMigration }

    /// The stable id used in JSON, URLs and the database.
    public var id: String {
        switch self {
        case .decisionAndFunding: "decision-and-funding"
        case .procurement: "procurement"
        case .kickOff: "kick-off"
        case .technicalSurvey: "technical-survey"
        case .preMigration: "pre-migration"
        case .initialDataProduction: "initial-data-production"
        case .dataChecking: "data-checking"
        case .dataRecheckSignOff: "data-recheck-sign-off"
        case .cutoverPlanning: "cutover-planning"
        case .training: "training"
        case .finalDataProduction: "final-data-production"
        case .cutover: "cutover"
        case .goLive: "go-live"
        case .postGoLive: "post-go-live"
        case .endOfMigration: "end-of-migration"
        }
    }

    public var title: String {
        switch self {
        case .decisionAndFunding: "Decision to migrate and funding"
        case .procurement: "Procurement"
        case .kickOff: "Kick-off meeting"
        case .technicalSurvey: "Technical survey"
        case .preMigration: "Pre-migration tasks"
        case .initialDataProduction: "Initial data production"
        case .dataChecking: "Data checking"
        case .dataRecheckSignOff: "Data recheck and sign-off"
        case .cutoverPlanning: "Cut-over planning and preparation"
        case .training: "Training"
        case .finalDataProduction: "Final data production"
        case .cutover: "Cut-over period"
        case .goLive: "Go-live"
        case .postGoLive: "Post go-live"
        case .endOfMigration: "End of migration"
        }
    }

    /// Training and cut-over planning run alongside the main sequence rather than in turn.
    public var runsAlongside: Bool { self == .training || self == .cutoverPlanning }

    public init?(id: String) {
        guard let phase = Phase.allCases.first(where: { $0.id == id }) else { return nil }
        self = phase
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int.self), let phase = Phase(rawValue: number) {
            self = phase
        } else if let id = try? container.decode(String.self), let phase = Phase(id: id) {
            self = phase
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "unknown phase: use a number from 1 to 15 or an id such as kick-off")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(id)
    }
}
