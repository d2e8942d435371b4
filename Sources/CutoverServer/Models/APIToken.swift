import Fluent
import Vapor

/// A bearer token for the API. Only its SHA-256 digest is stored, so a copy of the
/// database gives nobody a working token.
final class APIToken: Model, @unchecked Sendable {
    static let schema = "api_tokens"

    @ID(key: .id) var id: UUID?
    @Field(key: "digest") var digest: String
    @Parent(key: "user_id") var user: User
    @Field(key: "label") var label: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "revoked_at") var revokedAt: Date?

    init() {}

    init(id: UUID? = nil, digest: String, userID: UUID, label: String, createdAt: Date, expiresAt: Date) {
        self.id = id
        self.digest = digest
        self.$user.id = userID
        self.label = label
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }

    static func digest(of token: String) -> String {
        // Hex by table: String(format:) per byte cost more than the hash on every request.
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: Data(token.utf8)) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: hex, as: UTF8.self)
    }
}
