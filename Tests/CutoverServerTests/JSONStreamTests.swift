import Foundation
import MigrationKit
import NIOCore
import Testing
@testable import CutoverServer

/// `JSONStream` writes the bytes Foundation's `JSONEncoder` (ISO 8601 dates) writes, over
/// values shaped every way `Codable` allows, and the same JSON for every demo migration
/// read by every demo user.
@Suite struct JSONStreamTests {
    private static func foundation(_ value: some Encodable, sorted: Bool = false) throws -> String {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        if sorted { encoder.outputFormatting = [.sortedKeys] }
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    private static func streamed(_ value: some Encodable) throws -> String {
        String(buffer: try JSONStream.encode(value))
    }

    enum Colour: String, Codable { case red, amber }

    struct Inner: Codable, Equatable {
        let name: String
        let count: Int
        let note: String?
    }

    /// Writes through nested containers, asks for its container twice and writes an
    /// explicit null, as hand-written `encode(to:)` methods may.
    struct Handmade: Encodable {
        enum Keys: String, CodingKey { case first, nested, list, again, none }
        func encode(to encoder: any Encoder) throws {
            var outer = encoder.container(keyedBy: Keys.self)
            try outer.encode(UInt8(7), forKey: .first)
            var nested = outer.nestedContainer(keyedBy: Keys.self, forKey: .nested)
            try nested.encode(Int64.min, forKey: .first)
            var list = nested.nestedUnkeyedContainer(forKey: .list)
            try list.encode(true)
            try list.encodeNil()
            var deeper = list.nestedContainer(keyedBy: Keys.self)
            try deeper.encode("deep", forKey: .first)
            var row = list.nestedUnkeyedContainer()
            try row.encode(Float(0.1))
            try outer.encodeNil(forKey: .none)
            var again = encoder.container(keyedBy: Keys.self)
            try again.encode([Int](), forKey: .again)
        }
    }

    struct Nothing: Encodable {
        func encode(to encoder: any Encoder) throws {}
    }

    struct Everything: Encodable {
        let text = "quote \" backslash \\ slash / newline \n tab \t return \r bell \u{07} unit \u{1F} é 🙂 \u{8}\u{C}"
        let empty = ""
        let numbers: [Int] = [0, -1, Int.max, Int.min]
        let doubles: [Double] = [1.5, 2.0, -0.25, 1e20, 123456.789]
        let flags = [true, false]
        let date = Date(timeIntervalSince1970: 1_764_300_000)
        let colour = Colour.amber
        let inner = Inner(name: "n", count: 3, note: nil)
        let inners = [Inner(name: "a", count: 1, note: "x"), Inner(name: "b", count: 2, note: nil)]
        let missing: Inner? = nil
        let matrix: [[Int]] = [[1, 2], [], [3]]
        let optionals: [Int?] = [1, nil, 3]
        let handmade = Handmade()
        let nothing = Nothing()
        let day = Day(daysSinceEpoch: 20_420)
        let id = UUID(uuidString: "9DD461C7-C19A-4A41-BD92-7469295C3A62")!
        let url = URL(string: "https://example.test/a?b=c")!
    }

    /// Parsed and written back in key order: `JSONEncoder` writes an object's members in
    /// the order of a hash table, `JSONStream` in the order they are encoded.
    private static func canonical(_ text: String) throws -> String {
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .fragmentsAllowed]), as: UTF8.self)
    }

    @Test func writesWhatJSONEncoderWrites() throws {
        let value = Everything()
        let streamed = try Self.streamed(value)
        #expect(try Self.canonical(streamed) == Self.canonical(Self.foundation(value)))
        #expect(streamed.hasPrefix(#"{"text":"quote \" backslash"#))
        #expect(streamed.contains(#""handmade":{"first":7,"nested":{"first":-9223372036854775808,"list":[true,null,{"first":"deep"},[0.1]]},"none":null,"again":[]}"#))
        #expect(streamed.contains(#""inner":{"name":"n","count":3},"#))
        // Without objects, the bytes are JSONEncoder's.
        let parts: [any Encodable] = [
            value.text, value.empty, value.numbers, value.doubles, value.flags, value.date, value.colour, value.matrix,
            value.optionals, value.day, value.id, value.url, "a/b", "\u{0}", [Inner](),
        ]
        for part in parts {
            #expect(try Self.streamed(part) == Self.foundation(part))
        }
    }

    @Test func dictionariesAreWrittenInKeyOrder() throws {
        let dictionary = ["zeta": 1, "alpha": 2, "mid/dle": 3, "Beta": 4]
        #expect((try Self.streamed(dictionary)) == (try Self.foundation(dictionary, sorted: true)))
        #expect((try Self.streamed(["b": ["y": 1, "x": 2], "a": [:]])) == #"{"a":{},"b":{"x":2,"y":1}}"#)
    }

    @Test func refusesWhatJSONCannotHold() {
        #expect(throws: EncodingError.self) { try Self.streamed([Double.nan]) }
        #expect(throws: EncodingError.self) { try Self.streamed(["x": Double.infinity]) }
    }

    /// Every demo migration as every user who may read it: the same JSON.
    @Test func everyDemoMigrationReadsTheSame() async throws {
        try await withDemoRegion { app, aggregates, actors in
            let policy = app.cutover.policy, today = app.cutover.today
            var compared = 0
            for aggregate in aggregates {
                for (_, actor) in actors where policy.canSee(actor, aggregate.parties) {
                    let json = MigrationJSON(aggregate, for: actor, policy: policy, today: today)
                    let streamed = try Self.canonical(Self.streamed(json)), foundation = try Self.canonical(Self.foundation(json))
                    #expect(streamed == foundation)
                    compared += 1
                }
            }
            #expect(compared > 50)
        }
    }
}
