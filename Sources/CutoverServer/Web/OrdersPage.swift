import Fluent
import Foundation
import MigrationKit
import Vapor

/// The order records page: delivery partners and the national team upload an order CSV
/// (the import's report comes back on the page); everyone who sees a portfolio downloads
/// its orders, as order CSV or as the monthly Order Tracker return.
struct OrdersPage {
    struct Model: FramedPage {
        struct Row: Encodable { let line: String; let column: String; let reason: String }
        let layout: Layout
        let importer: Bool
        let exporter: Bool
        /// The report of the file just sent, if any.
        let summary: String?
        let succeeded: Bool
        let problems: [Row]
        let leftOut: [Row]
        let month: String
        let counts: [String: Int]
    }

    struct Upload: Content {
        var file: File?
        var dryRun: String?
        var skipBad: String?
    }

    func register(_ routes: any RoutesBuilder) {
        routes.get("orders", use: show)
        routes.on(.POST, "orders", body: .collect(maxSize: ByteCount(value: OrderFile.maximumBytes + 64 * 1024)), use: upload)
        routes.get("orders", "export", use: export)
    }

    func page(_ req: Request, report: OrderImportReport? = nil) async throws -> Response {
        let actor = try req.currentUser().actor
        let policy = req.cutover.policy
        guard policy.offersOrderRecords(actor) else { throw Abort(.notFound) }
        func row(_ p: OrderProblem) -> Model.Row { Model.Row(line: String(p.line), column: p.column ?? "The whole row", reason: p.reason) }
        let problems = report.map { r in r.fileError.map { [Model.Row(line: "", column: "The whole file", reason: $0)] } ?? r.problems.map(row) } ?? []
        let leftOut = report?.leftOut.map(row) ?? []
        let (y, m, _) = req.cutover.today.parts
        let model = Model(
            layout: Layout(req, title: "Order records", section: "orders"), importer: policy.importsOrders(actor), exporter: policy.seesPortfolio(actor),
            summary: report?.summary, succeeded: report?.succeeded ?? false, problems: problems, leftOut: leftOut,
            month: String(format: "%04d-%02d", y, m), counts: ["problems": problems.count, "leftOut": leftOut.count])
        return try await req.page("orders", model, status: report.map { $0.succeeded ? .ok : .unprocessableEntity } ?? .ok)
    }

    @Sendable func show(req: Request) async throws -> Response {
        try await page(req)
    }

    @Sendable func upload(req: Request) async throws -> Response {
        let actor = try req.currentUser().actor
        try OrderController.requireImporter(actor, req)
        let form = try req.content.decode(Upload.self)
        guard let file = form.file, file.data.readableBytes > 0 else {
            return try await page(req, report: OrderImportReport(fileError: .empty, dryRun: form.dryRun != nil))
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cutover-upload-\(UUID().uuidString).csv").path
        guard FileManager.default.createFile(atPath: path, contents: Data(file.data.readableBytesView)) else { throw Abort(.internalServerError) }
        defer { try? FileManager.default.removeItem(atPath: path) }
        let report = try await OrderImport(services: req.cutover, actor: actor, dryRun: form.dryRun != nil, skipBad: form.skipBad != nil).run(path: path, on: req.db)
        return try await page(req, report: report)
    }

    @Sendable func export(req: Request) async throws -> Response {
        let actor = try req.currentUser().actor
        guard req.cutover.policy.seesPortfolio(actor) else { throw Abort(.notFound) }
        return try await OrderController.export(req, actor: actor, format: req.query[String.self, at: "format"], month: req.query[String.self, at: "month"])
    }
}
