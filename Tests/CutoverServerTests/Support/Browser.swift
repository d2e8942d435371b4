import Fluent
import Foundation
import Vapor
import VaporTesting
@testable import CutoverServer

/// A signed-in browser for request-level page tests: its session cookie and CSRF token.
struct Browser {
    let call: Call
    let cookie: String
    let csrf: String

    /// Starts a session for the role's user straight in the database (sign-in itself has its own tests).
    static func signIn(_ role: World.Role, app: Application, csrf: String? = nil) async throws -> Browser {
        try await signIn(email: "\(role.rawValue.lowercased())@test.example", app: app, csrf: csrf ?? "csrf-\(role.rawValue)")
    }

    /// The same for any user, by e-mail (the demo region's, say).
    static func signIn(email: String, app: Application, csrf: String = "csrf-token") async throws -> Browser {
        let user = try await User.query(on: app.db).filter(\.$email == email).first()!
        let token = WebAuth.randomToken()
        let session = WebSession()
        session.digest = APIToken.digest(of: token)
        session.$user.id = user.id!
        session.csrf = csrf
        session.createdAt = testNow
        session.expiresAt = testNow.addingTimeInterval(3600)
        try await session.create(on: app.db)
        return Browser(call: Call(app: app), cookie: "\(WebAuth.cookie)=\(token)", csrf: session.csrf)
    }

    func get(_ path: String) async throws -> TestingHTTPResponse {
        try await call.app.testing().sendRequest(.GET, path, headers: ["Cookie": cookie])
    }

    /// Posts a form; `csrf` is added unless `withCSRF` is false.
    func post(_ path: String, _ fields: [(String, String)], withCSRF: Bool = true) async throws -> TestingHTTPResponse {
        let all = (withCSRF ? [("csrf", csrf)] : []) + fields
        let body = all.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        var headers: HTTPHeaders = ["Cookie": cookie]
        headers.contentType = .urlEncodedForm
        return try await call.app.testing().sendRequest(.POST, path, headers: headers, body: ByteBuffer(string: body))
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? text
    }
}
