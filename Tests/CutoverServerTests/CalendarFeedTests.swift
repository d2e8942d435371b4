import Foundation
import MigrationKit
import Testing
import Vapor
import VaporTesting
@testable import CutoverServer

/// Calendar feeds: a secret address per person, feeds that carry only what that person may
/// see, and entries that keep their UID while a date moves (SEQUENCE raised) or goes away
/// (CANCELLED).
@Suite struct CalendarFeedTests {
    /// The person's feed address, after asking for one.
    func address(_ role: World.Role, _ world: World, _ call: Call) async throws -> (own: String, migrations: [String: String]) {
        let renewed = try await call.send(.POST, "/api/v1/calendars/renew", as: world.token(role))
        guard renewed.status == .created, let url = renewed.json["url"] as? String, let list = renewed.json["migrations"] as? [[String: Any]] else {
            throw TestFailure("renewing \(role)'s calendar: \(renewed.status) \(renewed.body.string)")
        }
        var migrations: [String: String] = [:]
        for item in list { migrations[(item["migrationId"] as! String).uppercased()] = item["url"] as? String }
        return (url, migrations)
    }

    /// The path of a feed address, for the test client.
    func path(_ url: String) -> String { String(url[url.range(of: "/calendars/")!.lowerBound...]) }

    /// The feed at `url`, which must answer 200 with a calendar (an error page has no events
    /// either, so an empty feed must not be mistaken for one).
    func feed(_ url: String, _ call: Call) async throws -> String {
        let answer = try await call.send(.GET, path(url))
        guard answer.status == .ok, answer.body.string.hasPrefix("BEGIN:VCALENDAR\r\n") else {
            throw TestFailure("reading \(path(url)): \(answer.status) \(answer.body.string.prefix(200))")
        }
        return answer.body.string
    }

    /// Each VEVENT as its properties (unfolded), in feed order.
    func events(_ text: String) -> [[String: String]] {
        let unfolded = text.replacingOccurrences(of: "\r\n ", with: "")
        var events: [[String: String]] = []
        for block in unfolded.components(separatedBy: "BEGIN:VEVENT\r\n").dropFirst() {
            var event: [String: String] = [:]
            for line in block.components(separatedBy: "\r\n") where line.contains(":") {
                let name = String(line[..<line.firstIndex(of: ":")!]).components(separatedBy: ";")[0]
                event[name] = String(line[line.index(after: line.firstIndex(of: ":")!)...])
            }
            events.append(event)
        }
        return events
    }

    @Test func aFeedCarriesOnlyWhatItsOwnerMaySee() async throws {
        try await withCutover { app, world in
            let call = Call(app: app)
            let id = try await world.createMigration(call).uppercased()
            let practice = try await address(.practice, world, call)
            #expect(practice.migrations.keys.contains(id))
            let own = try await call.send(.GET, path(practice.own))
            #expect(own.status == .ok)
            #expect(own.headers.contentType?.description.hasPrefix("text/calendar") == true)
            let owned = events(own.body.string)
            // The go-live, and the deadlines the practice owns: no one else's.
            #expect(owned.contains { $0["UID"] == "go-live-\(id.lowercased())@cutover" })
            #expect(owned.count > 1)
            #expect(owned.allSatisfy { $0["UID"]!.hasPrefix("go-live") || $0["DESCRIPTION"]!.contains("Owner: Practice.") })
            // The migration's own feed has all its plan: phases and every party's deadlines.
            let whole = events(try await feed(practice.migrations[id]!, call))
            #expect(whole.contains { $0["UID"]!.hasPrefix("phase-") })
            #expect(whole.contains { $0["DESCRIPTION"]!.contains("Owner: Delivery partner (CSU).") })

            // Another practice follows nothing of it, and cannot read it by its address.
            let other = try await address(.otherPractice, world, call)
            #expect(!other.migrations.keys.contains(id))
            #expect(events(try await feed(other.own, call)).isEmpty)
            let otherSecret = path(other.own).dropFirst("/calendars/".count).dropLast(".ics".count)
            #expect(try await call.send(.GET, "/calendars/\(otherSecret)/\(id).ics").status == .notFound)
            // An unrelated supplier neither.
            let unrelated = try await address(.unrelatedSupplier, world, call)
            #expect(events(try await feed(unrelated.own, call)).isEmpty)
            // The new system's supplier: the go-live and its own deadlines only.
            let supplier = events(try await feed(try await address(.targetSupplier, world, call).own, call))
            #expect(supplier.contains { $0["UID"] == "go-live-\(id.lowercased())@cutover" })
            #expect(supplier.allSatisfy { $0["UID"]!.hasPrefix("go-live") || $0["DESCRIPTION"]!.contains("Owner: New system supplier.") })
        }
    }

