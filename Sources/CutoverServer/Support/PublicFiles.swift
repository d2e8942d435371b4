import Foundation
import Vapor

/// The files shipped in Public (the stylesheet), each served at its own route. The router
/// finds them as it finds any page; a middleware that looked for them asked every API call
/// and page for its path again (which `URI` works out anew each time), and `FileMiddleware`
/// alone would look on disk for every path.
enum PublicFiles {
    /// Registers a GET route for each file under `directory` (a path ending in "/").
    static func register(on routes: any RoutesBuilder, directory: String) {
        let names = FileManager.default.enumerator(atPath: directory)?.compactMap { $0 as? String } ?? []
        for name in names.sorted() {
            var isDirectory: ObjCBool = false
            let path = directory + name
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            routes.get(name.split(separator: "/").map { PathComponent.constant(String($0)) }) { request in
                try await request.fileio.asyncStreamFile(at: path, advancedETagComparison: true)
            }
        }
    }
}
