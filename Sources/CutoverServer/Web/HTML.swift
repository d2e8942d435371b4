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
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
            markup += text
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": markup += "&amp;"
            case "<": markup += "&lt;"
            case ">": markup += "&gt;"
            case "\"": markup += "&quot;"
            case "'": markup += "&#39;"
            default: markup.unicodeScalars.append(scalar)
            }
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
