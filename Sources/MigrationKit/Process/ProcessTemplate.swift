/// The shape of a migration: how long each phase lasts and how much notice each party
/// needs. The defaults sit within the guide's ranges; every value can be overridden per
/// migration (and the extract notice per supplier).
///
/// Durations marked "working days" skip weekends, bank holidays and blackouts;
/// notice periods marked "calendar days" are counted as the guide counts them.
public struct ProcessTemplate: Hashable, Sendable, Codable {
    /// Decision to migrate and funding, before procurement starts (working days).
    public var decisionAndFundingDays = 10
    /// Procurement of the new system: 1 to 2 weeks (working days) from the Schedule A
    /// call-off to the supplier's acceptance and go-live date confirmation.
    public var procurementDays = 10
    /// The Schedule As are called off at least this long before go-live (calendar days; the
    /// current NHS guide puts order to go-live at 12 to 16 weeks).
    public var orderToGoLiveDays = 84
    /// Working days from the kick-off meeting to the technical survey (the guide: within a few days).
    public var kickOffToSurveyDays = 2
    /// Pre-migration tasks: 1 to 2 weeks (working days).
    public var preMigrationDays = 10
    /// Data checking: 2 to 3 rounds of 3 to 5 days (working days).
    public var dataCheckingDays = 10
    /// Data recheck and sign-off: 1 to 5 days (working days).
    public var dataRecheckSignOffDays = 3
    /// Working days from final data production to go-live (the cut-over period).
    public var cutoverDays = 3
    /// Post go-live: 5 days to 2 weeks (working days).
    public var postGoLiveDays = 10

    /// Notice the old system's supplier needs before initial data production (calendar days).
    public var dataExtractNoticeDays = 35
    /// Notice EPS needs before the cut-over (calendar days).
    public var epsNoticeDays = 35
    /// Notice other linked services and third parties need before the cut-over (calendar days).
    public var thirdPartyNoticeDays = 5
    /// The cut-over planning meeting happens at least this long before final data production (calendar days).
    public var cutoverPlanningMeetingDays = 28
    /// Links are switched off this many working days before final data production (the guide: 1 to 2).
    public var linksSwitchOffDays = 1
    /// Bowel screening messages stop this many working days before the cut-over.
    public var bowelScreeningPauseDays = 2
    /// The deployment survey is due this many working days after go-live.
    public var deploymentSurveyDays = 10
    /// Read-only access to the old system after go-live (calendar days; the guide's standard is 45).
    public var runOffDays = 45
    /// Maintenance support for the old system after go-live (calendar days; the guide: 3 months).
    public var legacySupportDays = 90
    /// The commissioner confirms service stability (payment milestone M2) within this many
    /// calendar days of go-live.
    public var serviceStabilityDays = 60

    public init() {}

    public static let standard = ProcessTemplate()

    /// The fields, by their JSON names, with the range each may take.
    /// (Computed because key paths are not `Sendable`; it is read only when validating.)
    static var limits: [(name: String, keyPath: WritableKeyPath<ProcessTemplate, Int>, range: ClosedRange<Int>)] {[
        ("decisionAndFundingDays", \.decisionAndFundingDays, 0...260),
        ("procurementDays", \.procurementDays, 1...130),
        ("orderToGoLiveDays", \.orderToGoLiveDays, 0...730),
        ("kickOffToSurveyDays", \.kickOffToSurveyDays, 0...60),
        ("preMigrationDays", \.preMigrationDays, 1...130),
        ("dataCheckingDays", \.dataCheckingDays, 1...130),
        ("dataRecheckSignOffDays", \.dataRecheckSignOffDays, 1...60),
        ("cutoverDays", \.cutoverDays, 1...60),
        ("postGoLiveDays", \.postGoLiveDays, 1...130),
        ("dataExtractNoticeDays", \.dataExtractNoticeDays, 0...365),
        ("epsNoticeDays", \.epsNoticeDays, 0...365),
        ("thirdPartyNoticeDays", \.thirdPartyNoticeDays, 0...365),
        ("cutoverPlanningMeetingDays", \.cutoverPlanningMeetingDays, 0...365),
        ("linksSwitchOffDays", \.linksSwitchOffDays, 1...2),
        ("bowelScreeningPauseDays", \.bowelScreeningPauseDays, 0...30),
        ("deploymentSurveyDays", \.deploymentSurveyDays, 1...260),
        ("runOffDays", \.runOffDays, 0...730),
        ("legacySupportDays", \.legacySupportDays, 0...1095),
        ("serviceStabilityDays", \.serviceStabilityDays, 1...365),
    ]}

    /// Checks every value against its range, naming the first one out of it.
    public func validate() throws(ProcessTemplateError) {
        for limit in Self.limits where !limit.range.contains(self[keyPath: limit.keyPath]) {
            throw ProcessTemplateError(field: limit.name, value: self[keyPath: limit.keyPath], allowed: limit.range)
        }
    }

    /// Copies `overrides` onto this template, checking each value; unknown names are refused.
    public func applying(_ overrides: [String: Int]) throws(ProcessTemplateError) -> ProcessTemplate {
        var copy = self
        for (name, value) in overrides.sorted(by: { $0.key < $1.key }) {
            guard let limit = Self.limits.first(where: { $0.name == name }) else {
                throw ProcessTemplateError(field: name, value: value, allowed: nil)
            }
            copy[keyPath: limit.keyPath] = value
        }
        try copy.validate()
        return copy
    }

    /// The values that differ from the standard template, by JSON name.
    public var overrides: [String: Int] {
        var result: [String: Int] = [:]
        for limit in Self.limits where self[keyPath: limit.keyPath] != Self.standard[keyPath: limit.keyPath] {
            result[limit.name] = self[keyPath: limit.keyPath]
        }
        return result
    }
}

public struct ProcessTemplateError: Error, Equatable, Sendable, CustomStringConvertible {
    public let field: String
    public let value: Int
    /// nil when the field does not exist.
    public let allowed: ClosedRange<Int>?

    public var description: String {
        guard let allowed else { return "\(field) is not a setting of the migration process" }
        return "\(field) must be between \(allowed.lowerBound) and \(allowed.upperBound), not \(value)"
    }
}
