/// One day off in England and Wales, with the name GOV.UK gives it.
public struct BankHoliday: Hashable, Sendable, Codable {
    public let date: Day
    public let name: String

    public init(date: Day, name: String) {
        self.date = date
        self.name = name
    }
}
