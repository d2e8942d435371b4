import Foundation
import Testing
@testable import MigrationKit

func workflowDay(_ text: String) -> Day { try! Day(parsing: text) }

/// The Schedule A document: called off, accepted or rejected by the commissioner, then by
/// the supplier, who for the new system also confirms or offers go-live days.
@Suite struct ScheduleATests {
    let supplier = UUID(uuidString: "00000000-0000-0000-0000-000000000005")!
    let product = UUID(uuidString: "00000000-0000-0000-0000-000000000050")!
    let calledOffOn = workflowDay("2027-03-15")
    let commissionerDay = workflowDay("2027-03-18")
    let supplierDay = workflowDay("2027-03-25")
    let goLive = workflowDay("2027-06-14")

    func calledOff(_ kind: ScheduleA.Kind = .target) -> ScheduleA {
        ScheduleA.callOff(kind, supplier: supplier, product: product, on: calledOffOn)
    }

    func commissionerAccepted(_ kind: ScheduleA.Kind = .target) throws -> ScheduleA {
        try calledOff(kind).commissionerDecides(.accept, reason: nil, on: commissionerDay)
    }

    @Test func callingOffLogsANewScheduleAWaitingForTheCommissioner() {
        let scheduleA = calledOff()
        #expect(scheduleA.status == .calledOff)
        #expect(scheduleA.kind == .target)
        #expect(scheduleA.supplier == supplier)
        #expect(scheduleA.product == product)
        #expect(scheduleA.calledOffOn == calledOffOn)
        #expect(scheduleA.commissionerDecidedOn == nil)
        #expect(scheduleA.supplierDecidedOn == nil)
        #expect(scheduleA.confirmedGoLive == nil)
        #expect(scheduleA.proposedGoLives.isEmpty)
        #expect(scheduleA.isLive)
    }

    @Test func theCommissionerAccepts() throws {
        let scheduleA = try commissionerAccepted()
        #expect(scheduleA.status == .commissionerAccepted)
        #expect(scheduleA.commissionerDecidedOn == commissionerDay)
        #expect(scheduleA.rejectionReason == nil)
        #expect(scheduleA.isLive)
    }

    @Test func theCommissionerRejectsWithAReason() throws {
        let scheduleA = try calledOff().commissionerDecides(.reject, reason: "  Wrong product ordered ", on: commissionerDay)
        #expect(scheduleA.status == .rejected)
        #expect(scheduleA.rejectionReason == "Wrong product ordered")
        #expect(scheduleA.commissionerDecidedOn == commissionerDay)
        #expect(!scheduleA.isLive)
    }

