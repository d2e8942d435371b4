import Fluent
import Vapor

/// A signed-in browser. The cookie holds a random token; only its digest is stored. A new
/// session (and token) is made at every sign-in, so a session id is never carried over.
final class WebSession: Model, @unchecked Sendable {
    static let schema = "web_sessions"

    @ID(key: .id) var id: UUID?
    @Field(key: "digest") var digest: String
    @Parent(key: "user_id") var user: User
    /// The token every form of this session must carry.
    @Field(key: "csrf") var csrf: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "expires_at") var expiresAt: Date

    init() {}
}
