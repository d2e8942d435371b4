import Foundation
import Testing
@testable import cutover
import MigrationKit

/// Runs a command line the way `cutover` does and returns what it would print.
func runCLI(_ arguments: [String]) throws -> String {
    let command = try CutoverCommand.parseAsRoot(arguments)
    switch command {
    case let plan as PlanCommand: return try plan.output()
    case let holidays as HolidaysCommand: return try holidays.output()
    default: throw UsageError("not a printing command: \(arguments)")
    }
}

/// The one-line message `cutover` prints for a failing command line.
func cliError(_ arguments: [String]) -> String? {
    do {
        _ = try runCLI(arguments)
        return nil
    } catch {
        return CutoverCommand.message(for: error)
    }
}

@Suite struct PlanCommandTests {
    @Test func printsAReadableTimeline() throws {
        let text = try runCLI(["plan", "--go-live", "2027-06-14", "--today", "2026-11-25"])
        #expect(text.hasPrefix("Migration plan for go-live on Monday 14 June 2027\n"))
        #expect(text.contains("As of Wednesday 25 November 2026: on track, no deadline has passed."))
        #expect(text.contains("13. Go-live                              Mon 14 Jun 2027"))
        #expect(text.contains("due Tue 8 Jun 2027: Switch off links and communications [Practice]"))
        for phase in Phase.allCases {
            #expect(text.contains("\(phase.number). \(phase.title)"), "\(phase.title)")
        }
        #expect(text.contains("Findings: none."))
    }

    @Test func printsTheJSONContract() throws {
        let text = try runCLI(["plan", "--go-live", "2027-06-14", "--today", "2026-11-25", "--format", "json"])
        let json = try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(json["goLive"] as? String == "2027-06-14")
        #expect(json["today"] as? String == "2026-11-25")
        #expect(json["feasible"] as? Bool == true)
        #expect(json["earliestFeasibleGoLive"] is String)
        let milestones = try #require(json["milestones"] as? [[String: Any]])
        #expect(milestones.map { $0["id"] as? String } == Phase.allCases.map(\.id))
        let kickOff = try #require(milestones.first { $0["id"] as? String == "kick-off" })
        #expect(kickOff["phase"] as? Int == 3)
        #expect(kickOff["title"] as? String == "Kick-off meeting")
        let deadlines = try #require(json["deadlines"] as? [[String: Any]])
        #expect(Set(deadlines.compactMap { $0["id"] as? String }) == Set(DeadlineKind.allCases.map(\.id)))
        #expect(deadlines.allSatisfy { Party(rawValue: $0["owner"] as? String ?? "") != nil })
        #expect(json["findings"] is [Any])
    }

    @Test func findsTheEarliestGoLive() throws {
        let text = try runCLI(["plan", "--earliest", "--today", "2026-11-25", "--format", "json"])
        let json = try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(json["goLive"] as? String == json["earliestFeasibleGoLive"] as? String)
        #expect(json["feasible"] as? Bool == true)
    }

    @Test func honoursBlackoutsAndExtractLeadTime() throws {
        let plain = try runCLI(["plan", "--earliest", "--today", "2026-11-25", "--format", "json"])
        let goLive = try #require((JSONSerialization.jsonObject(with: Data(plain.utf8)) as? [String: Any])?["goLive"] as? String)
        let day = try Day(parsing: goLive)
        let blocked = try runCLI([
            "plan", "--earliest", "--today", "2026-11-25", "--format", "json",
            "--blackout", "\(day - 7)..\(day + 7):practice closed",
        ])
        let later = try #require((JSONSerialization.jsonObject(with: Data(blocked.utf8)) as? [String: Any])?["goLive"] as? String)
        #expect(try Day(parsing: later) > day + 7)
        let longer = try runCLI(["plan", "--earliest", "--today", "2026-11-25", "--extract-lead-days", "70", "--format", "json"])
        let longerGoLive = try #require((JSONSerialization.jsonObject(with: Data(longer.utf8)) as? [String: Any])?["goLive"] as? String)
        #expect(try Day(parsing: longerGoLive) > day)
    }

    @Test func reportsFindingsInTheText() throws {
        let text = try runCLI(["plan", "--go-live", "2027-06-13", "--today", "2026-11-25"])
        #expect(text.contains("CRITICAL: Go-live is set for Sunday 13 June 2027, which is not a working day (Sunday)."))
        #expect(text.contains("What to do: Move go-live to a working day, for example Monday 14 June 2027"))
    }

    @Test func saysWhenTheDateCanNoLongerBeMet() throws {
        let text = try runCLI(["plan", "--go-live", "2027-01-15", "--today", "2026-11-25"])
        #expect(text.contains("this go-live can no longer be met as planned"))
        #expect(text.contains("PASSED"))
    }

    @Test(arguments: [
        (["plan", "--go-live", "2027-02-30"], "--go-live: February 2027 has 28 days, so day 30 does not exist"),
        (["plan", "--go-live", "next tuesday"], "--go-live: 'next tuesday' is not a date"),
        (["plan", "--go-live", "2027-06-14", "--today", "tomorrow"], "--today: 'tomorrow' is not a date"),
        (["plan"], "give either --go-live DAY or --earliest"),
        (["plan", "--go-live", "2027-06-14", "--earliest"], "give either --go-live DAY or --earliest"),
        (["plan", "--go-live", "2027-06-14", "--extract-lead-days=-3"], "--extract-lead-days must be between 0 and 365, not -3"),
        (["plan", "--go-live", "2027-06-14", "--extract-lead-days", "five"], "extract-lead-days"),
        (["plan", "--go-live", "2027-06-14", "--blackout", "2027-08-13..2027-08-02"], "--blackout 2027-08-13..2027-08-02: the range ends (2027-08-02) before it starts (2027-08-13)"),
        (["plan", "--go-live", "2027-06-14", "--blackout", "August"], "--blackout August: 'August' is not a date"),
        (["plan", "--go-live", "2027-06-14", "--format", "xml"], "format"),
        (["holidays", "1900"], "bank holidays are known for 1995 to 2100 only, not for 1900"),
        (["holidays", "twenty"], "year"),
        (["holidays"], "year"),
        (["launch"], "launch"),
    ])
    func badInputNamesTheProblem(arguments: [String], expected: String) throws {
        let message = try #require(cliError(arguments))
        #expect(message.contains(expected), "\(message)")
    }
}

@Suite struct HolidaysCommandTests {
    @Test func listsAYearAsText() throws {
        let text = try runCLI(["holidays", "2027"])
        #expect(text == """
            England and Wales bank holidays, 2027
            Fri 1 Jan 2027   New Year’s Day
            Fri 26 Mar 2027  Good Friday
            Mon 29 Mar 2027  Easter Monday
            Mon 3 May 2027   Early May bank holiday
            Mon 31 May 2027  Spring bank holiday
            Mon 30 Aug 2027  Summer bank holiday
            Mon 27 Dec 2027  Christmas Day (substitute day)
            Tue 28 Dec 2027  Boxing Day (substitute day)

            """)
    }

    @Test func listsAYearAsJSON() throws {
        let text = try runCLI(["holidays", "2027", "--format", "json"])
        let entries = try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: String]])
        #expect(entries.count == 8)
        #expect(entries.last == ["date": "2027-12-28", "name": "Boxing Day (substitute day)"])
    }
}