    @Test(arguments: [nil, "", "   "] as [String?])
    func theCommissionerCannotRejectWithoutAReason(reason: String?) {
        #expect(throws: WorkflowError.invalid(field: "reason", message: "say why the Schedule A is rejected")) {
            try calledOff().commissionerDecides(.reject, reason: reason, on: commissionerDay)
        }
    }

    /// A reason typed into a text area may be nothing but a line break: that is no reason.
    @Test(arguments: ["\n", "\r\n", "\t"])
    func aReasonOfOnlyLineBreaksOrTabsIsNoReason(reason: String) {
        #expect(throws: WorkflowError.invalid(field: "reason", message: "say why the Schedule A is rejected")) {
            try calledOff().commissionerDecides(.reject, reason: reason, on: commissionerDay)
        }
    }

    @Test func theCommissionerCannotDecideTwice() throws {
        let accepted = try commissionerAccepted()
        #expect(throws: WorkflowError.wrongState("the commissioner has already decided on this Schedule A (it is commissioner-accepted)")) {
            try accepted.commissionerDecides(.reject, reason: "changed our mind", on: commissionerDay)
        }
        let rejected = try calledOff().commissionerDecides(.reject, reason: "duplicate", on: commissionerDay)
        #expect(throws: WorkflowError.wrongState("the commissioner has already decided on this Schedule A (it is rejected)")) {
            try rejected.commissionerDecides(.accept, reason: nil, on: commissionerDay)
        }
    }

    @Test func theSupplierCannotDecideBeforeTheCommissioner() {
        #expect(throws: WorkflowError.wrongState("the commissioner must accept this Schedule A before the supplier can")) {
            try calledOff().supplierDecides(.accept, reason: nil, confirmGoLive: goLive, proposedGoLives: [], on: supplierDay)
        }
    }

    @Test func theSupplierCannotDecideOnAScheduleATheCommissionerRejected() throws {
        let rejected = try calledOff().commissionerDecides(.reject, reason: "duplicate", on: commissionerDay)
        #expect(throws: WorkflowError.wrongState("the supplier has already decided on this Schedule A")) {
            try rejected.supplierDecides(.accept, reason: nil, confirmGoLive: goLive, proposedGoLives: [], on: supplierDay)
        }
    }

    @Test func theTargetSupplierAcceptsAndConfirmsTheGoLive() throws {
        let scheduleA = try commissionerAccepted().supplierDecides(.accept, reason: nil, confirmGoLive: goLive, proposedGoLives: [], on: supplierDay)
        #expect(scheduleA.status == .accepted)
        #expect(scheduleA.supplierDecidedOn == supplierDay)
        #expect(scheduleA.confirmedGoLive == goLive)
        #expect(scheduleA.proposedGoLives.isEmpty)
        #expect(scheduleA.isLive)
    }

    @Test func theTargetSupplierAcceptsAndOffersOtherDaysInOrder() throws {
        let offered = [workflowDay("2027-06-28"), workflowDay("2027-06-21")]
        let scheduleA = try commissionerAccepted().supplierDecides(.accept, reason: nil, confirmGoLive: nil, proposedGoLives: offered, on: supplierDay)
        #expect(scheduleA.status == .accepted)
        #expect(scheduleA.confirmedGoLive == nil)
        #expect(scheduleA.proposedGoLives == [workflowDay("2027-06-21"), workflowDay("2027-06-28")])
    }

    @Test func aConfirmedGoLiveReplacesAnyOfferedDays() throws {
        let scheduleA = try commissionerAccepted().supplierDecides(.accept, reason: nil, confirmGoLive: goLive, proposedGoLives: [workflowDay("2027-06-21")], on: supplierDay)
        #expect(scheduleA.confirmedGoLive == goLive)
        #expect(scheduleA.proposedGoLives.isEmpty)
    }

    @Test func theTargetSupplierMustConfirmOrOfferAGoLive() throws {
        let scheduleA = try commissionerAccepted()
        let error = #expect(throws: WorkflowError.self) {
            try scheduleA.supplierDecides(.accept, reason: nil, confirmGoLive: nil, proposedGoLives: [], on: supplierDay)
        }
        guard case .invalid(let field, _) = try #require(error) else {
            Issue.record("expected an invalid field, got \(String(describing: error))")
            return
        }
        #expect(field == "goLive")
    }

    @Test func aConfirmedGoLiveInThePastIsRefused() throws {
        #expect(throws: WorkflowError.invalid(field: "goLive", message: "2027-03-24 has already passed")) {
            try commissionerAccepted().supplierDecides(.accept, reason: nil, confirmGoLive: workflowDay("2027-03-24"), proposedGoLives: [], on: supplierDay)
        }
    }

    @Test func anOfferedGoLiveInThePastIsRefused() throws {
        #expect(throws: WorkflowError.invalid(field: "proposedGoLives", message: "2027-03-01 has already passed")) {
            try commissionerAccepted().supplierDecides(.accept, reason: nil, confirmGoLive: nil, proposedGoLives: [workflowDay("2027-06-21"), workflowDay("2027-03-01")], on: supplierDay)
        }
    }

    @Test func aGoLiveOnTheDayOfDecidingIsNotInThePast() throws {
        let scheduleA = try commissionerAccepted().supplierDecides(.accept, reason: nil, confirmGoLive: supplierDay, proposedGoLives: [], on: supplierDay)
        #expect(scheduleA.confirmedGoLive == supplierDay)
    }

    @Test(arguments: [ScheduleA.Kind.submodule, .decommission])
    func otherSchedulesAAreAcceptedWithoutAGoLive(kind: ScheduleA.Kind) throws {
        let scheduleA = try commissionerAccepted(kind).supplierDecides(.accept, reason: nil, confirmGoLive: nil, proposedGoLives: [], on: supplierDay)
        #expect(scheduleA.status == .accepted)
        #expect(scheduleA.confirmedGoLive == nil)
    }

    @Test func theSupplierRejectsWithAReason() throws {
        let scheduleA = try commissionerAccepted().supplierDecides(.reject, reason: " Cannot support this practice ", confirmGoLive: nil, proposedGoLives: [], on: supplierDay)
        #expect(scheduleA.status == .rejected)
        #expect(scheduleA.rejectionReason == "Cannot support this practice")
        #expect(scheduleA.supplierDecidedOn == supplierDay)
        #expect(!scheduleA.isLive)
    }

    @Test func theSupplierCannotRejectWithoutAReason() throws {
        #expect(throws: WorkflowError.invalid(field: "reason", message: "say why the Schedule A is rejected")) {
            try commissionerAccepted().supplierDecides(.reject, reason: " ", confirmGoLive: nil, proposedGoLives: [], on: supplierDay)
        }
    }

    @Test func theSupplierCannotDecideTwice() throws {
        let accepted = try commissionerAccepted().supplierDecides(.accept, reason: nil, confirmGoLive: goLive, proposedGoLives: [], on: supplierDay)
        #expect(throws: WorkflowError.wrongState("the supplier has already decided on this Schedule A")) {
            try accepted.supplierDecides(.reject, reason: "changed our mind", confirmGoLive: nil, proposedGoLives: [], on: supplierDay)
        }
        #expect(throws: WorkflowError.self) {
            try accepted.commissionerDecides(.accept, reason: nil, on: supplierDay)
        }
    }

    @Test func theSupplierConfirmsOneOfTheDaysItOffered() throws {
        let offered = try commissionerAccepted().supplierDecides(.accept, reason: nil, confirmGoLive: nil, proposedGoLives: [workflowDay("2027-06-21")], on: supplierDay)
        let confirmed = try offered.confirmingGoLive(workflowDay("2027-06-21"), on: workflowDay("2027-04-01"))
        #expect(confirmed.confirmedGoLive == workflowDay("2027-06-21"))
        #expect(confirmed.proposedGoLives.isEmpty)
        #expect(confirmed.status == .accepted)
    }

    @Test func confirmingAGoLiveInThePastIsRefused() throws {
        let offered = try commissionerAccepted().supplierDecides(.accept, reason: nil, confirmGoLive: nil, proposedGoLives: [workflowDay("2027-06-21")], on: supplierDay)
        #expect(throws: WorkflowError.invalid(field: "goLive", message: "2027-03-31 has already passed")) {
            try offered.confirmingGoLive(workflowDay("2027-03-31"), on: workflowDay("2027-04-01"))
        }
    }

    @Test func onlyAnAcceptedTargetScheduleACarriesTheGoLive() throws {
        let notYetAccepted = try commissionerAccepted()
        let decommission = try commissionerAccepted(.decommission).supplierDecides(.accept, reason: nil, confirmGoLive: nil, proposedGoLives: [], on: supplierDay)
        for scheduleA in [calledOff(), notYetAccepted, decommission] {
            #expect(throws: WorkflowError.wrongState("only an accepted Schedule A for the new system carries the go-live date")) {
                try scheduleA.confirmingGoLive(goLive, on: supplierDay)
            }
        }
    }
}

