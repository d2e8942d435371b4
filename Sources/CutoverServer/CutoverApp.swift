import Fluent
import SQLKit
import MigrationKit
import Vapor
import NIOCore
import NIOPosix

/// Starting and stopping the application for the command line: `serve`, and the account
/// commands that only need the database.
public enum CutoverApp {
    /// Runs Swift concurrency's tasks on the server's NIO event loops, so that a request
    /// handler and the database driver's answers do not hop between two thread pools. Call
    /// first thing in `main`, before any other task starts; false if it could not be done.
    @discardableResult
    public static func runTasksOnEventLoops() -> Bool {
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
    }

    /// Runs the server until SIGINT or SIGTERM, then shuts down gracefully.
    public static func serve(_ configuration: ServerConfiguration, demo: Bool, log: @escaping @Sendable (String) -> Void) async throws {
        let app = try await Application.make(Environment(name: "production", arguments: ["cutover", "serve"]))
        do {
            try await configure(app, configuration)
            if demo {
                let logins = try await StartupLock.holding(app) { try await DemoRegion.seed(app) }
                if logins.isEmpty {
                    log("Demo: the database already has data; nothing added.")
                } else {
                    log("Demo region created. Sign in with any of these (password: \(DemoRegion.password)):")
                    for login in logins { log("  \(login.email.padding(toLength: 34, withPad: " ", startingAt: 0)) \(login.who)") }
                }
            }
            let refresher = Task { [app] in await JudgementRefresher(services: app.cutover, db: app.db).run(logger: app.logger) }
            let planKeeper = Task { [app] in await PlanKeeper(services: app.cutover, db: app.db).run(logger: app.logger) }
            let reminders = Task { [app] in
                await ReminderService(services: app.cutover, db: app.db, group: app.eventLoopGroup).run(logger: app.logger)
            }
            log("Cutover is listening on http://\(configuration.host):\(configuration.port)")
            do {
                try await app.execute()
            } catch {
                refresher.cancel()
                planKeeper.cancel()
                reminders.cancel()
                throw error
            }
            // Done judging, replanning and sending before the database closes.
            refresher.cancel()
            planKeeper.cancel()
            reminders.cancel()
            await refresher.value
            await planKeeper.value
            await reminders.value
            // Stop taking requests and let those in flight finish before the database closes.
            await app.server.shutdown()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }

    /// Opens the database (migrating it if needed), runs `body`, and closes it again.
    public static func withDatabase<T: Sendable>(_ configuration: ServerConfiguration, _ body: @Sendable (Application) async throws -> T) async throws -> T {
        let app = try await Application.make(Environment(name: "production", arguments: ["cutover"]))
        app.logger.logLevel = .warning
        do {
            try await configure(app, configuration)
            let result = try await body(app)
            try await app.asyncShutdown()
            return result
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }
}

/// Account management for `cutover user` and `cutover token`.
public enum Accounts {
    public struct AccountError: Error, CustomStringConvertible {
        public let description: String
    }

    public struct UserLine: Sendable {
        public let email: String, name: String, organisation: String, kind: String, role: String, active: Bool
    }

    /// `cutover user add`: from the shell, the new user is recorded as adding themselves.
    public static func addUser(app: Application, name: String, email: String, organisationCode: String, role: UserRole, password: String) async throws {
        guard password.count >= minimumPasswordLength else { throw AccountError(description: "the password must be at least \(minimumPasswordLength) characters") }
        guard let org = try await Organisation.query(on: app.db).filter(\.$code == organisationCode).first() else {
            throw AccountError(description: "no organisation has the code '\(organisationCode)'")
        }
        let hash = try await app.password.async.hash(password)
        do {
            try await People.addUser(name: name, email: email, organisation: org, role: role, passwordHash: hash,
                                     actor: { Actor(userID: $0.id!, organisationID: org.id!, kind: org.kind, role: role) }, services: app.cutover, on: app.db)
        } catch let refusal as People.Refusal {
            throw AccountError(description: refusal.message.prefix(1).lowercased() + refusal.message.dropFirst())
        }
    }

    public static let minimumPasswordLength = People.minimumPasswordLength

    /// Sets a new password and ends every browser session and API token the user has, so
    /// that whoever knew the old one is out.
    static func setPassword(_ hash: String, of user: User, actor: Actor, services: CutoverServices, on db: any Database) async throws {
        let userID = try user.requireID()
        try await services.write(on: db) { db in
            user.passwordHash = hash
            try await user.save(on: db)
            try await WebAuth.endSessions(of: userID, on: db)
            try await APIToken.query(on: db).filter(\.$user.$id == userID).filter(\.$revokedAt == nil).set(\.$revokedAt, to: services.now).update()
            try await MigrationWriter.audit(AuditEntry(action: "user.password-changed", entity: "user", entityID: userID), migrationID: nil, actor: actor, at: services.now, on: db)
        }
    }

    /// `cutover user password`: a new password for a user, set from the shell.
    public static func changePassword(app: Application, email: String, password: String) async throws {
        guard password.count >= minimumPasswordLength else { throw AccountError(description: "the password must be at least \(minimumPasswordLength) characters") }
        guard let user = try await User.query(on: app.db).filter(\.$email == email.lowercased()).with(\.$organisation).first() else {
            throw AccountError(description: "no user has the e-mail \(email.lowercased())")
        }
        let hash = try await app.password.async.hash(password)
        let actor = Actor(userID: user.id!, organisationID: user.organisation.id!, kind: user.organisation.kind, role: user.role)
        try await setPassword(hash, of: user, actor: actor, services: app.cutover, on: app.db)
    }

    public static func addOrganisation(app: Application, kind: OrganisationKind, name: String, code: String) async throws {
        do {
            try await People.addOrganisation(kind: kind, name: name, code: code, actor: nil, services: app.cutover, on: app.db)
        } catch let refusal as People.Refusal {
            throw AccountError(description: refusal.message.prefix(1).lowercased() + refusal.message.dropFirst())
        }
    }

    public static func listUsers(app: Application) async throws -> [UserLine] {
        let users = try await User.query(on: app.db).with(\.$organisation).sort(\.$email).all()
        return users.map { UserLine(email: $0.email, name: $0.name, organisation: $0.organisation.name, kind: $0.organisation.kind.rawValue, role: $0.role.rawValue, active: $0.active) }
    }

    public static func createToken(app: Application, email: String, label: String) async throws -> (String, Date) {
        guard let user = try await User.query(on: app.db).filter(\.$email == email.lowercased()).first(), user.active else {
            throw AccountError(description: "no active user has the e-mail \(email.lowercased())")
        }
        let services = app.cutover
        let issued = try await services.write(on: app.db) { db in
            try await Tokens.issue(for: user, label: label, now: services.now, lifetime: services.configuration.tokenLifetime, on: db)
        }
        return (issued.token, issued.expiresAt)
    }

    public static func revokeToken(app: Application, token: String) async throws {
        let now = app.cutover.now
        guard try await app.cutover.write(on: app.db, { db in try await Tokens.revoke(token: token, now: now, on: db) }) else {
            throw AccountError(description: "no active token matches")
        }
    }
}

/// Copies of the database for `cutover backup`.
public enum Backups {
    /// SQLite's `VACUUM INTO` writes a consistent, compacted copy from one read
    /// transaction, so writers carry on meanwhile (WAL mode) and the copy is never half-written.
    public static func copySQLite(app: Application, to path: String) async throws {
        try await (app.db as! any SQLDatabase).raw("VACUUM INTO \(bind: path)").run()
    }
}
