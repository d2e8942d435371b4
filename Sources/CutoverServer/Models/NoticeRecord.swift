import Fluent
import MigrationKit
import Vapor

/// Notice of the cut-over and go-live dates to a linked service or third-party supplier.
final class NoticeRecord: Model, @unchecked Sendable {
    static let schema = "notices"

    /// EPS needs the longest notice; every other service shares one notice period.
    enum Service: String, Codable, CaseIterable {
        case eps, other

        var deadline: DeadlineKind { self == .eps ? .epsNotice : .thirdPartyNotice }
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "migration_id") var migration: MigrationRecord
    @Field(key: "recipient") var recipient: String
    @Field(key: "service") var service: Service
    @OptionalField(key: "sent_on") var sentOn: Day?

    init() {}

    init(migrationID: UUID, recipient: String, service: Service) {
        self.$migration.id = migrationID
        self.recipient = recipient
        self.service = service
    }
}
