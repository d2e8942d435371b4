import Fluent
import Foundation
import MigrationKit
import NIOCore
import Vapor

/// Order files over the API: `POST /api/v1/imports/orders` (text/csv) answers the import's
/// report; `GET /api/v1/exports/orders` answers the reader's portfolio as CSV.
struct OrderController {
    func register(_ api: any RoutesBuilder) {
        // Streamed to a file as it arrives: an upload is never held in memory whole.
        api.on(.POST, "imports", "orders", body: .stream, use: importOrders)
        api.get("exports", "orders", use: exportOrders)
    }

    @Sendable func importOrders(req: Request) async throws -> Response {
        let actor = try req.currentUser().actor
        try Self.requireImporter(actor, req)
        guard let type = req.headers.contentType, type.type == "text", type.subType == "csv" else {
            throw APIError(.unsupportedMediaType, "unsupported-media-type", "send the order file as text/csv")
        }
        let report = try await Self.importing(req, actor: actor, dryRun: Self.flag(req, "dryRun"), skipBad: Self.flag(req, "skipBad"))
        return try jsonResponse(report, status: report.succeeded ? .ok : .unprocessableEntity)
    }

    @Sendable func exportOrders(req: Request) async throws -> Response {
        let actor = try req.currentUser().actor
        guard req.cutover.policy.seesPortfolio(actor) else {
            throw APIError(.forbidden, "forbidden", "only commissioners, delivery partners and the national team export the portfolio's orders")
        }
        return try await Self.export(req, actor: actor, format: req.query[String.self, at: "format"], month: req.query[String.self, at: "month"])
    }

    static func requireImporter(_ actor: Actor, _ req: Request) throws {
        guard req.cutover.policy.importsOrders(actor) else {
            throw APIError(.forbidden, "forbidden", "only delivery partners and the national team import order files")
        }
    }

    /// `?name=true`; anything else but false or nothing is named as a bad parameter.
    static func flag(_ req: Request, _ name: String) throws -> Bool {
        switch req.query[String.self, at: name] {
        case nil, "false": return false
        case "true": return true
        case let other?: throw APIError.invalid(name, "\(name) is true or false, not '\(other)'")
        }
    }

    /// Reads the request's body to a temporary file (refused once it passes the limit), then
    /// imports it as `actor`.
    static func importing(_ req: Request, actor: Actor, dryRun: Bool, skipBad: Bool) async throws -> OrderImportReport {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cutover-upload-\(UUID().uuidString).csv").path
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw Abort(.internalServerError, reason: "could not keep the upload")
        }
        defer { try? FileManager.default.removeItem(atPath: path) }
        var size = 0
        do {
            for try await chunk in req.body {
                size += chunk.readableBytes
                guard size <= OrderFile.maximumBytes else {
                    throw APIError(.payloadTooLarge, "too-large", "the file is larger than \(OrderFile.maximumBytes / 1024 / 1024) MB: split it and import each part")
                }
                try handle.write(contentsOf: Data(chunk.readableBytesView))
            }
            try handle.close()
        } catch {
            try? handle.close()
            throw error
        }
        return try await OrderImport(services: req.cutover, actor: actor, dryRun: dryRun, skipBad: skipBad).run(path: path, on: req.db)
    }

    /// The orders of the migrations `actor` may see, as a CSV download.
    static func export(_ req: Request, actor: Actor, format: String?, month: String?) async throws -> Response {
        let (chosen, month) = try OrderExport.options(format: format, month: month)
        let lines = try await OrderExport(req.db).lines(scope: MigrationList.scope(of: actor), month: month)
        let response = Response(status: .ok, body: .init(data: try OrderExport.csv(lines, format: chosen)))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        let name = "cutover-\(chosen.rawValue)" + (month.map { String(format: "-%04d-%02d", $0.year, $0.month) } ?? "-\(req.cutover.today)") + ".csv"
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(name)\"")
        return response
    }
}
