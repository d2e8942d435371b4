import Vapor

/// The outermost middleware: refuses oversize URLs with 414, and puts the headers an
/// expert expects on every answer. Pages run no script at all, so the policy allows none;
/// they may not be framed; API answers (tokens among them) are never stored by caches.
struct SecurityHeaders: AsyncMiddleware {
    static let maximumURLBytes = 8 * 1024
    static let contentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response: Response
        // Read once: `URI` works the path out anew at each ask. The address is its path and
        // query (a request's target has nothing before its path).
        let path = request.url.path
        if path.utf8.count + (request.url.query.map { $0.utf8.count + 1 } ?? 0) > Self.maximumURLBytes {
            response = try jsonResponse(ErrorBody(error: .init(code: "uri-too-long", message: "the address is longer than the server accepts (\(Self.maximumURLBytes) bytes)", field: nil)), status: .uriTooLong)
        } else {
            response = try await next.respond(to: request)
        }
        let headers = [
            ("Content-Security-Policy", Self.contentSecurityPolicy),
            ("X-Content-Type-Options", "nosniff"),
            ("X-Frame-Options", "DENY"),
            ("Referrer-Policy", "same-origin"),
        ]
        for (name, value) in headers { response.headers.replaceOrAdd(name: name, value: value) }
        if path.hasPrefix("/api/") && !response.headers.contains(name: .cacheControl) {
            response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        }
        response.headers.replaceOrAdd(name: "X-Request-ID", value: request.id)
        return response
    }
}
