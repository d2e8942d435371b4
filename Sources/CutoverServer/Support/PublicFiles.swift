import Foundation
import Vapor

/// Serves the files shipped in Public (the stylesheet), and looks on disk for nothing else:
/// `FileMiddleware` on its own checks the disk for every path, a trip to the thread pool
/// that every API call and page would pay.
struct PublicFiles: AsyncMiddleware {
    private let files: FileMiddleware
    private let paths: Set<String>

    init(directory: String) {
        files = FileMiddleware(publicDirectory: directory)
        let names = FileManager.default.enumerator(atPath: directory)?.compactMap { $0 as? String } ?? []
        paths = Set(names.filter { name in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: directory + name, isDirectory: &isDirectory) && !isDirectory.boolValue
        }.map { "/" + $0 })
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard paths.contains(request.url.path) else { return try await next.respond(to: request) }
        return try await files.respond(to: request, chainingTo: next)
    }
}
