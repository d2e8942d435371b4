import Vapor

/// Turns every error into the API's error shape (`SecurityHeaders`, outside it, adds the
/// request id to every answer). Anything unexpected becomes a plain 500
/// whose details go to the log (with the request id), never to the client.
struct APIErrorMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let apiError = Self.map(error, request: request)
            let response = try jsonResponse(ErrorBody(error: .init(code: apiError.code, message: apiError.message, field: apiError.field)), status: apiError.status)
            if apiError.status == .unauthorized {
                response.headers.replaceOrAdd(name: .wwwAuthenticate, value: "Bearer")
            }
            return response
        }
    }

    static func map(_ error: any Error, request: Request) -> APIError {
        if let mapped = APIError(domain: error) { return mapped }
        if let abort = error as? any AbortError {
            switch abort.status {
            case .payloadTooLarge: return APIError(.payloadTooLarge, "too-large", "the body is larger than the server accepts")
            case .notFound: return APIError(.notFound, "not-found", "no such resource")
            case .unsupportedMediaType: return APIError(.unsupportedMediaType, "unsupported-media-type", "send the body as application/json")
            case .methodNotAllowed: return APIError(.methodNotAllowed, "method-not-allowed", "this method is not allowed here")
            default:
                if abort.status.code < 500 {
                    return APIError(abort.status, "bad-request", abort.reason)
                }
            }
        }
        request.logger.error("unexpected error: \(String(reflecting: error))")
        return APIError(.internalServerError, "internal", "something went wrong on the server; the request id is \(request.id)")
    }
}
