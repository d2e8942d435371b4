import MigrationKit

/// What the audit log keeps of a migration record when its details change (creation, an
/// edit): everything the editor could see. Only those who see the whole migration read it.
struct MigrationSnapshot: Codable {
    let status: MigrationStatus
    let businessCase: BusinessCase
    let provisionalGoLive: Day?
    let confirmedGoLive: Day?
    let actualGoLive: Day?
    let blackouts: [Blackout]
    let overrides: [String: Int]

    init(_ record: MigrationRow) {
        status = record.status
        businessCase = record.businessCase
        provisionalGoLive = record.provisionalGoLive
        confirmedGoLive = record.confirmedGoLive
        actualGoLive = record.actualGoLive
        blackouts = record.blackouts
        overrides = record.overrides
    }
}

/// What the audit log keeps when a step moves a migration on (approval, go-live dates,
/// registration, go-live, end): its status and dates, nothing else, so the event holds
/// only what every reader of it may see.
struct MigrationDatesSnapshot: Codable {
    let status: MigrationStatus
    let provisionalGoLive: Day?
    /// Parties that have agreed to the provisional go-live.
    let provisionalGoLiveAgreedBy: [Party]
    let confirmedGoLive: Day?
    let actualGoLive: Day?
    let endedOn: Day?

    init(_ record: MigrationRow) {
        status = record.status
        provisionalGoLive = record.provisionalGoLive
        provisionalGoLiveAgreedBy = ProvisionalGoLive.agreeingParties.filter { record.provisional?.agreements[$0] != nil }
        confirmedGoLive = record.confirmedGoLive
        actualGoLive = record.actualGoLive
        endedOn = record.endedOn
    }
}
