import Testing
import Vapor
import VaporTesting
@testable import CutoverServer

/// The list reads its filters from the query string parsed once: each must be read exactly
/// as `query.get` reads it on its own, odd query strings included.
@Suite struct QueryValuesTests {
    @Test func eachParameterReadsAsQueryGetReadsIt() async throws {
        try await withApp { app in
            let queries = [
                "", "status=registered&phase=procurement&per=50", "status=a&status=b", "status", "status=&per=",
                "supplier=%20x%2By&goLiveFrom=2027-01-04+", "page[]=2&status=registered", "phase[a]=1&per=5", "a=1&a[]=2&per=7",
                "overdue=true&overdue", "per=%ZZ", "=&&status=x",
            ]
            let names = ["status", "phase", "per", "page", "supplier", "goLiveFrom", "overdue", "a", "missing"]
            for query in queries {
                let request = Request(application: app, method: .GET, url: URI(string: "/api/v1/migrations?\(query)"), on: app.eventLoopGroup.next())
                let given = QueryValues(request.query)
                for name in names {
                    #expect(given[name] == (try? request.query.get(String.self, at: name)), "\(name) in ?\(query)")
                }
            }
        }
    }
}
