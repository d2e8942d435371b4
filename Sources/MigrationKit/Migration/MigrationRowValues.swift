import Foundation

/// What a migration row's columns mean: the business case, the JSON columns as values, and
/// the go-live the plan is built on.
extension MigrationRow {
    /// The go-live the plan is built on: the day it went live, else the supplier's confirmed
    /// day, else the provisional one.
    public var planGoLive: Day? { actualGoLive ?? confirmedGoLive ?? provisionalGoLive }

    public var businessCase: BusinessCase {
        get { BusinessCase(drivers: drivers, considerations: considerations, strategicFit: strategicFit) }
        set {
            drivers = newValue.drivers
            considerations = newValue.considerations
            strategicFit = newValue.strategicFit
        }
    }

    /// The commissioner's return of the business case, until the practice revises it.
    public var returnedBusinessCase: ReturnedBusinessCase? {
        get {
            guard let day = businessCaseReturnedOn else { return nil }
            return ReturnedBusinessCase(reason: businessCaseReturnReason ?? "", returnedOn: day)
        }
        set {
            businessCaseReturnedOn = newValue?.returnedOn
            businessCaseReturnReason = newValue?.reason
        }
    }

    // The JSON columns are read each time a plan is worked out, several times a request, and
    // most hold nothing: an empty one is answered without a JSON decoder.
    public var overrides: [String: Int] {
        get { overridesJSON == "{}" ? [:] : JSONText.decode([String: Int].self, overridesJSON) ?? [:] }
        set { overridesJSON = JSONText.encode(newValue) }
    }

    public var blackouts: [Blackout] {
        get { blackoutsJSON == "[]" ? [] : JSONText.decode([Blackout].self, blackoutsJSON) ?? [] }
        set { blackoutsJSON = JSONText.encode(newValue) }
    }

    /// Deadlines marked met by hand, with the day.
    public var metDeadlines: [String: Day] {
        get { metDeadlinesJSON == "{}" ? [:] : JSONText.days(metDeadlinesJSON) ?? [:] }
        set { metDeadlinesJSON = JSONText.encode(newValue) }
    }

    /// The provisional go-live with who has agreed to it; setting it stores both.
    public var provisional: ProvisionalGoLive? {
        get {
            provisionalGoLive.map {
                let agreed = JSONText.days(provisionalGoLiveAgreementsJSON) ?? [:]
                return ProvisionalGoLive(day: $0, agreements: Dictionary(uniqueKeysWithValues: agreed.compactMap { key, day in Party(rawValue: key).map { ($0, day) } }))
            }
        }
        set {
            provisionalGoLive = newValue?.day
            provisionalGoLiveAgreementsJSON = JSONText.encode(Dictionary(uniqueKeysWithValues: (newValue?.agreements ?? [:]).map { ($0.key.rawValue, $0.value) }))
        }
    }

    /// The standard template with this migration's overrides. Most have none, and the
    /// standard one is valid (`ProcessTemplateTests`): checking it again through key
    /// paths on every plan was 1.6% of a migration read.
    public var template: ProcessTemplate {
        overridesJSON == "{}" ? .standard : (try? ProcessTemplate.standard.applying(overrides)) ?? .standard
    }
}
