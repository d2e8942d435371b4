import Fluent
import SQLKit
import Vapor

/// Checking an e-mail address and password, for the API's tokens and the sign-in page
/// alike. Failures are counted in the database, so one lockout holds at every door and in
/// every server instance: five wrong passwords for an account in ten minutes lock that
/// account from every address, and twenty from one address lock that address for every
/// account. While locked, even the right password is refused. Counters older than the
/// window are pruned as new failures come in.
enum SignIn {
    enum Outcome {
        case signedIn(User)
        case wrong
        case locked
    }

    static let accountLimit = 5
    static let addressLimit = 20
    static let window: TimeInterval = 600

    static func check(email rawEmail: String, password: String, req: Request) async throws -> Outcome {
        let email = rawEmail.trimmingCharacters(in: .whitespaces).lowercased()
        // The socket's address, never X-Forwarded-For, which any client can write.
        let address = req.remoteAddress?.ipAddress ?? "unknown"
        let now = req.cutover.now
        let failures = try await recentFailures(email: email, address: address, now: now, on: req.db)
        if failures.account >= accountLimit || failures.address >= addressLimit { return .locked }
        let user = try await User.query(on: req.db).filter(\.$email == email).first()
        // Checked against a decoy when the address is unknown, so both take as long.
        let matches = try await req.password.async.verify(password, created: user?.passwordHash ?? decoyHash)
        guard let user, user.active, matches else {
            try await recordFailure(email: email, address: address, now: now, req: req)
            return .wrong
        }
        // A good sign-in clears the account's count; most have none, and write nothing.
        if failures.account > 0 {
            try await req.cutover.write(on: req.db) { db in
                try await SignInFailure.query(on: db).filter(\.$email == email).delete()
            }
        }
        return .signedIn(user)
    }

    /// Failures within the window, for this account and for this address.
    private static func recentFailures(email: String, address: String, now: Date, on db: any Database) async throws -> (account: Int, address: Int) {
        let since = now.addingTimeInterval(-window)
        let byAccount = try await SignInFailure.query(on: db).filter(\.$email == email).filter(\.$at > since).count()
        let byAddress = try await SignInFailure.query(on: db).filter(\.$address == address).filter(\.$at > since).count()
        return (byAccount, byAddress)
    }

    /// The accounts among `emails` locked now by too many wrong passwords.
    static func lockedEmails(among emails: [String], now: Date, on db: any Database) async throws -> Set<String> {
        guard !emails.isEmpty else { return [] }
        let failures = try await SignInFailure.query(on: db).filter(\.$email ~~ emails).filter(\.$at > now.addingTimeInterval(-window)).all()
        return Set(Dictionary(grouping: failures, by: \.email).filter { $0.value.count >= accountLimit }.keys)
    }

    private static func recordFailure(email: String, address: String, now: Date, req: Request) async throws {
        try await req.cutover.write(on: req.db) { db in
            try await SignInFailure.query(on: db).filter(\.$at <= now.addingTimeInterval(-window)).delete()
            try await SignInFailure(email: email, address: address, at: now).create(on: db)
        }
    }

    static let decoyHash = (try? Bcrypt.hash("not a real password")) ?? ""
}
