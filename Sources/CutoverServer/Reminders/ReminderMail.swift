import Foundation
import MigrationKit

/// The words of reminder e-mails: one reminder, a day's digest, and the message as it goes
/// over SMTP (RFC 5322 headers, CRLF lines, dot-stuffed).
enum ReminderMail {
    static func body(_ reminder: Reminder, practice: String, services: CutoverServices) -> String {
        var lines = [reminder.headline(practice: practice), "", "Practice: \(practice)", "What: \(reminder.subject)"]
        if let due = reminder.due { lines.append("Due: \(due.longDescription)") }
        lines += ["", "Open the migration: \(services.configuration.publicURL)/migrations/\(reminder.migration)",
                  "", "You get these reminders one by one; choose a daily digest at \(services.configuration.publicURL)/reminders."]
        return lines.joined(separator: "\n")
    }

    /// One message listing `items`, the day's reminders of a person who chose a digest.
    static func digest(of items: [OutboxRow], for user: UUID, on day: Day, services: CutoverServices) -> OutboxRow {
        let body = ["Your Cutover reminders for \(day.longDescription):", ""] + items.map { "- " + $0.subject }
            + ["", "Open what needs you: \(services.configuration.publicURL)/", "Choose how you get reminders at \(services.configuration.publicURL)/reminders."]
        let now = services.now
        return OutboxRow(
            id: UUID(), user_id: user, key: "digest:\(day)", migration_id: nil, kind: "digest",
            subject: "Cutover: \(items.count) reminder\(items.count == 1 ? "" : "s") for \(day.shortDescription)", body: body.joined(separator: "\n"),
            due: nil, created_at: now, digest: false, status: .pending, attempts: 0, next_attempt_at: now, last_error: nil, sent_at: nil,
            claimed_until: nil, digest_id: nil)
    }

    /// The message as sent: headers, a blank line, the body; CRLF line ends and a leading
    /// dot doubled (RFC 5321's transparency), ready to follow DATA.
    static func message(_ row: OutboxRow, to address: String, from: String, at date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        var headers = [
            "From: Cutover <\(from)>", "To: <\(address)>", "Subject: \(encodedWord(row.subject))", "Date: \(formatter.string(from: date))",
            "Message-ID: <\(row.id.uuidString.lowercased())@cutover>", "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: 8bit", "X-Cutover-Key: \(row.key)", "Auto-Submitted: auto-generated",
        ]
        if let migration = row.migration_id { headers.append("X-Cutover-Migration: \(migration)") }
        let body = row.body.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix(".") ? "." + $0 : String($0) }
        return (headers + [""] + body).joined(separator: "\r\n") + "\r\n"
    }

    /// A header value in ASCII: as it is when it is, else an RFC 2047 encoded word.
    static func encodedWord(_ text: String) -> String {
        let clean = text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        guard clean.unicodeScalars.contains(where: { !$0.isASCII }) else { return clean }
        return "=?utf-8?B?" + Data(clean.utf8).base64EncodedString() + "?="
    }
}