/// The four steps of getting one supplier's data out, and what each step out of order says.
@Suite struct DataExtractRequestTests {
    let supplier = UUID(uuidString: "00000000-0000-0000-0000-000000000004")!
    let requestedOn = workflowDay("2027-04-12")
    let sentOn = workflowDay("2027-04-15")
    let returnedOn = workflowDay("2027-04-20")
    let transferredOn = workflowDay("2027-05-18")
    let initialDataProduction = workflowDay("2027-05-19")
    let finalDataProduction = workflowDay("2027-06-09")

    @Test func dataProductionDaysAreWorkingDaysByTheGoLive() throws {
        let calendar = WorkingCalendar(blackouts: [Blackout(range: DayRange(day: workflowDay("2027-05-20")), reason: "practice closed")])
        let goLive = workflowDay("2027-06-14")
        let saturday = workflowDay("2027-05-22")
        #expect(throws: WorkflowError.invalid(field: "dataProductionDays", message: "Saturday 22 May 2027 is not a working day (Saturday)")) {
            try sent().formReturned(dataProductionDays: [saturday], calendar: calendar, goLive: goLive, on: returnedOn)
        }
        #expect(throws: WorkflowError.invalid(field: "dataProductionDays", message: "Thursday 20 May 2027 is not a working day (practice closed)")) {
            try sent().formReturned(dataProductionDays: [workflowDay("2027-05-20")], calendar: calendar, goLive: goLive, on: returnedOn)
        }
        #expect(throws: WorkflowError.invalid(field: "dataProductionDays", message: "Tuesday 15 June 2027 is after the go-live on Monday 14 June 2027")) {
            try sent().formReturned(dataProductionDays: [initialDataProduction, workflowDay("2027-06-15")], calendar: calendar, goLive: goLive, on: returnedOn)
        }
        #expect(try sent().formReturned(dataProductionDays: [initialDataProduction, finalDataProduction], calendar: calendar, goLive: goLive, on: returnedOn).status == .formReturned)
    }

    func requested() -> DataExtractRequest { .request(from: supplier, on: requestedOn) }
    func sent() throws -> DataExtractRequest { try requested().formSent(on: sentOn) }
    func returned() throws -> DataExtractRequest {
        try sent().formReturned(dataProductionDays: [finalDataProduction, initialDataProduction], on: returnedOn)
    }
    func transferred() throws -> DataExtractRequest { try returned().transferConfirmed(on: transferredOn) }

    @Test func step1AsksTheSupplierForItsForm() {
        let request = requested()
        #expect(request.supplier == supplier)
        #expect(request.status == .formRequested)
        #expect(request.requestedOn == requestedOn)
        #expect(request.formSentOn == nil)
        #expect(request.dataProductionDays.isEmpty)
    }

    @Test func step2TheSupplierSendsTheFormToThePractice() throws {
        let request = try sent()
        #expect(request.status == .formSent)
        #expect(request.formSentOn == sentOn)
    }

    @Test func step3ThePracticeReturnsTheFormWithSortedDays() throws {
        let request = try returned()
        #expect(request.status == .formReturned)
        #expect(request.formReturnedOn == returnedOn)
        #expect(request.dataProductionDays == [initialDataProduction, finalDataProduction])
    }

    @Test func step4TheDataIsTransferred() throws {
        let request = try transferred()
        #expect(request.status == .transferred)
        #expect(request.transferredOn == transferredOn)
        #expect(request.requestedOn == requestedOn)
        #expect(request.formSentOn == sentOn)
        #expect(request.formReturnedOn == returnedOn)
    }

    @Test func theFormIsSentOnlyOnce() throws {
        for request in try [sent(), returned(), transferred()] {
            #expect(throws: WorkflowError.wrongState("the form was already sent to the practice")) {
                try request.formSent(on: returnedOn)
            }
        }
    }

    @Test func theFormCannotBeReturnedBeforeItIsSent() {
        #expect(throws: WorkflowError.wrongState("the supplier has not sent the form to the practice yet")) {
            try requested().formReturned(dataProductionDays: [initialDataProduction], on: returnedOn)
        }
    }

    @Test func theFormIsReturnedOnlyOnce() throws {
        for request in try [returned(), transferred()] {
            #expect(throws: WorkflowError.wrongState("the form was already returned")) {
                try request.formReturned(dataProductionDays: [initialDataProduction], on: returnedOn)
            }
        }
    }

    @Test func aReturnedFormNeedsTheDataProductionDays() throws {
        let request = try sent()
        let error = #expect(throws: WorkflowError.self) {
            try request.formReturned(dataProductionDays: [], on: returnedOn)
        }
        guard case .invalid(let field, _) = try #require(error) else {
            Issue.record("expected an invalid field, got \(String(describing: error))")
            return
        }
        #expect(field == "dataProductionDays")
    }

    @Test func aDataProductionDayInThePastIsRefused() throws {
        #expect(throws: WorkflowError.invalid(field: "dataProductionDays", message: "2027-04-19 has already passed")) {
            try sent().formReturned(dataProductionDays: [initialDataProduction, workflowDay("2027-04-19")], on: returnedOn)
        }
    }

    @Test func theTransferWaitsForTheReturnedForm() throws {
        for request in try [requested(), sent()] {
            #expect(throws: WorkflowError.wrongState("the practice must return the form before the data can be transferred")) {
                try request.transferConfirmed(on: transferredOn)
            }
        }
    }

    @Test func theTransferIsConfirmedOnlyOnce() throws {
        #expect(throws: WorkflowError.wrongState("the transfer was already confirmed")) {
            try transferred().transferConfirmed(on: transferredOn)
        }
    }
}

