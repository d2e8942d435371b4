import ArgumentParser
import Foundation
import MigrationKit

/// `cutover plan`: the plan backwards from a go-live day, or the earliest go-live that
/// can still be met.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Plan a migration backwards from its go-live day.",
        discussion: """
            Every date lands on an England and Wales working day outside the blackouts.
            Examples:
              cutover plan --go-live 2027-06-14
              cutover plan --earliest --today 2026-11-25 --blackout 2027-03-29..2027-04-09:Easter\\ leave
            """
    )

    @Option(name: .customLong("go-live"), help: "The go-live day, YYYY-MM-DD.")
    var goLiveText: String?

    @Flag(help: "Find the earliest go-live that can still be met, and plan for it.")
    var earliest = false

    @Option(name: .customLong("today"), help: "Plan as seen on this day (default: today in London).")
    var todayText: String?

    @Option(name: .customLong("extract-lead-days"), help: "Calendar days of notice the old system's supplier needs for the data extract (default 35).")
    var extractLeadDays: Int?

    @Option(name: .customLong("blackout"), help: "A period the practice cannot use, FROM..TO[:REASON]; repeat for more.")
    var blackoutTexts: [String] = []

    @Option(help: "text or json.")
    var format: OutputFormat = .text

    func validate() throws {
        if earliest == (goLiveText != nil) {
            throw ValidationError("give either --go-live DAY or --earliest")
        }
    }

    func run() async throws {
        print(try output(), terminator: "")
    }

    /// The whole output, so tests can read it.
    func output(clock: () -> Date = Date.init) throws -> String {
        let today = try todayText.map { try parseDay($0, option: "--today") } ?? LondonToday.day(at: clock())
        var template = ProcessTemplate.standard
        if let extractLeadDays {
            do {
                template = try template.applying(["dataExtractNoticeDays": extractLeadDays])
            } catch {
                throw ValidationError("--extract-lead-days must be between 0 and 365, not \(extractLeadDays)")
            }
        }
        let blackouts = try blackoutTexts.map { text in
            do {
                return try Blackout(parsing: text)
            } catch {
                throw ValidationError("--blackout \(text): \(error)")
            }
        }
        let planner = Planner(template: template, calendar: WorkingCalendar(blackouts: blackouts))
        let goLive: Day
        if let goLiveText {
            goLive = try parseDay(goLiveText, option: "--go-live")
        } else if let found = planner.earliestFeasibleGoLive(from: today) {
            goLive = found
        } else {
            throw UsageError("no go-live can be met within \(Planner.searchHorizonDays) days of \(today): check the blackouts")
        }
        let report = planner.report(goLive: goLive, today: today)
        switch format {
        case .json: return try JSONOutput.encode(report)
        case .text: return TimelineText(report: report, blackouts: blackouts).render()
        }
    }
}
