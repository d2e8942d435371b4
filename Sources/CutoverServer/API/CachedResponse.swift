import Vapor

/// A response kept in the read cache: status, headers (the ETag among them) and body. Only
/// for bodies that depend on nothing but the cache key; middleware adds per-request headers
/// such as X-Request-ID afterwards.
struct CachedResponse: Sendable {
    let status: HTTPResponseStatus
    let headers: HTTPHeaders
    let body: ByteBuffer

    init(_ response: Response) {
        status = response.status
        headers = response.headers
        body = response.body.buffer ?? ByteBuffer()
    }

    var response: Response {
        Response(status: status, headers: headers, body: .init(buffer: body))
    }
}

extension Request {
    /// The response `make` builds, built once while nothing changes. Errors are not kept:
    /// a refused or failed request runs `make` again next time.
    func cachedResponse(_ key: String, _ make: () async throws -> Response) async throws -> Response {
        try await cached(key) { CachedResponse(try await make()) }.response
    }
}
