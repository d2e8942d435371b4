/// Who takes the steps that differ from region to region. The guide: the delivery partner
/// usually registers the migration, calls off the Schedule As and asks for extract forms,
/// but some areas give these to the commissioner or the practice.
public struct RegionSettings: Hashable, Sendable, Codable {
    public var registersMigration: Party = .deliveryPartner
    public var callsOffScheduleAs: Party = .deliveryPartner
    public var requestsExtractForms: Party = .deliveryPartner

    public init() {}

    public init(registersMigration: Party, callsOffScheduleAs: Party, requestsExtractForms: Party) {
        self.registersMigration = registersMigration
        self.callsOffScheduleAs = callsOffScheduleAs
        self.requestsExtractForms = requestsExtractForms
    }
}
