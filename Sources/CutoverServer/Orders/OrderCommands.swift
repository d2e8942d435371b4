import Foundation
import MigrationKit
import Vapor

/// Order files from the shell (`cutover import orders`, `cutover export orders`), with the
/// whole region in scope: whoever runs the command has the database itself.
public enum OrderCommands {
    /// Imports the file at `path` (`OrderImport.run(path:)`); `progress` hears the rows read
    /// so far and the share of the file.
    public static func importFile(_ path: String, app: Application, dryRun: Bool, skipBad: Bool, progress: ((Int, Double) -> Void)? = nil) async throws -> OrderImportReport {
        try await OrderImport(services: app.cutover, actor: nil, dryRun: dryRun, skipBad: skipBad).run(path: path, on: app.db, progress: progress)
    }

    /// The region's orders as CSV: `format` is order-csv or order-tracker, `month` YYYY-MM.
    public static func export(app: Application, format: String, month: String?) async throws -> Data {
        let (format, month) = try OrderExport.options(format: format, month: month)
        return try OrderExport.csv(try await OrderExport(app.db).lines(scope: nil, month: month), format: format)
    }

    /// What is wrong with the export's options, for the shell to say; nil when nothing.
    public static func problem(format: String, month: String?) -> String? {
        do {
            _ = try OrderExport.options(format: format, month: month)
            return nil
        } catch {
            return "--" + ((error as? APIError)?.message ?? "\(error)")
        }
    }
}
