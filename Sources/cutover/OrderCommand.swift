import ArgumentParser
import CutoverServer
import Foundation
import MigrationKit

/// `cutover import orders FILE`: a Buying Catalogue order export or Order Tracker return.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Import records from national files.", subcommands: [Orders.self])

    struct Orders: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import an order CSV: practices, suppliers, products and each migration's order lines (call-off, M1, M2, cease).",
            discussion: """
                Columns are found by their header names, dates are dd/mm/yyyy. The whole file is one transaction: \
                while any row is bad nothing is imported (exit 65) unless --skip-bad. Importing the same file again changes nothing.
                """)

        @Argument(help: "The CSV file (UTF-8, with or without a byte-order mark).")
        var file: String
        @Flag(help: "Check the file and report what would change, without writing anything.")
        var dryRun = false
        @Flag(help: "Import the good rows even when some are bad (the bad ones are reported).")
        var skipBad = false
        @Option(help: "text or json.")
        var format: OutputFormat = .text
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            let (file, dryRun, skipBad) = (file, dryRun, skipBad)
            let progress = Progress(terminal: isatty(STDERR_FILENO) == 1)
            let report = try await CutoverApp.withDatabase(ServerConfiguration(storage: storage.storage)) { app in
                try await OrderCommands.importFile(file, app: app, dryRun: dryRun, skipBad: skipBad, progress: progress.show)
            }
            if report.rows > 0 { progress.finish(rows: report.rows) }
            switch format {
            case .json: print(try JSONOutput.encode(report), terminator: "")
            case .text:
                print(report.summary)
                for problem in report.problems { print("  bad: \(problem)") }
                for note in report.leftOut { print("  left out: \(note)") }
            }
            // 65 (EX_DATAERR): the file's data kept it from being imported.
            if !report.succeeded { throw ExitCode(65) }
        }
    }
}

/// What a long import shows while it reads: a bar on a terminal, a plain count in a log.
final class Progress: @unchecked Sendable {
    let terminal: Bool

    init(terminal: Bool) { self.terminal = terminal }

    func show(rows: Int, share: Double) {
        let line: String
        if terminal {
            let filled = Int(share * 30)
            line = "\r[" + String(repeating: "#", count: filled) + String(repeating: " ", count: 30 - filled) + "] \(rows) rows read"
        } else {
            line = "\(rows) rows read\n"
        }
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish(rows: Int) {
        FileHandle.standardError.write(Data((terminal ? "\r[" + String(repeating: "#", count: 30) + "] \(rows) rows read\n" : "\(rows) rows read\n").utf8))
    }
}

/// `cutover export orders`: the region's orders as CSV on standard output.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "Export records for national returns.", subcommands: [Orders.self])

    struct Orders: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write every migration's order lines as CSV: the order export's columns, or the monthly Order Tracker return.")

        @Option(help: "order-csv or order-tracker.")
        var format: String = "order-csv"
        @Option(help: "Only lines with a milestone in this month, YYYY-MM.")
        var month: String?
        @OptionGroup var storage: StorageOptions

        func validate() throws {
            if let problem = OrderCommands.problem(format: format, month: month) { throw ValidationError(problem) }
        }

        func run() async throws {
            let (format, month) = (format, month)
            let csv = try await CutoverApp.withDatabase(ServerConfiguration(storage: storage.storage)) { app in
                try await OrderCommands.export(app: app, format: format, month: month)
            }
            FileHandle.standardOutput.write(csv)
        }
    }
}
