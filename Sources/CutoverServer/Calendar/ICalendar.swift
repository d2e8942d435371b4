import Foundation
import MigrationKit

/// Writes an iCalendar object (RFC 5545): content lines ended by CRLF and folded at 75
/// octets (a continuation line starts with a space, and a character is never split), TEXT
/// values escaped. No package among ours writes iCalendar, and this is all a feed needs.
struct ICalendar {
    private var lines: [String] = []

    /// A property whose value is already in its type's form (a date, a number, a UID).
    mutating func property(_ name: String, _ value: String) {
        lines.append("\(name):\(value)")
    }

    /// A TEXT property: backslash, semicolon, comma and line breaks escaped (3.3.11).
    mutating func text(_ name: String, _ value: String) {
        var escaped = ""
        for character in value {
            switch character {
            case "\\": escaped += "\\\\"
            case ";": escaped += "\\;"
            case ",": escaped += "\\,"
            case "\r\n", "\n", "\r": escaped += "\\n"
            default: escaped.append(character)
            }
        }
        property(name, escaped)
    }

    /// An all-day date (`VALUE=DATE`).
    mutating func date(_ name: String, _ day: Day) {
        property("\(name);VALUE=DATE", day.description.replacingOccurrences(of: "-", with: ""))
    }

    /// A UTC date and time, as DTSTAMP must be ("20261127T093005Z"). Worked out by hand: a
    /// feed writes one for every entry, and a date formatter made for each cost most of a
    /// large feed's time.
    static func utc(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = Int((Double(seconds) / 86_400).rounded(.down))
        let time = seconds - days * 86_400
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return Day(daysSinceEpoch: Int32(days)).description.replacingOccurrences(of: "-", with: "") + "T" + two(time / 3600) + two(time / 60 % 60) + two(time % 60) + "Z"
    }

    var text: String {
        lines.map(Self.fold).joined()
    }

    /// One content line, folded so that no line is longer than 75 octets.
    static func fold(_ line: String) -> String {
        var out = ""
        var length = 0
        for character in line {
            let octets = String(character).utf8.count
            if length + octets > 75 {
                out += "\r\n "
                length = 1
            }
            out.append(character)
            length += octets
        }
        return out + "\r\n"
    }
}
