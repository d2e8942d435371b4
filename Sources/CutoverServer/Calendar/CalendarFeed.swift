import Fluent
import Foundation
import MigrationKit
import SQLKit
import Vapor

/// A person's calendar feeds: their own (the go-live of every migration they may see and
/// the deadlines their side owns) and one per migration (all its plan), at secret
/// addresses a calendar program subscribes to without signing in. Only what the person
/// may see is in a feed; an unknown or revoked secret is simply not found.
struct CalendarFeed {
    let db: any Database
    let actor: Actor
    let policy: AccessPolicy

    /// A new secret: 32 random bytes, URL-safe base64 (the whole address is the key).
    static func newSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// A secret's form, checked before any query: a guess of another shape is not looked up.
    static func isWellFormed(_ secret: String) -> Bool {
        secret.utf8.count == 43 && secret.utf8.allSatisfy { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || (48...57).contains($0) || (65...90).contains($0) || (97...122).contains($0) }
    }

    /// What a feed says of the migration an entry belongs to.
    struct Heading: Sendable {
        let id: UUID
        let parties: MigrationParties
        let practice: String
        let route: String
        /// The id as UIDs carry it (written once: a large feed writes it for every entry).
        let uidSuffix: String

        init(id: UUID, parties: MigrationParties, practice: String, route: String) {
            self.id = id
            self.parties = parties
            self.practice = practice
            self.route = route
            uidSuffix = id.uuidString.lowercased()
        }
    }

    /// The migrations this person may see (or just `only`), with what a feed says of each.
    func headings(only: UUID? = nil) async throws -> [Heading] {
        var conditions: [SQLQueryString] = []
        if let scope = MigrationList.scope(of: actor) { conditions.append(scope) }
        if let only { conditions.append("m.id = \(bind: only)") }
        let whereClause: SQLQueryString = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let rows = try await (db as! any SQLDatabase).raw("""
            SELECT m.id, m.practice_org_id, m.commissioner_id, m.delivery_partner_id, m.source_supplier_id, m.target_supplier_id,
                   p.name AS practice_name, p.ods_code, sp.name AS source_name, tp.name AS target_name
            FROM migrations m JOIN practices p ON p.id = m.practice_id
            JOIN products sp ON sp.id = m.source_product_id JOIN products tp ON tp.id = m.target_product_id
            """ + whereClause).all()
        return try rows.compactMap { row in
            let source = try row.decode(column: "source_supplier_id", as: UUID.self), target = try row.decode(column: "target_supplier_id", as: UUID.self)
            // The scope let a supplier in that is neither system's: it supplies a subsidiary system.
            let subsidiary: Set<UUID> = actor.kind == .supplier && actor.organisationID != source && actor.organisationID != target ? [actor.organisationID] : []
            let parties = MigrationParties(
                practice: try row.decode(column: "practice_org_id", as: UUID.self), commissioner: try row.decode(column: "commissioner_id", as: UUID.self),
                deliveryPartner: try row.decode(column: "delivery_partner_id", as: UUID.self), sourceSupplier: source, targetSupplier: target,
                subsidiarySuppliers: subsidiary)
            guard policy.canSee(actor, parties) else { return nil }
            return Heading(
                id: try row.decode(column: "id", as: UUID.self), parties: parties,
                practice: "\(try row.decode(column: "practice_name", as: String.self)) (\(try row.decode(column: "ods_code", as: String.self)))",
                route: "\(try row.decode(column: "source_name", as: String.self)) to \(try row.decode(column: "target_name", as: String.self))")
        }
    }

    /// The person's own feed.
    func own(name: String, link: String) async throws -> String {
        let headings = try await headings()
        let byID = Dictionary(uniqueKeysWithValues: headings.map { ($0.id, $0) })
        let entries = try await CalendarStore(db).published(of: headings.map(\.id), owners: Party.played(by: actor.kind))
            .filter { entry in byID[entry.migrationID].map { policy.follows(actor, $0.parties, entry.event) } ?? false }
        return Self.calendar(name: "Cutover: \(name)", entries: entries, headings: byID, link: link, titled: true)
    }

    /// One migration's feed, or nil when this person may not see it.
    func migration(_ id: UUID, link: String) async throws -> String? {
        guard let heading = try await headings(only: id).first else { return nil }
        let entries = try await CalendarStore(db).published(of: [id])
        return Self.calendar(name: "Cutover: \(heading.practice)", entries: entries, headings: [id: heading], link: link, titled: false)
    }

    /// The VCALENDAR: one all-day VEVENT per entry, its UID stable across versions.
    static func calendar(name: String, entries: [CalendarStore.Published], headings: [UUID: Heading], link: String, titled: Bool) -> String {
        var ics = ICalendar()
        ics.property("BEGIN", "VCALENDAR")
        ics.property("VERSION", "2.0")
        ics.property("PRODID", "-//Cutover//GP system migrations//EN")
        ics.property("CALSCALE", "GREGORIAN")
        ics.property("METHOD", "PUBLISH")
        ics.text("X-WR-CALNAME", name)
        let pages = headings.mapValues { "\(link)/migrations/\($0.id)" }
        let ordered = entries.compactMap { entry in headings[entry.migrationID].map { (entry, $0) } }
            .sorted { ($0.0.event.start, $0.1.uidSuffix, $0.0.event.key) < ($1.0.event.start, $1.1.uidSuffix, $1.0.event.key) }
        for (entry, heading) in ordered {
            let event = entry.event
            let url = pages[heading.id]!
            ics.property("BEGIN", "VEVENT")
            ics.property("UID", "\(event.key)-\(heading.uidSuffix)@cutover")
            let changed = ICalendar.utc(entry.changedAt)
            ics.property("DTSTAMP", changed)
            ics.property("LAST-MODIFIED", changed)
            ics.date("DTSTART", event.start)
            ics.date("DTEND", event.end + 1)
            ics.property("SEQUENCE", String(entry.sequence))
            ics.property("STATUS", entry.cancelled ? "CANCELLED" : "CONFIRMED")
            ics.property("TRANSP", "TRANSPARENT")
            ics.text("SUMMARY", titled ? "\(event.title): \(heading.practice)" : event.title)
            let owner = event.owner.map { "Owner: \($0.title)" } ?? "Everyone on the migration"
            ics.text("DESCRIPTION", "\(heading.practice), \(heading.route).\n\(owner).\n\(url)")
            ics.property("URL", url)
            ics.property("END", "VEVENT")
        }
        ics.property("END", "VCALENDAR")
        return ics.text
    }
}