    @Test func aRenewedOrStoppedAddressAndAGuessAreNotFound() async throws {
        try await withCutover { app, world in
            let call = Call(app: app)
            _ = try await world.createMigration(call)
            let first = try await address(.practice, world, call)
            #expect(try await call.send(.GET, path(first.own)).status == .ok)
            let second = try await address(.practice, world, call)
            #expect(second.own != first.own)
            #expect(try await call.send(.GET, path(first.own)).status == .notFound)
            #expect(try await call.send(.GET, path(second.own)).status == .ok)
            #expect(try await call.send(.DELETE, "/api/v1/calendars", as: world.token(.practice)).status == .noContent)
            let stopped = try await call.send(.GET, path(second.own))
            #expect(stopped.status == .notFound)
            #expect(!stopped.body.string.contains("calendar"))
            #expect(try await call.send(.GET, "/api/v1/calendars", as: world.token(.practice)).json["url"] == nil)
            for guess in ["/calendars/x.ics", "/calendars/\(String(repeating: "A", count: 43)).ics", "/calendars/\(String(repeating: "A", count: 43))/\(UUID()).ics", "/calendars/%00.ics"] {
                #expect(try await call.send(.GET, guess).status == .notFound, "\(guess)")
            }
            // Without a session or token, the API's list of addresses is not given.
            #expect(try await call.send(.GET, "/api/v1/calendars").status == .unauthorized)
        }
    }

    @Test func aMovedDateRaisesItsSequenceAndAVanishedOneIsCancelled() async throws {
        try await withCutover { app, world in
            let call = Call(app: app)
            let id = try await world.createMigration(call).uppercased()
            let url = try await address(.practice, world, call).migrations[id]!
            let before = events(try await feed(url, call))
            let goLive = try #require(before.first { $0["UID"]!.hasPrefix("go-live") })
            #expect(goLive["DTSTART"] == "20270614" && goLive["DTEND"] == "20270615" && goLive["SEQUENCE"] == "0" && goLive["STATUS"] == "CONFIRMED")
            // The subsidiary system's extract request: its deadline's id names its supplier.
            let subsidiary = try #require(before.first { $0["UID"]!.hasPrefix("deadline-data-extract-request-") && $0["UID"]!.count > "deadline-data-extract-request-".count + 36 + 9 })

            let moved = try await call.send(.POST, "/api/v1/migrations/\(id)/provisional-go-live", as: world.token(.practice), json: #"{"goLive": "2027-06-21"}"#)
            #expect(moved.status == .ok, "\(moved.body.string)")
            let after = events(try await feed(url, call))
            let movedGoLive = try #require(after.first { $0["UID"] == goLive["UID"] })
            #expect(movedGoLive["DTSTART"] == "20270621" && movedGoLive["SEQUENCE"] == "1")
            #expect(after.count == before.count)

            // Dropping the subsidiary system drops its extract deadline: cancelled, not deleted.
            let version = try #require(moved.json["version"] as? Int)
            let dropped = try await call.send(.PATCH, "/api/v1/migrations/\(id)", as: world.token(.practice), json: #"{"subsidiaryCodes": []}"#,
                                              headers: [("If-Match", "\"\(version)\"")])
            #expect(dropped.status == .ok, "\(dropped.body.string)")
            let cancelled = try #require(events(try await feed(url, call)).first { $0["UID"] == subsidiary["UID"] })
            #expect(cancelled["STATUS"] == "CANCELLED")
            #expect(Int(cancelled["SEQUENCE"]!)! > Int(subsidiary["SEQUENCE"]!)!)
        }
    }

    @Test func timestampsAreInUTC() {
        #expect(ICalendar.utc(Date(timeIntervalSince1970: 1_795_771_805)) == "20261127T093005Z")
        #expect(ICalendar.utc(Date(timeIntervalSince1970: 0)) == "19700101T000000Z")
        #expect(ICalendar.utc(Date(timeIntervalSince1970: -1)) == "19691231T235959Z")
    }

    @Test func linesAreFoldedAt75OctetsAndTextIsEscaped() {
        var ics = ICalendar()
        ics.text("SUMMARY", "Ysgol; \"Meddygfa\", Caerdydd\nâ€” " + String(repeating: "ŵ", count: 60))
        let text = ics.text
        #expect(text.hasSuffix("\r\n"))
        for line in text.components(separatedBy: "\r\n").dropLast() {
            #expect(line.utf8.count <= 75, "\(line)")
        }
        let unfolded = text.replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.hasPrefix(#"SUMMARY:Ysgol\; "Meddygfa"\, Caerdydd\nâ€” ŵ"#))
        // No character is split across a fold (a split one would read back as U+FFFD).
        #expect(!text.contains("\u{FFFD}"))
        #expect(unfolded.filter { $0 == "ŵ" }.count == 60)
        var lines = ICalendar()
        lines.text("DESCRIPTION", "one\r\ntwo\rthree\\four")
        #expect(lines.text == "DESCRIPTION:one\\ntwo\\nthree\\\\four\r\n")
    }
}
