import MigrationKit
import Vapor

/// An error as the API shows it: `{"error": {"code", "message", "field"}}` with a status.
struct APIError: Error, AbortError {
    let status: HTTPResponseStatus
    let code: String
    let message: String
    let field: String?

    init(_ status: HTTPResponseStatus, _ code: String, _ message: String, field: String? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.field = field
    }

    var reason: String { message }

    static func notFound(_ what: String = "migration") -> APIError { APIError(.notFound, "not-found", "no such \(what)") }
    static func invalid(_ field: String, _ message: String) -> APIError { APIError(.unprocessableEntity, "invalid", message, field: field) }
    static let unauthorized = APIError(.unauthorized, "unauthorized", "sign in first: send a bearer token from POST /api/v1/auth/token")
    static let stale = APIError(.preconditionFailed, "stale", "someone else changed this migration since you read it: fetch it again and reapply your change", field: "If-Match")
}

extension APIError {
    /// Domain errors mapped to their HTTP meaning.
    init?(domain error: any Error) {
        switch error {
        case let error as APIError: self = error
        case AccessDenied.notVisible: self = .notFound()
        case AccessDenied.forbidden(let reason): self.init(.forbidden, "forbidden", reason)
        case WorkflowError.wrongState(let message): self.init(.conflict, "conflict", message)
        case WorkflowError.invalid(let field, let message): self.init(.unprocessableEntity, "invalid", message, field: field)
        case WorkflowError.notFound(let what): self = .notFound(what)
        case let error as ProcessTemplateError: self.init(.unprocessableEntity, "invalid", error.description, field: "overrides.\(error.field)")
        case let error as DecodingError: self = APIError(decoding: error)
        default: return nil
        }
    }

    /// Names the field a JSON body got wrong, as a dotted path.
    init(decoding error: DecodingError) {
        func path(_ codingPath: [any CodingKey]) -> String? {
            let parts = codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            guard !parts.isEmpty else { return nil }
            return parts.reduce("") { $0.isEmpty || $1.hasPrefix("[") ? $0 + $1 : $0 + "." + $1 }
        }
        switch error {
        case .keyNotFound(let key, let context):
            let field = path(context.codingPath + [key]) ?? key.stringValue
            self.init(.unprocessableEntity, "invalid", "\(field) is required", field: field)
        case .typeMismatch(let type, let context):
            let field = path(context.codingPath)
            self.init(.unprocessableEntity, "invalid", "\(field ?? "the body") should be \(Self.describe(type))", field: field)
        case .valueNotFound(let type, let context):
            let field = path(context.codingPath)
            self.init(.unprocessableEntity, "invalid", "\(field ?? "the body") should be \(Self.describe(type)), not null", field: field)
        case .dataCorrupted(let context):
            let field = path(context.codingPath)
            if field == nil {
                self.init(.badRequest, "bad-request", "the body is not valid JSON")
            } else {
                self.init(.unprocessableEntity, "invalid", "\(field!): \(context.debugDescription)", field: field)
            }
        @unknown default:
            self.init(.badRequest, "bad-request", "the body could not be read")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type: "a whole number"
        case is Bool.Type: "true or false"
        case is Day.Type: "a date written YYYY-MM-DD"
        default: "\(type)".hasPrefix("Array") ? "a list" : "an object"
        }
    }
}

struct ErrorBody: Content {
    struct Detail: Content {
        let code: String
        let message: String
        let field: String?
    }
    let error: Detail
}
