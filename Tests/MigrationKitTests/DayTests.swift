import Foundation
import Testing
@testable import MigrationKit

@Suite struct DayTests {
    @Test func parsesAndPrintsISODates() throws {
        let day = try Day(parsing: "2027-06-14")
        #expect(day.description == "2027-06-14")
        #expect(day.parts == (2027, 6, 14))
        #expect(day.weekday == .monday)
        #expect(day.longDescription == "Monday 14 June 2027")
        #expect(day.shortDescription == "Mon 14 Jun 2027")
        #expect(try Day(parsing: "2027-01-01").shortDescription == "Fri 1 Jan 2027")
        #expect(try Day(parsing: "2026-11-04").longDescription == "Wednesday 4 November 2026")
    }

    /// Every day of four years reads as Foundation's calendar names it, in both forms.
    @Test func namesEveryDayAsFoundationDoes() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = calendar.timeZone
        var day = try Day(parsing: "2026-01-01")
        while day < (try Day(parsing: "2030-01-01")) {
            let date = Date(timeIntervalSince1970: Double(day.daysSinceEpoch) * 86_400)
            formatter.dateFormat = "EEEE d MMMM yyyy"
            #expect(day.longDescription == formatter.string(from: date))
            formatter.dateFormat = "EEE d MMM yyyy"
            #expect(day.shortDescription == formatter.string(from: date).replacingOccurrences(of: "Sept", with: "Sep"))
            day = day + 1
        }
    }

    @Test func knowsTheEpochAndNegativeDays() throws {
        #expect(try Day(parsing: "1970-01-01").daysSinceEpoch == 0)
        #expect(try Day(parsing: "1969-12-31").daysSinceEpoch == -1)
        #expect(try Day(parsing: "1970-01-01").weekday == .thursday)
        #expect(Day(daysSinceEpoch: -1).description == "1969-12-31")
    }

    @Test(arguments: [
        ("2027-02-30", DayError.noSuchDay(year: 2027, month: 2, day: 30, daysInMonth: 28)),
        ("2028-02-30", DayError.noSuchDay(year: 2028, month: 2, day: 30, daysInMonth: 29)),
        ("2027-04-31", DayError.noSuchDay(year: 2027, month: 4, day: 31, daysInMonth: 30)),
        ("2027-13-01", DayError.noSuchMonth(year: 2027, month: 13)),
        ("2027-00-10", DayError.noSuchMonth(year: 2027, month: 0)),
        ("0000-01-01", DayError.yearOutOfRange(0)),
        ("next tuesday", DayError.notADate("next tuesday")),
        ("2027-6-14", DayError.notADate("2027-6-14")),
        ("14/06/2027", DayError.notADate("14/06/2027")),
        ("2027-06-1x", DayError.notADate("2027-06-1x")),
        ("", DayError.notADate("")),
    ])
    func refusesWhatIsNotADate(text: String, expected: DayError) {
        #expect(throws: expected) { try Day(parsing: text) }
    }

    @Test func explainsImpossibleDatesInWords() {
        #expect(DayError.noSuchDay(year: 2027, month: 2, day: 30, daysInMonth: 28).description
            == "February 2027 has 28 days, so day 30 does not exist")
        #expect(DayError.notADate("next tuesday").description.contains("YYYY-MM-DD"))
    }

    @Test func leapYears() {
        #expect(Day.isLeap(2024))
        #expect(!Day.isLeap(2100))
        #expect(Day.isLeap(2000))
        #expect(!Day.isLeap(2027))
    }

    @Test func arithmeticAndComparison() throws {
        let day = try Day(parsing: "2027-12-31")
        #expect((day + 1).description == "2028-01-01")
        #expect((day - 365).description == "2026-12-31")
        #expect(day.days(to: try Day(parsing: "2028-03-01")) == 61)
        #expect(day < day + 1)
    }

    /// Foundation's Gregorian calendar in UTC serves as an independent oracle here only.
    @Test func agreesWithFoundationFrom1900To2100() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var day = try Day(parsing: "1900-01-01")
        let last = try Day(parsing: "2100-12-31")
        while day <= last {
            let date = Date(timeIntervalSince1970: Double(day.daysSinceEpoch) * 86_400)
            let parts = calendar.dateComponents([.year, .month, .day, .weekday], from: date)
            #expect(day.parts == (parts.year!, parts.month!, parts.day!))
            // Foundation counts Sunday as 1.
            #expect((day.weekday.rawValue % 7) + 1 == parts.weekday!)
            // The Monday of its week: at most six days back, a Monday.
            #expect(day.monday.weekday == .monday && day.monday <= day && day.monday.days(to: day) < 7)
            #expect(try Day(parsing: day.description) == day)
            day = day + 1
        }
    }

    @Test func encodesAsAString() throws {
        let data = try JSONEncoder().encode([try Day(parsing: "2027-06-14")])
        #expect(String(decoding: data, as: UTF8.self) == #"["2027-06-14"]"#)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Day].self, from: Data(#"["2027-02-30"]"#.utf8)) }
    }

    @Test func londonTodayFollowsBritishSummerTime() throws {
        // 23:30 UTC on 30 June 2027 is already 1 July in London (BST); in January it is not.
        let summer = Date(timeIntervalSince1970: Double(try Day(parsing: "2027-06-30").daysSinceEpoch) * 86_400 + 23.5 * 3600)
        #expect(LondonToday.day(at: summer).description == "2027-07-01")
        let winter = Date(timeIntervalSince1970: Double(try Day(parsing: "2027-01-30").daysSinceEpoch) * 86_400 + 23.5 * 3600)
        #expect(LondonToday.day(at: winter).description == "2027-01-30")
    }
}

@Suite struct DayRangeTests {
    @Test func parsesRangesAndBlackouts() throws {
        let blackout = try Blackout(parsing: "2027-08-02..2027-08-13:summer leave")
        #expect(blackout.range.dayCount == 12)
        #expect(blackout.reason == "summer leave")
        #expect(try Blackout(parsing: "2027-08-02").range.dayCount == 1)
    }

    @Test func refusesBackwardsAndMalformedRanges() throws {
        #expect(throws: DayRangeError.endsBeforeStart(start: try Day(parsing: "2027-08-13"), end: try Day(parsing: "2027-08-02"))) {
            try DayRange(parsing: "2027-08-13..2027-08-02")
        }
        #expect(throws: DayRangeError.notARange("2027-08-02...2027-08-13")) { try DayRange(parsing: "2027-08-02...2027-08-13") }
        #expect(throws: DayRangeError.badDay(.notADate("soon"))) { try DayRange(parsing: "2027-08-02..soon") }
    }
}
