import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CutoverServer

/// Takes a migration through the workflow through the API, each step by the party the
/// guide gives it, checking every response.
struct Journey {
    let call: Call
    let world: World
    let id: String

    var base: String { "/api/v1/migrations/\(id)" }

    @discardableResult
    /// Takes a step as `role`; by default it must succeed: 201 for a step that adds an
    /// item (a POST to a collection), 200 for the rest.
    func step(_ role: World.Role, _ path: String, _ json: String = "{}", method: HTTPMethod = .POST, expect: HTTPStatus? = nil,
              sourceLocation: SourceLocation = #_sourceLocation) async throws -> TestingHTTPResponse {
        let response = try await call.send(method, base + path, as: world.token(role), json: json)
        let adds = method == .POST && ["/schedule-as", "/extract-requests", "/notices", "/action-items"].contains(path)
        let expect = expect ?? (adds ? .created : .ok)
        #expect(response.status == expect, "\(role) \(method) \(path): \(response.body.string)", sourceLocation: sourceLocation)
        return response
    }

    /// The migration as `role` reads it; an error answer fails the test rather than
    /// reading as an empty migration.
    func migration(_ role: World.Role = .deliveryPartner) async throws -> [String: Any] {
        let response = try await call.send(.GET, base, as: world.token(role))
        guard response.status == .ok else { throw TestFailure("\(role) GET \(base): \(response.status) \(response.body.string)") }
        return response.json
    }

    func item(_ list: String, role: World.Role = .deliveryPartner, where predicate: ([String: Any]) -> Bool) async throws -> String {
        let items = try await migration(role)[list] as? [[String: Any]] ?? []
        guard let id = items.first(where: predicate)?["id"] as? String else { throw TestFailure("no matching \(list)") }
        return id
    }

    /// Approval, registration, every Schedule A called off and accepted, the go-live confirmed.
    func procure() async throws {
        try await step(.commissioner, "/approval", #"{"fundingAmount": 18500, "fundingSource": "ICB capital"}"#)
        try await step(.deliveryPartner, "/registration", #"{"reference": "MIG-1"}"#)
        for kind in ["target", "decommission"] {
            try await step(.deliveryPartner, "/schedule-as", #"{"kind": "\#(kind)"}"#)
        }
        try await step(.deliveryPartner, "/schedule-as", #"{"kind": "submodule", "productCode": "10052-101"}"#)
        let scheduleAs = try await migration()["scheduleAs"] as? [[String: Any]] ?? []
        for scheduleA in scheduleAs {
            let sid = scheduleA["id"] as! String
            try await step(.commissioner, "/schedule-as/\(sid)/commissioner-decision", #"{"decision": "accept"}"#)
            let supplier: World.Role = scheduleA["kind"] as? String == "decommission" ? .sourceSupplier : .targetSupplier
            let body = scheduleA["kind"] as? String == "target" ? #"{"decision": "accept", "goLive": "2027-06-14"}"# : #"{"decision": "accept"}"#
            try await step(supplier, "/schedule-as/\(sid)/supplier-decision", body)
        }
    }

    /// The four steps of the old system's extract.
    func extract() async throws {
        try await step(.deliveryPartner, "/extract-requests", "{}")
        let eid = try await item("extractRequests") { $0["status"] as? String == "form-requested" }
        try await step(.sourceSupplier, "/extract-requests/\(eid)/form-sent")
        try await step(.practice, "/extract-requests/\(eid)/form-returned", #"{"dataProductionDays": ["2027-05-19", "2027-06-09"]}"#)
        try await step(.targetSupplier, "/extract-requests/\(eid)/transfer-confirmed")
    }

    /// After `procure`: every extract transferred, the go-live data signed off, and the
    /// go-live confirmed for today, so that it can be recorded.
    func readyToGoLiveToday() async throws {
        try await extract()
        try await step(.deliveryPartner, "/extract-requests", #"{"supplierId": "\#(world.organisations[.subsidiarySupplier]!)"}"#)
        let docman = try await item("extractRequests") { $0["status"] as? String == "form-requested" }
        try await step(.subsidiarySupplier, "/extract-requests/\(docman)/form-sent")
        try await step(.practice, "/extract-requests/\(docman)/form-returned", #"{"dataProductionDays": ["2027-05-19"]}"#)
        try await step(.targetSupplier, "/extract-requests/\(docman)/transfer-confirmed")
        try await step(.practice, "/sign-offs", #"{"kind": "go-live-data", "signerName": "Dr Khan"}"#)
        let target = try await item("scheduleAs") { $0["kind"] as? String == "target" }
        try await step(.targetSupplier, "/schedule-as/\(target)/confirmed-go-live", #"{"goLive": "2026-11-25"}"#)
    }
}
