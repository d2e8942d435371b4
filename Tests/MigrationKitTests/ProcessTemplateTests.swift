import Testing
@testable import MigrationKit

@Suite struct ProcessTemplateTests {
    @Test func defaultsFollowTheGuide() throws {
        let t = ProcessTemplate.standard
        try t.validate()
        #expect(t.dataExtractNoticeDays == 35)
        #expect(t.epsNoticeDays == 35)
        #expect(t.thirdPartyNoticeDays == 5)
        #expect(t.cutoverPlanningMeetingDays == 28)
        #expect((1...2).contains(t.linksSwitchOffDays))
        #expect(t.runOffDays == 45)
        #expect(t.legacySupportDays == 90)
        #expect(t.overrides.isEmpty)
    }

    @Test func overridesAreCheckedByName() throws {
        let t = try ProcessTemplate.standard.applying(["dataExtractNoticeDays": 21, "runOffDays": 60])
        #expect(t.dataExtractNoticeDays == 21)
        #expect(t.overrides == ["dataExtractNoticeDays": 21, "runOffDays": 60])
        #expect(throws: ProcessTemplateError(field: "linksSwitchOffDays", value: 3, allowed: 1...2)) {
            try ProcessTemplate.standard.applying(["linksSwitchOffDays": 3])
        }
        #expect(throws: ProcessTemplateError(field: "coffeeBreakDays", value: 1, allowed: nil)) {
            try ProcessTemplate.standard.applying(["coffeeBreakDays": 1])
        }
        #expect(ProcessTemplateError(field: "runOffDays", value: -1, allowed: 0...730).description == "runOffDays must be between 0 and 730, not -1")
    }
}
