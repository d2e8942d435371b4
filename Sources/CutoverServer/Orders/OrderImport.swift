import Fluent
import Foundation
import MigrationKit

/// Imports an order file's rows: all in one transaction on the one write path, planned
/// against what Cutover holds (`OrderImportPlan`) and written only when no row is bad
/// (or bad rows are skipped) and it is not a dry run.
struct OrderImport {
    let services: CutoverServices
    /// Who imports; nil for the command line, which may import for every practice.
    let actor: Actor?
    var dryRun = false
    var skipBad = false

    /// Reads and imports the file at `path`; `progress` as for `OrderFile.read`. A file that
    /// cannot be read as a whole comes back as a report with its reason, nothing imported.
    func run(path: String, on database: any Database, progress: ((Int, Double) -> Void)? = nil) async throws -> OrderImportReport {
        let rows: [Result<OrderRecord, OrderProblems>]
        do {
            rows = try OrderFile.read(path: path, today: services.today, progress: progress)
        } catch {
            return OrderImportReport(fileError: error, dryRun: dryRun)
        }
        return try await run(rows, on: database)
    }

    func run(_ rows: [Result<OrderRecord, OrderProblems>], on database: any Database) async throws -> OrderImportReport {
        let importer: OrderReference.Importer = actor.map { $0.kind == .deliveryPartner ? .deliveryPartner($0.organisationID) : .everything } ?? .everything
        let codes = Set(rows.compactMap { (try? $0.get())?.practiceCode })
        let (services, actor, dryRun, skipBad) = (services, actor, dryRun, skipBad)
        let lock: Bool = if case .postgres = services.configuration.storage { true } else { false }
        return try await services.write(on: database) { db in
            let reference = try await OrderStore(db).reference(practiceCodes: codes, lock: lock)
            let plan = OrderImportPlan(rows: rows, reference: reference, importer: importer)
            var report = plan.report
            report.dryRun = dryRun
            guard !dryRun, report.badRows == 0 || skipBad else { return report }
            try await OrderStore(db).apply(plan.changes, importID: UUID(), actor: actor, at: services.now, on: db)
            report.imported = true
            return report
        }
    }
}
