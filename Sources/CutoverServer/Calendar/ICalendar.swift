import Foundation
import MigrationKit

/// Writes an iCalendar object (RFC 5545): content lines ended by CRLF and folded at 75
/// octets (a continuation line starts with a space, and a character is never split), TEXT
/// values escaped. No package among ours writes iCalendar, and this is all a feed needs.
/// Works on UTF-8 bytes: a feed of a few thousand entries is written on every read.
struct ICalendar {
    private var bytes: [UInt8] = []

    /// A property whose value is already in its type's form (a date, a number, a UID).
    mutating func property(_ name: String, _ value: String) {
        line(Array(name.utf8) + [UInt8(ascii: ":")] + Array(value.utf8))
    }

    /// A TEXT property: backslash, semicolon, comma and line breaks escaped (3.3.11).
    mutating func text(_ name: String, _ value: String) {
        var content = Array(name.utf8) + [UInt8(ascii: ":")]
        var previous: UInt8 = 0
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\\"), UInt8(ascii: ";"), UInt8(ascii: ","): content += [UInt8(ascii: "\\"), byte]
            case UInt8(ascii: "\n") where previous == UInt8(ascii: "\r"): break // CRLF: one line break, written at the CR
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"): content += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            default: content.append(byte)
            }
            previous = byte
        }
        line(content)
    }

    /// An all-day date (`VALUE=DATE`).
    mutating func date(_ name: String, _ day: Day) {
        property("\(name);VALUE=DATE", day.basicDescription)
    }

    /// A UTC date and time, as DTSTAMP must be ("20261127T093005Z"). Worked out by hand: a
    /// feed writes one for every entry, and a date formatter made for each cost most of a
    /// large feed's time.
    static func utc(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = Int((Double(seconds) / 86_400).rounded(.down))
        let time = seconds - days * 86_400
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return Day(daysSinceEpoch: Int32(days)).basicDescription + "T" + two(time / 3600) + two(time / 60 % 60) + two(time % 60) + "Z"
    }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// One content line, folded so that no line is longer than 75 octets: a fold goes
    /// before a byte that starts a character, never inside one.
    private mutating func line(_ content: [UInt8]) {
        var length = 0
        for (index, byte) in content.enumerated() {
            let starts = byte & 0b1100_0000 != 0b1000_0000
            if starts {
                var width = 1
                while index + width < content.count, content[index + width] & 0b1100_0000 == 0b1000_0000 { width += 1 }
                if length + width > 75 {
                    bytes += [UInt8(ascii: "\r"), UInt8(ascii: "\n"), UInt8(ascii: " ")]
                    length = 1
                }
            }
            bytes.append(byte)
            length += 1
        }
        bytes += [UInt8(ascii: "\r"), UInt8(ascii: "\n")]
    }
}