/// The status of a migration as a whole, and the steps it allows.
@Suite struct MigrationStatusTests {
    @Test func theCommissionerApprovesAProposedMigration() throws {
        #expect(try MigrationStatus.proposed.approving() == .approved)
    }

    @Test(arguments: [MigrationStatus.approved, .registered, .live, .completed])
    func aBusinessCaseIsApprovedOnlyOnce(status: MigrationStatus) {
        #expect(throws: WorkflowError.wrongState("the business case was already approved")) {
            try status.approving()
        }
    }

    @Test func anApprovedMigrationIsRegistered() throws {
        #expect(try MigrationStatus.approved.registering() == .registered)
    }

    @Test func registrationWaitsForApproval() {
        #expect(throws: WorkflowError.wrongState("the commissioner must approve the business case before the migration is registered")) {
            try MigrationStatus.proposed.registering()
        }
    }

    @Test(arguments: [MigrationStatus.registered, .live, .completed])
    func aMigrationIsRegisteredOnlyOnce(status: MigrationStatus) {
        #expect(throws: WorkflowError.wrongState("the migration is already registered")) {
            try status.registering()
        }
    }

    @Test func aLiveMigrationEnds() throws {
        #expect(try MigrationStatus.live.ending(deploymentSurveyConfirmed: true) == .completed)
        #expect(throws: WorkflowError.wrongState("the deployment survey must be confirmed in the order records before the migration ends")) {
            try MigrationStatus.live.ending(deploymentSurveyConfirmed: false)
        }
    }

    @Test(arguments: [MigrationStatus.proposed, .approved, .registered])
    func aMigrationEndsOnlyAfterItsGoLive(status: MigrationStatus) {
        #expect(throws: WorkflowError.wrongState("a migration ends only after its go-live")) {
            try status.ending(deploymentSurveyConfirmed: true)
        }
    }

    @Test func aMigrationEndsOnlyOnce() {
        #expect(throws: WorkflowError.wrongState("the migration has already ended")) {
            try MigrationStatus.completed.ending(deploymentSurveyConfirmed: true)
        }
    }

    @Test(arguments: [MigrationStatus.registered, .live])
    func trackedStepsNeedARegisteredUnfinishedMigration(status: MigrationStatus) throws {
        try status.requireTracking("call off a Schedule A")
    }

    @Test(arguments: [MigrationStatus.proposed, .approved])
    func trackedStepsWaitForRegistration(status: MigrationStatus) {
        #expect(throws: WorkflowError.wrongState("register the migration before you call off a Schedule A")) {
            try status.requireTracking("call off a Schedule A")
        }
    }

    @Test func trackedStepsEndWithTheMigration() {
        #expect(throws: WorkflowError.wrongState("the migration has ended, so you can no longer call off a Schedule A")) {
            try MigrationStatus.completed.requireTracking("call off a Schedule A")
        }
    }

    @Test(arguments: [MigrationStatus.proposed, .approved, .registered, .live])
    func planChangesAreOpenUntilTheEnd(status: MigrationStatus) throws {
        try status.requireOpen("change the go-live date")
    }

    @Test func planChangesCloseWhenTheMigrationEnds() {
        #expect(throws: WorkflowError.wrongState("the migration has ended, so you can no longer change the go-live date")) {
            try MigrationStatus.completed.requireOpen("change the go-live date")
        }
    }
}

