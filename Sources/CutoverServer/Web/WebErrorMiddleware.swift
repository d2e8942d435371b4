import MigrationKit
import Vapor

/// Errors on pages become a page a person can read: 404 for migrations outside the
/// user's scope, 403 with the reason, and a plain apology for anything unexpected (whose
/// details go to the log with the request id). Never a stack trace.
struct WebErrorMiddleware: AsyncMiddleware {
    struct ErrorPage: FramedPage {
        let layout: Layout
        let heading: String
        let message: String
        let requestID: String
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let (status, heading, message) = Self.describe(error, request: request)
            let model = ErrorPage(layout: Layout(request, title: heading, section: ""), heading: heading, message: message, requestID: request.id)
            return try await request.page("error", model, status: status)
        }
    }

    static func describe(_ error: any Error, request: Request) -> (HTTPResponseStatus, String, String) {
        if let error = error as? WebError { return (error.status, error.title, error.message) }
        if let api = APIError(domain: error) {
            switch api.status {
            case .notFound: return (.notFound, "Page not found", "There is no such page, or it is not one you can see. Check the address, or go back to what needs you.")
            case .forbidden: return (.forbidden, "You cannot do that", api.message.prefix(1).uppercased() + api.message.dropFirst() + ".")
            default: return (api.status, "Something is not right", api.message)
            }
        }
        if let abort = error as? any AbortError {
            switch abort.status {
            case .notFound: return (.notFound, "Page not found", "There is no such page. Check the address, or go back to what needs you.")
            case .payloadTooLarge: return (.payloadTooLarge, "This form is too large", "Shorten what you wrote, then send it again.")
            case let status where status.code < 500: return (status, "Something is not right", "The request could not be read. Go back, reload the page and try again.")
            default: break
            }
        }
        request.logger.error("unexpected error on a page: \(String(reflecting: error))")
        return (.internalServerError, "Sorry, there is a problem with the service", "Try again later. If it keeps happening, give your support team this reference: \(request.id).")
    }
}
