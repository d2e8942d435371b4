import Foundation
import Testing
@testable import MigrationKit

/// Days by name and lists of days are read from their bytes when the text is as
/// `JSONText.encode` writes it; whatever the text, the answer is `JSONDecoder`'s.
@Suite struct JSONTextTests {
    @Test func daysByNameReadAsJSONDecoderReadsThem() throws {
        let written = JSONText.encode(["practice": try Day(parsing: "2027-06-14"), "commissioner": try Day(parsing: "2026-11-27"),
                                       "target-supplier": try Day(parsing: "2028-02-29")])
        let cases = [
            written, "{}", #"{"a":"2027-01-04"}"#, #"{"a":"2027-01-04","b":"2027-12-31"}"#,
            #"{ "a" : "2027-01-04" }"#, #"{"a\"b":"2027-01-04"}"#, #"{"a":"2027-02-30"}"#, #"{"a":"2027-1-4"}"#,
            #"{"a":"2027-01-04","a":"2027-01-05"}"#, #"{"a":"2027-01-04",}"#, #"{"a":"2027-01-04""#, #"{"a":2027}"#,
            #"{"a""2027-01-04"}"#, #"{"a":"2027-01-04""b":"2027-01-05"}"#, "", "{", "[]", "null", #"{"é":"2027-01-04"}"#,
        ]
        for text in cases {
            #expect(JSONText.days(text) == JSONText.decode([String: Day].self, text), "\(text)")
        }
        #expect(JSONText.days(written)?["target-supplier"] == (try Day(parsing: "2028-02-29")))
        #expect(JSONText.days(written)?.count == 3)
    }

    @Test func listsOfDaysReadAsJSONDecoderReadsThem() throws {
        let days = [try Day(parsing: "2026-11-05"), try Day(parsing: "2026-11-25"), try Day(parsing: "2028-02-29")]
        let written = JSONText.encode(days)
        let cases = [
            written, JSONText.encode([Day]()), JSONText.encode([days[0]]), "[ ]", #"[ "2027-01-04"]"#, #"["2027-01-04" ]"#,
            #"["2027-02-30"]"#, #"["2027-1-4"]"#, #"["2027-01-04",]"#, #"[,"2027-01-04"]"#, #"["2027-01-04""2027-01-05"]"#,
            #"["2027-01-04""#, #"["2027-01-04\"]"#, #"[2027]"#, "[", "]", "", "{}", "null", #"[""]"#, #"["2027-01-04","2027-01-04"]"#,
        ]
        for text in cases {
            #expect(JSONText.dayList(text) == JSONText.decode([Day].self, text), "\(text)")
        }
        #expect(JSONText.dayList(written) == days)
        #expect(JSONText.dayList("[]") == [])
    }
}
