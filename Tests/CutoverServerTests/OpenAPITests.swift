import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CutoverServer

/// The OpenAPI document in the repository and the server agree: the same operations, and
/// real responses that match the schemas it gives.
@Suite struct OpenAPITests {
    @Test func documentAndRoutesListTheSameOperations() async throws {
        try await withCutover { app, _ in
            let served = try await Call(app: app).send(.GET, "/api/openapi.json")
            #expect(served.status == .ok)
            let schema = try OpenAPISchema(json: served.body.string)
            #expect(schema.document["openapi"] as? String == "3.1.0")
            // The API's routes; the web pages are HTML and not part of the document.
            let apiRoutes = app.routes.all.filter { route in
                guard case .constant(let first) = route.path.first else { return false }
                return ["api", "healthz", "readyz"].contains(first)
            }
            let routes = Set(apiRoutes.map { route in
                let path = route.path.map { component -> String in
                    switch component {
                    case .constant(let text): text
                    case .parameter(let name): "{\(name)}"
                    case .anything: "*"
                    case .catchall: "**"
                    }
                }.joined(separator: "/")
                return "\(route.method.rawValue) /\(path)"
            })
            #expect(routes.subtracting(schema.operations).sorted() == [], "routes missing from the document")
            #expect(schema.operations.subtracting(routes).sorted() == [], "operations the server does not have")
        }
    }

    @Test func responsesMatchTheDocument() async throws {
        try await withCutover { app, world in
            let call = Call(app: app)
            let schema = try OpenAPISchema(json: OpenAPIDocument.json)
            var checked = 0
            func check(_ method: HTTPMethod, _ template: String, _ path: String, as role: World.Role? = .deliveryPartner, json: String? = nil, headers: [(String, String)] = [],
                       sourceLocation: SourceLocation = #_sourceLocation) async throws {
                let response = try await call.send(method, path, as: role.map(world.token), json: json, headers: headers)
                guard let responseSchema = schema.responseSchema(method.rawValue, template, status: Int(response.status.code)) else {
                    Issue.record("\(method) \(template) answered \(response.status.code), which the document does not list", sourceLocation: sourceLocation)
                    return
                }
                let body = try JSONSerialization.jsonObject(with: Data(buffer: response.body), options: [.fragmentsAllowed])
                let problems = schema.problems(body, responseSchema)
                #expect(problems.isEmpty, "\(method) \(template) \(response.status.code): \(problems.prefix(5))", sourceLocation: sourceLocation)
                checked += 1
            }

            let id = try await world.createMigration(call)
            let journey = Journey(call: call, world: world, id: id)
            try await journey.procure()
            try await journey.extract()
            try await journey.step(.practice, "/notices", #"{"recipient": "EPS", "service": "eps"}"#)
            try await journey.step(.practice, "/action-items", #"{"title": "Send list", "phase": "kick-off", "owner": "practice", "due": "2027-04-28"}"#)
            let m = "/api/v1/migrations/{migrationID}"
            let base = "/api/v1/migrations/\(id)"
            try await check(.GET, "/healthz", "/healthz", as: nil)
            try await check(.GET, "/readyz", "/readyz", as: nil)
            try await check(.POST, "/api/v1/auth/token", "/api/v1/auth/token", as: nil, json: #"{"email": "viewer@test.example", "password": "correct horse battery"}"#)
            try await check(.POST, "/api/v1/auth/token", "/api/v1/auth/token", as: nil, json: #"{"email": "viewer@test.example", "password": "nope"}"#)
            try await check(.GET, "/api/v1/migrations", "/api/v1/migrations?per=10")
            try await check(.GET, "/api/v1/migrations", "/api/v1/migrations?phase=lunch")
            try await check(.GET, m, base)
            try await check(.GET, m, base, as: .sourceSupplier)
            try await check(.GET, m, "/api/v1/migrations/\(UUID())")
            try await check(.GET, m + "/plan", base + "/plan")
            try await check(.GET, m + "/plan", base + "/plan?goLive=2027-07-05")
            try await check(.GET, m + "/plans", base + "/plans")
            try await check(.GET, m + "/history", base + "/history")
            try await check(.PATCH, m, base, json: #"{"blackouts": []}"#, headers: [("If-Match", "\"1\"")])
            try await check(.POST, m + "/approval", base + "/approval", as: .commissioner, json: #"{"fundingAmount": 1, "fundingSource": "x"}"#)
            try await check(.POST, m + "/registration", base + "/registration", as: .practice, json: "{}")
            try await check(.POST, m + "/kick-off", base + "/kick-off", json: #"{"day": "2027-04-29"}"#)
            try await check(.POST, m + "/kick-off", base + "/kick-off", json: #"{"day": 5}"#)
            try await check(.POST, m + "/provisional-go-live", base + "/provisional-go-live", json: #"{"goLive": "2027-06-14"}"#, headers: [("If-Match", "\"1\"")])
            try await check(.GET, "/api/v1/portfolio", "/api/v1/portfolio")
            try await check(.GET, "/api/v1/practices", "/api/v1/practices")
            try await check(.GET, "/api/v1/suppliers", "/api/v1/suppliers")
            try await check(.GET, "/api/v1/products", "/api/v1/products")
            try await check(.GET, "/api/v1/organisations", "/api/v1/organisations")
            try await check(.GET, "/api/v1/users", "/api/v1/users", as: .national)
            try await check(.GET, "/api/v1/users", "/api/v1/users", as: .commissioner)
            try await check(.GET, "/api/v1/portfolio", "/api/v1/portfolio", as: nil)
            #expect(checked == 27)
        }
    }
}
