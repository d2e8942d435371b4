import Testing
@testable import CutoverServer

/// A form field's id and the error it owns, for names with `[]` (a list of values) and without.
@Suite struct StepFormTests {
    @Test func aListFieldsIdDropsItsBracketsAndOthersKeepTheirName() {
        #expect(StepForm.field("extract", "dataProductionDays[]", "Days", type: "date").id == "extract-dataProductionDays")
        #expect(StepForm.field("extract", "dataProductionDays[]", "Days", type: "date").parts?.first?.id == "extract-dataProductionDays-day")
        #expect(StepForm.field("notice", "servedOn", "Served on").id == "notice-servedOn")
        #expect(StepForm.field("a", "x[]y[]", "Odd").id == "a-xy")
    }

    @Test func anErrorBelongsToTheFieldItNames() {
        #expect(StepForm.matches("dataProductionDays[]", "dataProductionDays"))
        #expect(StepForm.matches("dataProductionDays[]", "dataProductionDays[0]"))
        #expect(StepForm.matches("dataProductionDays[]", "dataProductionDays-month"))
        #expect(StepForm.matches("servedOn", "servedOn"))
        #expect(!StepForm.matches("servedOn", "served"))
        #expect(!StepForm.matches("dataProductionDays[]", "dataProductionDaysExtra"))
    }
}