/// The business case must have each of its three parts, none of them a novel.
@Suite struct BusinessCaseTests {
    func field(of businessCase: BusinessCase) -> String? {
        do throws(WorkflowError) {
            try businessCase.validate()
            return nil
        } catch {
            if case .invalid(let field, _) = error { return field }
            return "not an invalid field: \(error)"
        }
    }

    let filled = BusinessCase(drivers: "Closer working with the neighbouring practices", considerations: "Staff training time", strategicFit: "The ICB's single-system plan")

    @Test func aCompleteBusinessCaseIsValid() throws {
        try filled.validate()
    }

    @Test func emptyDriversAreNamed() {
        var businessCase = filled
        businessCase.drivers = ""
        #expect(field(of: businessCase) == "businessCase.drivers")
        #expect(throws: WorkflowError.invalid(field: "businessCase.drivers", message: "the business case needs its drivers")) {
            try businessCase.validate()
        }
    }

    @Test func blankConsiderationsAreNamed() {
        var businessCase = filled
        businessCase.considerations = "    "
        #expect(field(of: businessCase) == "businessCase.considerations")
    }

    @Test func aMissingStrategicFitIsNamedInWords() {
        var businessCase = filled
        businessCase.strategicFit = ""
        #expect(throws: WorkflowError.invalid(field: "businessCase.strategicFit", message: "the business case needs its strategic fit")) {
            try businessCase.validate()
        }
    }

    @Test func theFirstMissingPartIsNamedFirst() {
        #expect(field(of: BusinessCase(drivers: "", considerations: "", strategicFit: "")) == "businessCase.drivers")
        #expect(field(of: BusinessCase(drivers: "x", considerations: "", strategicFit: "")) == "businessCase.considerations")
    }

    /// A text area left with only a line break in it has not been written.
    @Test func aPartOfOnlyLineBreaksIsMissing() {
        var businessCase = filled
        businessCase.drivers = "\r\n"
        #expect(field(of: businessCase) == "businessCase.drivers")
    }

    @Test func aPartAtTheLimitIsValidAndOneCharacterMoreIsNot() {
        var businessCase = filled
        businessCase.considerations = String(repeating: "a", count: BusinessCase.maximumLength)
        #expect(field(of: businessCase) == nil)
        businessCase.considerations += "a"
        #expect(throws: WorkflowError.invalid(field: "businessCase.considerations", message: "keep the considerations under 10000 characters")) {
            try businessCase.validate()
        }
    }
}

