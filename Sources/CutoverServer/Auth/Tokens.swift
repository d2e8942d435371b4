import Fluent
import Vapor

/// Issues and revokes API tokens; used by `POST /api/v1/auth/token` and `cutover token`.
enum Tokens {
    /// A new random token for `user`. The plain token is returned once and never stored.
    /// Call inside a write (`CutoverServices.write`).
    static func issue(for user: User, label: String, now: Date, lifetime: TimeInterval, on db: any Database) async throws -> (token: String, expiresAt: Date) {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let token = "cut_" + Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        let record = APIToken(digest: APIToken.digest(of: token), userID: try user.requireID(), label: label, createdAt: now, expiresAt: now.addingTimeInterval(lifetime))
        try await record.create(on: db)
        return (token, record.expiresAt)
    }

    /// Revokes the token with this plain value; false when there is none.
    static func revoke(token: String, now: Date, on db: any Database) async throws -> Bool {
        guard let record = try await APIToken.query(on: db).filter(\.$digest == APIToken.digest(of: token)).first(),
              record.revokedAt == nil else { return false }
        record.revokedAt = now
        try await record.save(on: db)
        return true
    }
}
