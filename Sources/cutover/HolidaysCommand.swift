import ArgumentParser
import MigrationKit

/// `cutover holidays YEAR`: the England and Wales bank holidays of a year.
struct HolidaysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "holidays",
        abstract: "List the England and Wales bank holidays of a year (1995 to 2100)."
    )

    @Argument(help: "The year, for example 2027.")
    var year: Int

    @Option(help: "text or json.")
    var format: OutputFormat = .text

    func validate() throws {
        guard EnglandAndWalesBankHolidays.supportedYears.contains(year) else {
            throw ValidationError("bank holidays are known for 1995 to 2100 only, not for \(year)")
        }
    }

    func run() throws {
        print(try output(), terminator: "")
    }

    func output() throws -> String {
        let holidays = try EnglandAndWalesBankHolidays.holidays(in: year)
        switch format {
        case .json:
            return try JSONOutput.encode(holidays)
        case .text:
            let lines = holidays.map { "\($0.date.shortDescription.padding(toLength: 16, withPad: " ", startingAt: 0)) \($0.name)" }
            return "England and Wales bank holidays, \(year)\n" + lines.joined(separator: "\n") + "\n"
        }
    }
}