/// Which phase a stored migration is in, from what has been recorded.
@Suite struct MigrationProgressTests {
    @Test func aProposedMigrationIsDecidingAndFunding() {
        #expect(MigrationProgress.currentPhase(status: .proposed, finished: []) == .decisionAndFunding)
    }

    @Test func aProposedMigrationMovesOnOnceTheDecisionIsFinished() {
        #expect(MigrationProgress.currentPhase(status: .proposed, finished: [.decisionAndFunding]) == .procurement)
    }

    @Test(arguments: [MigrationStatus.approved, .registered])
    func anApprovedOrRegisteredMigrationIsAtLeastInProcurement(status: MigrationStatus) {
        #expect(MigrationProgress.currentPhase(status: status, finished: []) == .procurement)
    }

    @Test func theFirstUnfinishedPhaseIsCurrent() {
        #expect(MigrationProgress.currentPhase(status: .registered, finished: [.procurement, .kickOff]) == .technicalSurvey)
        #expect(MigrationProgress.currentPhase(status: .registered, finished: [.procurement, .technicalSurvey]) == .kickOff)
    }

    /// The timeline draws these apart from planned phases: the main sequence before the
    /// current phase and what is recorded as finished, a phase running alongside only once
    /// finished, and everything once the migration has ended.
    @Test func phasesBehindTheMigrationAreDone() {
        let done = MigrationProgress.donePhases(status: .registered, finished: [.procurement, .kickOff, .technicalSurvey])
        #expect(done == [.decisionAndFunding, .procurement, .kickOff, .technicalSurvey])
        #expect(!MigrationProgress.donePhases(status: .registered, finished: Set(Phase.allCases.prefix(8))).contains(.training))
        #expect(MigrationProgress.donePhases(status: .registered, finished: [.training]).contains(.training))
        #expect(MigrationProgress.donePhases(status: .completed, finished: []) == Set(Phase.allCases))
    }

