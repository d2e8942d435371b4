import Testing
@testable import MigrationKit

@Suite struct BankHolidayTests {
    @Test func matchesGOVUKFrom2012To2028() throws {
        let published = GovUKBankHolidays.englandAndWales
        let computed = try (2012...2028).flatMap { try EnglandAndWalesBankHolidays.holidays(in: $0) }
        #expect(computed.map(\.date.description) == published.map(\.date))
        #expect(computed.map(\.name) == published.map(\.title))
    }

    @Test(arguments: [
        ("1995-05-08", "Early May bank holiday (VE Day)"),
        ("1999-12-31", "Millennium Celebrations"),
        ("2000-01-03", "New Year’s Day (substitute day)"),
        ("2002-06-03", "Queen’s Golden Jubilee"),
        ("2002-06-04", "Spring bank holiday"),
        ("2011-04-29", "Royal wedding"),
    ])
    func knowsTheOneOffsBeforeGOVUKsList(date: String, name: String) throws {
        let day = try Day(parsing: date)
        #expect(EnglandAndWalesBankHolidays.isBankHoliday(day))
        #expect(EnglandAndWalesBankHolidays.holiday(on: day)?.name == name)
    }

    @Test func movedDaysAreNotHolidays() throws {
        // The usual early May Monday in 1995 and 2020, and the usual spring Mondays of the jubilee years.
        for date in ["1995-05-01", "2020-05-04", "2002-05-27", "2012-05-28", "2022-05-30"] {
            #expect(!EnglandAndWalesBankHolidays.isBankHoliday(try Day(parsing: date)), "\(date)")
        }
    }

    @Test func everyYearHasItsEightDaysOnWeekdays() throws {
        for year in EnglandAndWalesBankHolidays.supportedYears {
            let holidays = try EnglandAndWalesBankHolidays.holidays(in: year)
            #expect(holidays.count >= 8, "\(year)")
            #expect(holidays.allSatisfy { !$0.date.isWeekend && $0.date.year == year }, "\(year)")
            #expect(Set(holidays.map(\.date)).count == holidays.count, "\(year)")
            #expect(holidays.map(\.date) == holidays.map(\.date).sorted(), "\(year)")
            for holiday in holidays {
                #expect(EnglandAndWalesBankHolidays.isBankHoliday(holiday.date))
            }
        }
    }

    @Test func christmasSubstitutes() throws {
        // 2027: Christmas on a Saturday, so Monday 27 and Tuesday 28 are the days off.
        let names = try EnglandAndWalesBankHolidays.holidays(in: 2027).suffix(2).map { "\($0.date) \($0.name)" }
        #expect(names == ["2027-12-27 Christmas Day (substitute day)", "2027-12-28 Boxing Day (substitute day)"])
        // 2032: Christmas on a Saturday again; 2033: on a Sunday.
        #expect(try EnglandAndWalesBankHolidays.holidays(in: 2033).suffix(2).map(\.date.description) == ["2033-12-26", "2033-12-27"])
    }

    @Test func easterSundays() throws {
        let known = ["2000-04-23", "2008-03-23", "2011-04-24", "2019-04-21", "2038-04-25", "2100-03-28"]
        for date in known {
            let day = try Day(parsing: date)
            #expect(EnglandAndWalesBankHolidays.easterSunday(day.year) == day)
        }
    }

    @Test func refusesYearsOutsideItsRange() {
        #expect(throws: BankHolidayError.yearNotSupported(1994)) { try EnglandAndWalesBankHolidays.holidays(in: 1994) }
        #expect(throws: BankHolidayError.yearNotSupported(2101)) { try EnglandAndWalesBankHolidays.holidays(in: 2101) }
    }
}
