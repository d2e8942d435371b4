import ArgumentParser
import Foundation
import CutoverServer

/// The root of the `cutover` command line.
struct CutoverCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cutover",
        abstract: "Plan and track the move of a GP practice to a new clinical system.",
        subcommands: [PlanCommand.self, HolidaysCommand.self, ServeCommand.self, UserCommand.self, OrganisationCommand.self, TokenCommand.self, SeedCommand.self, BackupCommand.self, ImportCommand.self, ExportCommand.self]
    )
}

/// Entry point: runs the command, and turns any error into one line on standard error and
/// a non-zero exit code (help and version requests still print in full).
@main
enum CutoverMain {
    static func main() async {
        CutoverApp.runTasksOnEventLoops()
        do {
            var command = try CutoverCommand.parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let exit as ExitCode {
            // The command has said why already (an import's report, say).
            Foundation.exit(exit.rawValue)
        } catch {
            let code = CutoverCommand.exitCode(for: error)
            if code == .success || error is CleanExit {
                CutoverCommand.exit(withError: error)
            }
            let message = CutoverCommand.message(for: error)
                .split(separator: "\n").first.map(String.init) ?? "failed"
            FileHandle.standardError.write(Data("cutover: \(message)\n".utf8))
            Foundation.exit(code.rawValue == 0 ? 1 : code.rawValue)
        }
    }
}

/// An error meant for the person at the terminal: its text is the whole message.
struct UsageError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
