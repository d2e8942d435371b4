import Testing
@testable import CutoverServer

/// Every interpolated string is escaped, whatever surrounds the five characters, and the
/// characters around them (accents, emoji) come through whole.
@Suite struct HTMLEscapeTests {
    @Test func escapesTheFiveAndKeepsEverythingElse() {
        let cases: [(String, String)] = [
            ("plain text", "plain text"),
            ("", ""),
            ("&", "&amp;"),
            ("<b>\"x\"</b>", "&lt;b&gt;&quot;x&quot;&lt;/b&gt;"),
            ("Dr O'Neill & Partners", "Dr O&#39;Neill &amp; Partners"),
            ("''", "&#39;&#39;"),
            ("é<🙂>ü", "é&lt;🙂&gt;ü"),
            ("ends with &", "ends with &amp;"),
        ]
        for (text, escaped) in cases {
            let html: HTML = "<p title=\"\(text)\">\(text)</p>"
            #expect(html.markup == "<p title=\"\(escaped)\">\(escaped)</p>", "\(text)")
        }
    }
}
