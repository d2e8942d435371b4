/// Markup written in Swift, where a page was measured too slow through Leaf (the migration
/// page spent three fifths of its time rendering its template). Literal text in a
/// template is markup; every interpolated string is escaped, in element text and attribute
/// values alike, as Leaf's `#(…)` escapes it. Only another `HTML` goes in as it is.
struct HTML: ExpressibleByStringInterpolation, Sendable {
    private(set) var markup: String

    init(stringLiteral markup: String) { self.markup = markup }

    init(stringInterpolation: Interpolation) { markup = stringInterpolation.markup }

    static func += (html: inout HTML, more: HTML) { html.markup += more.markup }

    static func + (html: HTML, more: HTML) -> HTML { HTML(stringLiteral: html.markup + more.markup) }

    struct Interpolation: StringInterpolationProtocol {
        var markup = ""

        init(literalCapacity: Int, interpolationCount: Int) {
            markup.reserveCapacity(literalCapacity + interpolationCount * 16)
        }

        mutating func appendLiteral(_ literal: String) { markup += literal }

        mutating func appendInterpolation(_ text: String) { HTML.escape(text, into: &markup) }

        mutating func appendInterpolation(_ number: Int) { markup += String(number) }

        mutating func appendInterpolation(_ html: HTML) { markup += html.markup }
    }

    /// `&`, `<`, `>`, `"` and `'` as entities; text without them is copied whole.
    static func escape(_ text: String, into markup: inout String) {
        // Read as bytes: walking the text's UTF-8 view took a twentieth of the migration
        // page. The five are ASCII, so a run between two never splits a character.
        var contiguous = text
        contiguous.withUTF8 { bytes in
            var run = 0
            for (offset, byte) in bytes.enumerated() {
                let entity: String
                switch byte {
                case UInt8(ascii: "&"): entity = "&amp;"
                case UInt8(ascii: "<"): entity = "&lt;"
                case UInt8(ascii: ">"): entity = "&gt;"
                case UInt8(ascii: "\""): entity = "&quot;"
                case UInt8(ascii: "'"): entity = "&#39;"
                default: continue
                }
                markup += String(decoding: UnsafeBufferPointer(rebasing: bytes[run..<offset]), as: UTF8.self)
                markup += entity
                run = offset + 1
            }
            markup += run == 0 ? text : String(decoding: UnsafeBufferPointer(rebasing: bytes[run...]), as: UTF8.self)
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
