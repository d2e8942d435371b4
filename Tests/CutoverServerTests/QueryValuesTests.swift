import Testing
import Vapor
import VaporTesting
@testable import CutoverServer
import MigrationKit

/// The list reads its filters from the query string parsed once: each must be read exactly
/// as `query.get` reads it on its own, odd query strings included.
@Suite struct QueryValuesTests {
    @Test func eachParameterReadsAsQueryGetReadsIt() async throws {
        try await withApp { app in
            let queries = [
                "", "status=registered&phase=procurement&per=50", "status=a&status=b", "status", "status=&per=",
                "supplier=%20x%2By&goLiveFrom=2027-01-04+", "page[]=2&status=registered", "phase[a]=1&per=5", "a=1&a[]=2&per=7",
                "overdue=true&overdue", "per=%ZZ", "=&&status=x", "status=a=b", "status=a&&per=2", "per=5&", "&per=5", "?per=5",
                "status=registered&phase=pre-migration&goLiveFrom=2027-01-04&overdue=true&per=100&page=3", "status=live&status=live",
            ]
            let names = ["status", "phase", "per", "page", "supplier", "goLiveFrom", "overdue", "a", "missing"]
            for query in queries {
                let request = Request(application: app, method: .GET, url: URI(string: "/api/v1/migrations?\(query)"), on: app.eventLoopGroup.next())
                let given = QueryValues(request)
                for name in names {
                    #expect(given[name] == (try? request.query.get(String.self, at: name)), "\(name) in ?\(query)")
                }
            }
        }
    }

    /// Query strings made at random from the characters that matter to a query (`&`, `=`,
    /// escapes, `+`, brackets) and plain ones, each parameter read as `query.get` reads it:
    /// those read without Vapor's decoder (`QueryValues.plain`) and those read with it.
    @Test func randomQueriesReadAsQueryGetReadsThem() async throws {
        try await withApp { app in
            var random = SplitMix64(seed: 20261129)
            let names = ["status", "per", "a", "x"]
            let plainPieces = ["1", "x", "-", ".", "~", ":", "live", "2027-01-04"]
            let oddPieces = ["=", "&", "%20", "%2", "+", "[", "]", "é", "%3D", "%26", "[]"]
            var plain = 0
            for _ in 0..<3_000 {
                func piece() -> String {
                    Int.random(in: 0..<10, using: &random) < 8 ? plainPieces.randomElement(using: &random)! : oddPieces.randomElement(using: &random)!
                }
                // Pairs of a name and a value, mostly plain, now and then with an odd piece anywhere.
                let query = (0..<Int.random(in: 1...4, using: &random)).map { _ in
                    names.randomElement(using: &random)! + (Int.random(in: 0..<10, using: &random) == 0 ? piece() : "") + "="
                        + (0..<Int.random(in: 0...3, using: &random)).map { _ in piece() }.joined()
                }.joined(separator: "&")
                let request = Request(application: app, method: .GET, url: URI(string: "/api/v1/migrations?\(query)"), on: app.eventLoopGroup.next())
                let given = QueryValues(request)
                if request.url.query.flatMap(QueryValues.plain) != nil { plain += 1 }
                // Names are words: Vapor's `query.get` reads a number as a place in a list.
                for name in names + ["missing", ""] {
                    #expect(given[name] == (try? request.query.get(String.self, at: name)), "\(name) in ?\(query)")
                }
            }
            #expect(plain > 200, "\(plain) read without Vapor's decoder")
        }
    }
}
