import MigrationKit
import Vapor

/// The ETag of what the API answers about one migration: `"<version>-<day>"`. The version
/// is the optimistic lock that `If-Match` checks; the day is there because status, findings
/// and plans are worked out for today, so yesterday's answer is not today's even when
/// nothing was saved in between. `If-None-Match` with the current tag answers 304.
struct MigrationETag: Equatable {
    let version: Int
    let today: Day

    var header: String {
        // Dropping the dashes in Swift: Foundation's `replacingOccurrences` bridges to
        // NSString, and took a sixtieth of a read of one migration.
        var day = today.description
        day.removeAll { $0 == "-" }
        return "\"\(version)-\(day)\""
    }

    /// The version in an `If-Match` value: this tag, weak or strong, or a bare `"3"`.
    static func version(in raw: String) -> Int? {
        let tag = raw.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "W/", with: "").trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        return Int(tag.prefix { $0 != "-" })
    }

    /// Whether an `If-None-Match` value names this tag (weak comparison, as RFC 9110 asks).
    func isNamed(in ifNoneMatch: String) -> Bool {
        let current = header
        return ifNoneMatch.split(separator: ",").contains { candidate in
            let tag = candidate.trimmingCharacters(in: .whitespaces)
            return tag == "*" || tag == current || tag == "W/" + current
        }
    }
}

extension Request {
    /// Sets the migration's ETag on `response`, or answers 304 Not Modified when the client
    /// already holds this version for `today`, the day the answer was worked out for.
    func tagged(_ response: Response, version: Int, today: Day) -> Response {
        let tag = MigrationETag(version: version, today: today)
        response.headers.replaceOrAdd(name: .eTag, value: tag.header)
        guard method == .GET, response.status == .ok, let asked = headers.first(name: .ifNoneMatch), tag.isNamed(in: asked) else { return response }
        let notModified = Response(status: .notModified)
        notModified.headers.replaceOrAdd(name: .eTag, value: tag.header)
        return notModified
    }
}