    @Test func phasesThatRunAlongsideAreSkipped() {
        let finished: Set<Phase> = [.procurement, .kickOff, .technicalSurvey, .preMigration, .initialDataProduction, .dataChecking, .dataRecheckSignOff]
        #expect(MigrationProgress.currentPhase(status: .registered, finished: finished) == .finalDataProduction)
    }

    @Test func aLiveMigrationIsAtLeastInPostGoLive() {
        #expect(MigrationProgress.currentPhase(status: .live, finished: []) == .postGoLive)
        #expect(MigrationProgress.currentPhase(status: .live, finished: [.postGoLive]) == .endOfMigration)
    }

    @Test func aCompletedMigrationIsAtItsEnd() {
        #expect(MigrationProgress.currentPhase(status: .completed, finished: []) == .endOfMigration)
    }

    @Test func everythingFinishedIsTheEnd() {
        #expect(MigrationProgress.currentPhase(status: .registered, finished: Set(Phase.allCases)) == .endOfMigration)
    }
}

/// A kick-off or technical survey is booked on a working day of the practice's calendar.
@Suite struct MeetingBookingTests {
    let calendar = WorkingCalendar(blackouts: [Blackout(range: DayRange(uncheckedStart: try! Day(parsing: "2027-02-08"), end: try! Day(parsing: "2027-02-09")), reason: "flu clinics")])

    @Test func aWorkingDayIsBooked() throws {
        let monday = try Day(parsing: "2027-02-01")
        #expect(try MeetingBooking.booking(monday, calendar: calendar) == monday)
    }

    @Test(arguments: ["2027-02-06", "2027-12-27", "2027-02-08"])
    func aWeekendABankHolidayOrABlackoutIsRefusedNamingTheDay(_ text: String) throws {
        let day = try Day(parsing: text)
        #expect(throws: WorkflowError.invalid(field: "day", message: "\(day.longDescription) is not a working day for this practice")) {
            try MeetingBooking.booking(day, calendar: calendar)
        }
    }
}
