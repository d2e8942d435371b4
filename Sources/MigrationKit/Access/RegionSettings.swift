/// Who takes the steps that differ from region to region. The guide: the delivery partner
/// usually registers the migration, calls off the Schedule As and asks for extract forms,
/// but some areas give these to the commissioner or the practice.
public struct RegionSettings: Hashable, Sendable, Codable {
    public var registersMigration: Party = .deliveryPartner
    public var callsOffScheduleAs: Party = .deliveryPartner
    public var requestsExtractForms: Party = .deliveryPartner
    /// Who keeps the area's order records (the commissioner or the delivery partner): it
    /// confirms the deployment survey, which sets actual M1, and records the cease date.
    public var administersOrderRecords: Party = .deliveryPartner

    /// The parties that may keep the order records.
    public static let orderRecordAdministrators: [Party] = [.commissioner, .deliveryPartner]

    public init() {}

    public init(registersMigration: Party, callsOffScheduleAs: Party, requestsExtractForms: Party, administersOrderRecords: Party = .deliveryPartner) {
        self.registersMigration = registersMigration
        self.callsOffScheduleAs = callsOffScheduleAs
        self.requestsExtractForms = requestsExtractForms
        self.administersOrderRecords = administersOrderRecords
    }
}
