import Fluent
import MigrationKit
import Vapor

/// Calendar feeds: the signed-in person's feed addresses in the API (see, renew, revoke),
/// and the feeds themselves at their secret addresses, read without a session.
struct CalendarController {
    func register(api protected: any RoutesBuilder, public routes: any RoutesBuilder) {
        protected.get("calendars", use: addresses)
        protected.post("calendars", "renew", use: renew)
        protected.delete("calendars", use: revoke)
        // One parameter name at each depth, as the router needs: the person's own feed is
        // "{secret}.ics" in the place the migration feeds' "{secret}" takes.
        routes.get("calendars", ":secret", use: ownFeed)
        routes.get("calendars", ":secret", ":file", use: migrationFeed)
    }

    struct Addresses: Content {
        struct MigrationFeed: Content { let migrationId: UUID; let practice: String; let url: String }
        /// Nil until the person asks for one (renew).
        let url: String?
        let migrations: [MigrationFeed]
    }

    @Sendable func addresses(req: Request) async throws -> Response {
        let user = try req.currentUser()
        guard let secret = try await CalendarStore(req.db).secret(of: try user.user.requireID()) else {
            return try jsonResponse(Addresses(url: nil, migrations: []))
        }
        return try jsonResponse(try await Self.addresses(req, secret: secret))
    }

    static func addresses(_ req: Request, secret: String) async throws -> Addresses {
        let feed = CalendarFeed(db: req.db, actor: try req.currentUser().actor, policy: req.cutover.policy)
        let base = req.siteAddress
        return Addresses(
            url: "\(base)/calendars/\(secret).ics",
            migrations: try await feed.headings().map { .init(migrationId: $0.id, practice: $0.practice, url: "\(base)/calendars/\(secret)/\($0.id).ics") })
    }

    @Sendable func renew(req: Request) async throws -> Response {
        let secret = try await Self.renew(req)
        return try jsonResponse(try await Self.addresses(req, secret: secret), status: .created)
    }

    /// A new secret in place of the old, audited.
    static func renew(_ req: Request) async throws -> String {
        let user = try req.currentUser()
        let (services, userID) = (req.cutover, try user.user.requireID())
        return try await services.write(on: req.db) { db in
            let secret = try await CalendarStore(db).renew(for: userID, at: services.now)
            try await MigrationWriter.audit(AuditEntry(action: "calendar.renewed", entity: "user", entityID: userID), migrationID: nil, actor: user.actor, at: services.now, on: db)
            return secret
        }
    }

    @Sendable func revoke(req: Request) async throws -> Response {
        try await Self.revoke(req)
        return Response(status: .noContent)
    }

    static func revoke(_ req: Request) async throws {
        let user = try req.currentUser()
        let (services, userID) = (req.cutover, try user.user.requireID())
        try await services.write(on: req.db) { db in
            try await CalendarStore(db).revoke(for: userID)
            try await MigrationWriter.audit(AuditEntry(action: "calendar.revoked", entity: "user", entityID: userID), migrationID: nil, actor: user.actor, at: services.now, on: db)
        }
    }

    @Sendable func ownFeed(req: Request) async throws -> Response {
        guard let file = req.parameters.get("secret"), file.hasSuffix(".ics") else { throw Abort(.notFound) }
        let (feed, name) = try await Self.feed(req, secret: String(file.dropLast(4)))
        return Self.ics(try await feed.own(name: name, link: req.siteAddress))
    }

    @Sendable func migrationFeed(req: Request) async throws -> Response {
        guard let file = req.parameters.get("file"), file.hasSuffix(".ics"), let id = UUID(uuidString: String(file.dropLast(4))) else { throw Abort(.notFound) }
        let (feed, _) = try await Self.feed(req, secret: req.parameters.get("secret") ?? "")
        guard let text = try await feed.migration(id, link: req.siteAddress) else { throw Abort(.notFound) }
        return Self.ics(text)
    }

    /// The feed of the active person whose secret this is; otherwise 404, and nothing else said.
    static func feed(_ req: Request, secret: String) async throws -> (CalendarFeed, String) {
        guard CalendarFeed.isWellFormed(secret), let userID = try await CalendarStore(req.db).user(withSecret: secret),
              let user = try await User.query(on: req.db).filter(\.$id == userID).with(\.$organisation).first(), user.active
        else { throw Abort(.notFound) }
        let actor = Actor(userID: userID, organisationID: user.organisation.id!, kind: user.organisation.kind, role: user.role)
        return (CalendarFeed(db: req.db, actor: actor, policy: req.cutover.policy), user.name)
    }

    static func ics(_ text: String) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "calendar", parameters: ["charset": "utf-8"])
        headers.replaceOrAdd(name: .cacheControl, value: "private, no-cache")
        return Response(status: .ok, headers: headers, body: .init(string: text))
    }
}

extension Request {
    /// This site's address as the browser or calendar program asked for it, for links.
    var siteAddress: String {
        let host = headers.first(name: .host) ?? "127.0.0.1"
        return "\(cutover.configuration.secureCookies ? "https" : "http")://\(host)"
    }
}
