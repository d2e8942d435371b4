/// Markup written in Swift, where a page was measured too slow through Leaf (the migration
/// page spent three fifths of its time rendering its template). Literal text in a
/// template is markup; every interpolated string is escaped, in element text and attribute
/// values alike, as Leaf's `#(…)` escapes it. Only another `HTML` goes in as it is.
struct HTML: ExpressibleByStringInterpolation, Sendable {
    /// The markup's UTF-8 bytes: appending to an array is a copy, where appending to a
    /// `String` also kept its counts and flags up to date (6% of the migration page).
    private(set) var bytes: [UInt8]

    /// The markup as text.
    var markup: String { String(decoding: bytes, as: UTF8.self) }

    init(stringLiteral markup: String) { bytes = Array(markup.utf8) }

    init(stringInterpolation: Interpolation) { bytes = stringInterpolation.bytes }

    static func += (html: inout HTML, more: HTML) { html.bytes += more.bytes }

    static func + (html: HTML, more: HTML) -> HTML {
        var joined = html
        joined += more
        return joined
    }

    struct Interpolation: StringInterpolationProtocol {
        var bytes: [UInt8] = []

        init(literalCapacity: Int, interpolationCount: Int) {
            bytes.reserveCapacity(literalCapacity + interpolationCount * 16)
        }

        mutating func appendLiteral(_ literal: String) { bytes += literal.utf8 }

        mutating func appendInterpolation(_ text: String) { HTML.escape(text, into: &bytes) }

        mutating func appendInterpolation(_ number: Int) { bytes += String(number).utf8 }

        mutating func appendInterpolation(_ html: HTML) { bytes += html.bytes }
    }

    /// `&`, `<`, `>`, `"` and `'` as entities; text without them is copied whole.
    static func escape(_ text: String, into markup: inout [UInt8]) {
        // Read as bytes: walking the text's UTF-8 view took a twentieth of the migration
        // page. The five are ASCII, so a run between two never splits a character.
        var contiguous = text
        contiguous.withUTF8 { bytes in
            var run = 0
            for (offset, byte) in bytes.enumerated() {
                let entity: StaticString
                switch byte {
                case UInt8(ascii: "&"): entity = "&amp;"
                case UInt8(ascii: "<"): entity = "&lt;"
                case UInt8(ascii: ">"): entity = "&gt;"
                case UInt8(ascii: "\""): entity = "&quot;"
                case UInt8(ascii: "'"): entity = "&#39;"
                default: continue
                }
                markup += bytes[run..<offset]
                markup += UnsafeBufferPointer(start: entity.utf8Start, count: entity.utf8CodeUnitCount)
                run = offset + 1
            }
            markup += bytes[run...]
        }
    }
}

extension Sequence {
    /// One piece of markup for each element, joined.
    func html(_ each: (Element) -> HTML) -> HTML {
        var html: HTML = ""
        for element in self { html += each(element) }
        return html
    }
}
