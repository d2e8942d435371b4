import MigrationKit
import Vapor

// The JSON bodies the API accepts. Unknown enum values and impossible dates fail to decode,
// and the error names the field.

struct CreateMigrationBody: Content {
    let practiceOdsCode: String
    let sourceProductCode: String
    let targetProductCode: String
    let submoduleCodes: [String]?
    let subsidiaryCodes: [String]?
    let businessCase: BusinessCase
    let provisionalGoLive: Day?
    let blackouts: [Blackout]?
    let overrides: [String: Int]?
}

extension CreateMigrationBody {
    func with(provisionalGoLive day: Day) -> CreateMigrationBody {
        CreateMigrationBody(
            practiceOdsCode: practiceOdsCode, sourceProductCode: sourceProductCode, targetProductCode: targetProductCode,
            submoduleCodes: submoduleCodes, subsidiaryCodes: subsidiaryCodes, businessCase: businessCase,
            provisionalGoLive: day, blackouts: blackouts, overrides: overrides)
    }
}

struct UpdateMigrationBody: Content {
    let businessCase: BusinessCase?
    let blackouts: [Blackout]?
    let overrides: [String: Int]?
    let submoduleCodes: [String]?
    let subsidiaryCodes: [String]?
}

struct ApproveBody: Content {
    let fundingAmount: Int
    let fundingSource: String
}

struct ReturnBusinessCaseBody: Content {
    let reason: String
}

/// The whole revised case: each part is sent again, changed or not.
struct ReviseBusinessCaseBody: Content {
    let drivers: String
    let considerations: String
    let strategicFit: String

    var businessCase: BusinessCase { BusinessCase(drivers: drivers, considerations: considerations, strategicFit: strategicFit) }
}

struct GoLiveBody: Content {
    let goLive: Day
}

struct RegisterBody: Content {
    let reference: String?
}

struct CallOffBody: Content {
    let kind: ScheduleA.Kind
    /// Required for a submodule: which module it buys.
    let productCode: String?
}

struct CommissionerDecisionBody: Content {
    let decision: Decision
    /// Required when rejecting.
    let reason: String?
}

struct DecisionBody: Content {
    let decision: Decision
    let reason: String?
    /// The new system's supplier, accepting, confirms this go-live...
    let goLive: Day?
    /// ...or offers these instead.
    let proposedGoLives: [Day]?
}

struct ExtractRequestBody: Content {
    /// Defaults to the old system's supplier.
    let supplierId: UUID?
}

struct FormReturnedBody: Content {
    let dataProductionDays: [Day]
}

struct DayBody: Content {
    let day: Day
}

struct MilestoneBody: Content {
    let actualStart: Day
    let actualEnd: Day?
}

struct SignOffBody: Content {
    let kind: SignOffKind
    let signerName: String
    let comment: String?
}

struct DeploymentSurveyBody: Content {
    let goLive: Day
    let score: Int
    let comments: String?
}

struct SurveyDecisionBody: Content {
    enum Decision: String, Codable { case confirm, `return` }
    let decision: Decision
    /// Required when returning.
    let reason: String?
}

struct NoticeBody: Content {
    let recipient: String
    let service: NoticeService
}

struct ActionItemBody: Content {
    let title: String
    let phase: Phase
    let owner: Party
    let due: Day?
}

struct ActionItemUpdateBody: Content {
    let status: ActionItemStatus
}

struct TokenRequestBody: Content {
    let email: String
    let password: String
}

extension Request {
    /// Decodes a JSON body; a missing or wrong body is answered with the field it concerns.
    func body<T: Decodable>(_ type: T.Type) throws -> T {
        // A step with nothing to say may be sent without a body: it reads as `{}`, so a
        // body type with required fields still names the first one missing.
        if (body.data?.readableBytes ?? 0) == 0 && headers.contentType == nil {
            return try JSONDecoder().decode(T.self, from: Data("{}".utf8))
        }
        guard let contentType = headers.contentType, contentType == .json else {
            throw APIError(.unsupportedMediaType, "unsupported-media-type", "send the body as application/json")
        }
        // The server refuses large streamed bodies itself; this catches bodies that
        // arrive already collected, whatever the transport.
        if let size = body.data?.readableBytes, size > cutover.configuration.maxBodyBytes {
            throw APIError(.payloadTooLarge, "too-large", "the body is larger than the server accepts (\(cutover.configuration.maxBodyBytes) bytes)")
        }
        if let data = body.data, String(validating: data.readableBytesView, as: UTF8.self) == nil {
            throw APIError(.badRequest, "bad-request", "the body is not valid UTF-8")
        }
        return try content.decode(T.self)
    }

    /// A UUID path parameter; anything else is a 404, as an unknown id would be.
    func uuid(_ name: String, what: String = "migration") throws -> UUID {
        guard let text = parameters.get(name), let id = UUID(uuidString: text) else { throw APIError.notFound(what) }
        return id
    }

    /// The version from `If-Match` (`"3"` or `W/"3"`); nil when the header is absent.
    func ifMatchVersion() throws -> Int? {
        guard let raw = headers.first(name: .ifMatch), raw.trimmingCharacters(in: .whitespaces) != "*" else { return nil }
        guard let version = MigrationETag.version(in: raw) else {
            throw APIError(.badRequest, "bad-request", "If-Match must be the ETag of the migration as you read it, for example \"3-20261125\"", field: "If-Match")
        }
        return version
    }
}
