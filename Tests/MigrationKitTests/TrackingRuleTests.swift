import Foundation
import Testing
@testable import MigrationKit

/// The rules over a stored migration's state. Every test plans a go-live on Monday 14 June
/// 2027: Schedule As due 22 March, go-live confirmed by 6 April, the extract request (35
/// days' notice) by 14 April, initial data production on 19 May.
@Suite struct TrackingRuleTests {
    static func day(_ text: String) -> Day { try! Day(parsing: text) }
    static func id(_ n: Int) -> UUID {
        let digits = String(n)
        return UUID(uuidString: "00000000-0000-0000-0000-" + String(repeating: "0", count: 12 - digits.count) + digits)!
    }

    let planner = Planner()
    var plan: Plan { planner.plan(goLive: Self.day("2027-06-14")) }

    let targetSupplier = id(5)
    let sourceSupplier = id(4)
    let docManSupplier = id(6)
    let targetProduct = id(50)
    let sourceProduct = id(40)
    let appointments = MigrationState.Submodule(product: id(60), name: "Appointments")
    var emis: ExtractSupplier { .init(supplier: sourceSupplier, name: "EMIS Health", noticeDays: 35) }
    var docMan: ExtractSupplier { .init(supplier: docManSupplier, name: "DocMan", noticeDays: 10) }

    func state(today: String, status: MigrationStatus = .registered, scheduleAs: [ScheduleA] = [], submodules: [MigrationState.Submodule] = [],
               extractSuppliers: [ExtractSupplier] = [], extractRequests: [DataExtractRequest] = [],
               kickOff: String? = nil, technicalSurvey: String? = nil, otherDeadlinesDone: Set<DeadlineID> = [],
               serviceStability: String? = nil, cease: String? = nil) -> MigrationState {
        MigrationState(
            plan: plan, planner: planner, today: Self.day(today), status: status, scheduleAs: scheduleAs, submodules: submodules,
            extractSuppliers: extractSuppliers, extractRequests: extractRequests, kickOff: kickOff.map(Self.day),
            technicalSurvey: technicalSurvey.map(Self.day), otherDeadlinesDone: otherDeadlinesDone,
            serviceStability: serviceStability.map(Self.day), ceaseDate: cease.map(Self.day))
    }

    // Schedule As as they are stored at each stage.
    func scheduleA(_ kind: ScheduleA.Kind, _ status: ScheduleA.Status, product: UUID? = nil, confirmedGoLive: String? = nil, proposedGoLives: [String] = []) -> ScheduleA {
        let supplier = kind == .decommission ? sourceSupplier : targetSupplier
        let defaultProduct = kind == .decommission ? sourceProduct : targetProduct
        return ScheduleA(
            kind: kind, supplier: supplier, product: product ?? defaultProduct, status: status, calledOffOn: Self.day("2027-03-15"),
            commissionerDecidedOn: status == .calledOff ? nil : Self.day("2027-03-17"),
            supplierDecidedOn: status == .accepted ? Self.day("2027-03-24") : nil,
            rejectionReason: status == .rejected ? "ordered twice" : nil,
            confirmedGoLive: confirmedGoLive.map(Self.day), proposedGoLives: proposedGoLives.map(Self.day))
    }

    func extractRequest(from supplier: UUID, _ status: DataExtractRequest.Status) -> DataExtractRequest {
        let reached = DataExtractRequest.Status.allCases.firstIndex(of: status)!
        return DataExtractRequest(
            supplier: supplier, status: status, requestedOn: Self.day("2027-04-01"),
            formSentOn: reached >= 1 ? Self.day("2027-04-06") : nil,
            formReturnedOn: reached >= 2 ? Self.day("2027-04-09") : nil,
            dataProductionDays: reached >= 2 ? [Self.day("2027-05-19"), Self.day("2027-06-09")] : [],
            transferredOn: reached >= 3 ? Self.day("2027-05-18") : nil)
    }

    @Test func thePlanHasTheDatesTheseTestsAssume() {
        #expect(plan.deadline(.scheduleATarget).due == Self.day("2027-03-22"))
        #expect(plan.deadline(.scheduleADecommission).due == Self.day("2027-03-22"))
        #expect(plan.deadline(.goLiveConfirmed).due == Self.day("2027-04-06"))
        #expect(plan.deadline(.dataExtractRequest).due == Self.day("2027-04-14"))
        #expect(plan.initialDataProduction == Self.day("2027-05-19"))
        #expect(plan.milestone(.kickOff).start == Self.day("2027-04-29"))
    }

    // MARK: Schedule A not called off

    @Test func missingScheduleAsAreCriticalOnceTheirDeadlinePasses() throws {
        let findings = ScheduleANotCalledOffRule().evaluate(state(today: "2027-03-23"))
        #expect(findings.map(\.id) == ["schedule-a-not-called-off:target", "schedule-a-not-called-off:decommission"])
        let target = try #require(findings.first)
        #expect(target.rule == "schedule-a-not-called-off")
        #expect(target.severity == .critical)
        #expect(target.milestone == "procurement")
        #expect(target.deadline == "schedule-a-target")
        #expect(findings.last?.deadline == "schedule-a-decommission")
        #expect(target.message.contains("Monday 22 March 2027"))
    }

    @Test func scheduleAsAreDueNotMissedOnTheirDueDay() {
        let findings = ScheduleANotCalledOffRule().evaluate(state(today: "2027-03-22"))
        #expect(findings.count == 2)
        #expect(findings.allSatisfy { $0.severity == .warning })
        #expect(ScheduleANotCalledOffRule().evaluate(state(today: "2027-03-12")).isEmpty)
    }

    @Test func calledOffScheduleAsSilenceTheRule() {
        let both = [scheduleA(.target, .calledOff), scheduleA(.decommission, .calledOff)]
        #expect(ScheduleANotCalledOffRule().evaluate(state(today: "2027-03-23", scheduleAs: both)).isEmpty)
    }

    @Test func onlyTheMissingOneIsReported() {
        let findings = ScheduleANotCalledOffRule().evaluate(state(today: "2027-03-23", scheduleAs: [scheduleA(.target, .commissionerAccepted)]))
        #expect(findings.map(\.id) == ["schedule-a-not-called-off:decommission"])
    }

    @Test func aRejectedScheduleADoesNotCountAsCalledOff() {
        let scheduleAs = [scheduleA(.target, .rejected), scheduleA(.decommission, .calledOff)]
        let findings = ScheduleANotCalledOffRule().evaluate(state(today: "2027-03-23", scheduleAs: scheduleAs))
        #expect(findings.map(\.id) == ["schedule-a-not-called-off:target"])
    }

    @Test func anApprovedButUnregisteredMigrationIsAlsoChecked() {
        #expect(ScheduleANotCalledOffRule().evaluate(state(today: "2027-03-23", status: .approved)).count == 2)
    }

    @Test(arguments: [MigrationStatus.live, .completed])
    func aMigrationPastGoLiveNeedsNoScheduleAReminder(status: MigrationStatus) {
        #expect(ScheduleANotCalledOffRule().evaluate(state(today: "2027-06-20", status: status)).isEmpty)
    }

    // MARK: Schedule A not accepted

    @Test func scheduleAsStillWaitingAfterTheConfirmationDeadlineAreCritical() throws {
        let scheduleAs = [scheduleA(.target, .calledOff), scheduleA(.decommission, .commissionerAccepted), scheduleA(.submodule, .accepted, product: appointments.product)]
        let findings = ScheduleANotAcceptedRule().evaluate(state(today: "2027-04-07", scheduleAs: scheduleAs))
        #expect(findings.map(\.id) == ["schedule-a-not-accepted:target-1", "schedule-a-not-accepted:decommission-2"])
        #expect(findings.allSatisfy { $0.severity == .critical && $0.milestone == "procurement" && $0.deadline == "go-live-confirmed" })
        let target = try #require(findings.first)
        #expect(target.message.contains("waiting for the commissioner"))
        #expect(target.action.contains("the commissioner"))
        #expect(findings.last?.message.contains("waiting for the supplier") == true)
    }

    @Test func waitingScheduleAsAreNotReportedUntilTheDeadlinePasses() {
        let scheduleAs = [scheduleA(.target, .calledOff)]
        #expect(ScheduleANotAcceptedRule().evaluate(state(today: "2027-04-06", scheduleAs: scheduleAs)).isEmpty)
    }

    @Test func acceptedOrRejectedScheduleAsAreNotWaiting() {
        let scheduleAs = [scheduleA(.target, .accepted, confirmedGoLive: "2027-06-14"), scheduleA(.decommission, .rejected)]
        #expect(ScheduleANotAcceptedRule().evaluate(state(today: "2027-04-07", scheduleAs: scheduleAs)).isEmpty)
    }

    @Test func onlyARegisteredMigrationIsChased() {
        let scheduleAs = [scheduleA(.target, .calledOff)]
        #expect(ScheduleANotAcceptedRule().evaluate(state(today: "2027-04-07", status: .live, scheduleAs: scheduleAs)).isEmpty)
    }

    // MARK: Submodule without Schedule A

    @Test func aSubmoduleWithoutAScheduleAIsAWarningBeforeTheDeadline() throws {
        let findings = SubmoduleWithoutScheduleARule().evaluate(state(today: "2027-03-01", submodules: [appointments]))
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.id == "submodule-without-schedule-a:\(appointments.product.uuidString.lowercased())")
        #expect(finding.severity == .warning)
        #expect(finding.milestone == "procurement")
        #expect(finding.deadline == nil)
    }

    @Test func aSubmoduleWithoutAScheduleAIsCriticalAfterTheDeadline() {
        let findings = SubmoduleWithoutScheduleARule().evaluate(state(today: "2027-03-23", submodules: [appointments]))
        #expect(findings.map(\.severity) == [.critical])
    }

    @Test func aSubmoduleScheduleAForTheProductSilencesTheRule() {
        let ordered = [scheduleA(.submodule, .calledOff, product: appointments.product)]
        #expect(SubmoduleWithoutScheduleARule().evaluate(state(today: "2027-03-23", scheduleAs: ordered, submodules: [appointments])).isEmpty)
    }

    @Test func aScheduleAForAnotherProductOrRejectedDoesNotCoverTheSubmodule() {
        for scheduleAs in [[scheduleA(.submodule, .calledOff, product: Self.id(61))], [scheduleA(.submodule, .rejected, product: appointments.product)], [scheduleA(.target, .calledOff, product: appointments.product)]] {
            let findings = SubmoduleWithoutScheduleARule().evaluate(state(today: "2027-03-23", scheduleAs: scheduleAs, submodules: [appointments]))
            #expect(findings.map(\.id) == ["submodule-without-schedule-a:\(appointments.product.uuidString.lowercased())"])
        }
    }

    @Test func noSubmodulesNoFindings() {
        #expect(SubmoduleWithoutScheduleARule().evaluate(state(today: "2027-03-23")).isEmpty)
    }

    // MARK: Decommissioning Schedule A missing

    @Test func anAcceptedTargetWithoutADecommissionIsCritical() throws {
        let scheduleAs = [scheduleA(.target, .accepted, confirmedGoLive: "2027-06-14")]
        let findings = DecommissionScheduleAMissingRule().evaluate(state(today: "2027-03-26", scheduleAs: scheduleAs))
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.id == "decommission-schedule-a-missing")
        #expect(finding.severity == .critical)
        #expect(finding.milestone == "procurement")
        #expect(finding.deadline == "schedule-a-decommission")
    }

    @Test func aDecommissionOnItsWaySilencesTheRule() {
        let scheduleAs = [scheduleA(.target, .accepted, confirmedGoLive: "2027-06-14"), scheduleA(.decommission, .calledOff)]
        #expect(DecommissionScheduleAMissingRule().evaluate(state(today: "2027-03-26", scheduleAs: scheduleAs)).isEmpty)
    }

    @Test func aRejectedDecommissionIsNoDecommission() {
        let scheduleAs = [scheduleA(.target, .accepted, confirmedGoLive: "2027-06-14"), scheduleA(.decommission, .rejected)]
        #expect(DecommissionScheduleAMissingRule().evaluate(state(today: "2027-03-26", scheduleAs: scheduleAs)).map(\.id) == ["decommission-schedule-a-missing"])
    }

    @Test func aTargetNotYetAcceptedByItsSupplierIsNotEnough() {
        let scheduleAs = [scheduleA(.target, .commissionerAccepted)]
        #expect(DecommissionScheduleAMissingRule().evaluate(state(today: "2027-03-26", scheduleAs: scheduleAs)).isEmpty)
    }

    @Test func anEndedMigrationNeedsNoDecommissionReminder() {
        let scheduleAs = [scheduleA(.target, .accepted, confirmedGoLive: "2027-06-14")]
        #expect(DecommissionScheduleAMissingRule().evaluate(state(today: "2027-08-02", status: .completed, scheduleAs: scheduleAs)).isEmpty)
    }

    // MARK: Go-live not confirmed

    @Test func offeredDaysWithoutAConfirmedGoLiveAreAWarning() throws {
        let offered = [scheduleA(.target, .accepted, proposedGoLives: ["2027-06-21", "2027-06-28"])]
        let findings = GoLiveNotConfirmedRule().evaluate(state(today: "2027-03-26", scheduleAs: offered))
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.id == "go-live-not-confirmed")
        #expect(finding.severity == .warning)
        #expect(finding.milestone == "procurement")
        #expect(finding.deadline == "go-live-confirmed")
        #expect(finding.message.contains("Mon 21 Jun 2027, Mon 28 Jun 2027"))
    }

    @Test func confirmingOneOfTheOfferedDaysSilencesTheRule() throws {
        let offered = scheduleA(.target, .accepted, proposedGoLives: ["2027-06-21", "2027-06-28"])
        let confirmed = try offered.confirmingGoLive(Self.day("2027-06-21"), on: Self.day("2027-03-29"))
        #expect(GoLiveNotConfirmedRule().evaluate(state(today: "2027-03-29", scheduleAs: [confirmed])).isEmpty)
    }

    @Test func aTargetNotYetAcceptedHasNothingToConfirm() {
        #expect(GoLiveNotConfirmedRule().evaluate(state(today: "2027-03-26", scheduleAs: [scheduleA(.target, .commissionerAccepted)])).isEmpty)
    }

    // MARK: Extract request not sent

    @Test func anOverdueExtractRequestIsCritical() throws {
        let findings = ExtractRequestNotSentRule().evaluate(state(today: "2027-04-15", extractSuppliers: [emis, docMan]))
        // DocMan needs only 10 days' notice: its request is not due until Friday 7 May.
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.id == "extract-request-not-sent:\(sourceSupplier.uuidString.lowercased())")
        #expect(finding.severity == .critical)
        #expect(finding.milestone == "pre-migration")
        #expect(finding.deadline == "data-extract-request")
        #expect(finding.message.contains("Wednesday 14 April 2027"))
        #expect(finding.message.contains("35 days' notice"))
    }

    @Test func anExtractRequestDueWithinFiveWorkingDaysIsAWarning() {
        // Wednesday 7 April: five working days on is Wednesday 14 April, the due day.
        let findings = ExtractRequestNotSentRule().evaluate(state(today: "2027-04-07", extractSuppliers: [emis]))
        #expect(findings.map(\.id) == ["extract-request-not-sent:\(sourceSupplier.uuidString.lowercased())"])
        #expect(findings.map(\.severity) == [.warning])
    }

    @Test func anExtractRequestDueLaterIsNotYetMentioned() {
        #expect(ExtractRequestNotSentRule().evaluate(state(today: "2027-04-06", extractSuppliers: [emis])).isEmpty)
    }

    @Test func eachSupplierHasItsOwnNoticePeriod() {
        let requests = [extractRequest(from: sourceSupplier, .formSent)]
        let findings = ExtractRequestNotSentRule().evaluate(state(today: "2027-05-10", extractSuppliers: [emis, docMan], extractRequests: requests))
        #expect(findings.map(\.id) == ["extract-request-not-sent:\(docManSupplier.uuidString.lowercased())"])
        #expect(findings.map(\.severity) == [.critical])
        #expect(state(today: "2027-05-10", extractSuppliers: [docMan]).extractRequestDue(for: docMan) == Self.day("2027-05-07"))
    }

    @Test func aSentRequestSilencesTheRule() {
        let requests = [extractRequest(from: sourceSupplier, .formRequested)]
        #expect(ExtractRequestNotSentRule().evaluate(state(today: "2027-04-15", extractSuppliers: [emis], extractRequests: requests)).isEmpty)
    }

    @Test(arguments: [MigrationStatus.live, .completed])
    func extractRequestsAreNotChasedAfterGoLive(status: MigrationStatus) {
        #expect(ExtractRequestNotSentRule().evaluate(state(today: "2027-06-20", status: status, extractSuppliers: [emis])).isEmpty)
    }

    // MARK: Extract days after go-live

    /// The form came back with days up to 9 June; the go-live then moved to 1 June.
    @Test func extractDaysLeftAfterAnEarlierGoLiveAreCritical() {
        let returned = extractRequest(from: sourceSupplier, .formReturned)
        let earlier = Planner().plan(goLive: Self.day("2027-06-01"))
        let state = MigrationState(plan: earlier, planner: planner, today: Self.day("2027-04-12"), status: .registered,
                                   extractSuppliers: [emis], extractRequests: [returned])
        let findings = ExtractDaysAfterGoLiveRule().evaluate(state)
        #expect(findings.count == 1)
        #expect(findings.first?.severity == .critical)
        #expect(findings.first?.message.contains("9 Jun") == true)
        #expect(findings.first?.audience == .extract(supplier: sourceSupplier))
        // On the plan the days were agreed for, nothing to say; nor once transferred.
        #expect(ExtractDaysAfterGoLiveRule().evaluate(self.state(today: "2027-04-12", extractSuppliers: [emis], extractRequests: [returned])).isEmpty)
        let moved = MigrationState(plan: earlier, planner: planner, today: Self.day("2027-04-12"), status: .registered,
                                   extractSuppliers: [emis], extractRequests: [extractRequest(from: sourceSupplier, .transferred)])
        #expect(ExtractDaysAfterGoLiveRule().evaluate(moved).isEmpty)
    }

    // MARK: Extract not confirmed

    @Test func anExtractNotTransferredByInitialDataProductionIsCritical() throws {
        let requests = [extractRequest(from: sourceSupplier, .formReturned), extractRequest(from: docManSupplier, .transferred)]
        let findings = ExtractNotConfirmedRule().evaluate(state(today: "2027-05-20", extractSuppliers: [emis, docMan], extractRequests: requests))
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.id == "extract-not-confirmed:\(sourceSupplier.uuidString.lowercased())")
        #expect(finding.severity == .critical)
        #expect(finding.milestone == "initial-data-production")
        #expect(finding.message.contains("Wednesday 19 May 2027"))
        #expect(finding.message.contains("form returned with the data production dates"))
    }

    @Test func extractsAreNotChasedOnInitialDataProductionDayItself() {
        let requests = [extractRequest(from: sourceSupplier, .formReturned)]
        #expect(ExtractNotConfirmedRule().evaluate(state(today: "2027-05-19", extractSuppliers: [emis], extractRequests: requests)).isEmpty)
    }

    @Test func transferredExtractsSilenceTheRule() {
        let requests = [extractRequest(from: sourceSupplier, .transferred), extractRequest(from: docManSupplier, .transferred)]
        #expect(ExtractNotConfirmedRule().evaluate(state(today: "2027-05-20", extractSuppliers: [emis, docMan], extractRequests: requests)).isEmpty)
    }

    @Test func anExtractNeverRequestedIsLeftToTheRequestRule() {
        let current = state(today: "2027-05-20", extractSuppliers: [emis])
        #expect(ExtractNotConfirmedRule().evaluate(current).isEmpty)
        #expect(ExtractRequestNotSentRule().evaluate(current).map(\.id) == ["extract-request-not-sent:\(sourceSupplier.uuidString.lowercased())"])
    }

    // MARK: Kick-off and survey bookings

    @Test func bookingsMoreThanThreeWorkingDaysApartAreAWarning() throws {
        // Thursday 29 April to Friday 7 May, with the early May bank holiday between: 5 working days.
        let findings = KickOffSurveyBookingRule().evaluate(state(today: "2027-04-01", kickOff: "2027-04-29", technicalSurvey: "2027-05-07"))
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.id == "kick-off-survey-booking:apart")
        #expect(finding.severity == .warning)
        #expect(finding.milestone == "technical-survey")
        #expect(finding.message.contains("5 working days apart"))
    }

    @Test func theOrderOfTheBookingsDoesNotMatter() {
        let findings = KickOffSurveyBookingRule().evaluate(state(today: "2027-04-01", kickOff: "2027-05-07", technicalSurvey: "2027-04-29"))
        #expect(findings.map(\.id) == ["kick-off-survey-booking:apart"])
    }

    @Test func bookingsThreeWorkingDaysApartAreFine() {
        // Thursday 29 April to Wednesday 5 May: 30 April, 4 May, 5 May.
        #expect(KickOffSurveyBookingRule().evaluate(state(today: "2027-04-01", kickOff: "2027-04-29", technicalSurvey: "2027-05-05")).isEmpty)
    }

    @Test func aKickOffWithoutASurveyIsNoted() throws {
        let finding = try #require(KickOffSurveyBookingRule().evaluate(state(today: "2027-04-01", kickOff: "2027-04-29")).first)
        #expect(finding.id == "kick-off-survey-booking:survey-not-booked")
        #expect(finding.severity == .info)
        #expect(finding.milestone == "technical-survey")
    }

    @Test func aSurveyWithoutAKickOffIsNoted() throws {
        let finding = try #require(KickOffSurveyBookingRule().evaluate(state(today: "2027-04-01", technicalSurvey: "2027-05-04")).first)
        #expect(finding.id == "kick-off-survey-booking:kick-off-not-booked")
        #expect(finding.severity == .info)
        #expect(finding.milestone == "kick-off")
    }

    @Test func nothingBookedNothingSaid() {
        #expect(KickOffSurveyBookingRule().evaluate(state(today: "2027-04-01")).isEmpty)
    }

    @Test func bookingsAreCheckedForApprovedMigrationsTooButNotAfterGoLive() {
        #expect(!KickOffSurveyBookingRule().evaluate(state(today: "2027-04-01", status: .approved, kickOff: "2027-04-29")).isEmpty)
        #expect(KickOffSurveyBookingRule().evaluate(state(today: "2027-06-20", status: .live, kickOff: "2027-04-29")).isEmpty)
    }

    // MARK: The tracking rule set

    @Test func trackingLeavesAMissedScheduleADeadlineToTheTrackingRule() {
        let current = state(today: "2027-03-23")
        let ids = RuleSet<MigrationState>.tracking.evaluate(current).map(\.id)
        #expect(ids.contains("schedule-a-not-called-off:target"))
        #expect(ids.contains("schedule-a-not-called-off:decommission"))
        #expect(!ids.contains("deadline-missed:schedule-a-target"))
        #expect(!ids.contains("deadline-missed:schedule-a-decommission"))
        // The planning rules alone, knowing nothing of the records, would report it.
        let planOnly = RuleSet.planning.evaluate(PlanContext(plan: plan, calendar: planner.calendar, today: current.today)).map(\.id)
        #expect(planOnly.contains("deadline-missed:schedule-a-target"))
    }

    @Test func trackingLeavesAMissedExtractRequestToTheTrackingRule() {
        let scheduleAs = [scheduleA(.target, .accepted, confirmedGoLive: "2027-06-14"), scheduleA(.decommission, .accepted)]
        let ids = RuleSet<MigrationState>.tracking.evaluate(state(today: "2027-04-15", scheduleAs: scheduleAs, extractSuppliers: [emis])).map(\.id)
        #expect(ids == ["extract-request-not-sent:\(sourceSupplier.uuidString.lowercased())"])
    }

    @Test func trackingStillReportsOtherMissedDeadlinesFromThePlan() {
        let offered = [scheduleA(.target, .accepted, proposedGoLives: ["2027-06-21"]), scheduleA(.decommission, .accepted)]
        let ids = RuleSet<MigrationState>.tracking.evaluate(state(today: "2027-04-07", scheduleAs: offered)).map(\.id)
        #expect(ids.contains("deadline-missed:go-live-confirmed"))
        #expect(ids.contains("go-live-not-confirmed"))
    }

    /// The planning rules remind the delivery partner of a Schedule A deadline five working
    /// days ahead; leaving the missed deadline to the tracking rule must not lose that reminder.
    @Test func trackingStillRemindsOfAScheduleADeadlineDueSoon() {
        let current = state(today: "2027-03-17")
        let planOnly = RuleSet.planning.evaluate(PlanContext(plan: plan, calendar: planner.calendar, today: current.today)).map(\.id)
        #expect(planOnly.contains("deadline-due-soon:schedule-a-target"))
        let findings = RuleSet<MigrationState>.tracking.evaluate(current)
        #expect(findings.contains { $0.deadline == "schedule-a-target" && $0.severity == .warning })
        #expect(findings.contains { $0.deadline == "schedule-a-decommission" && $0.severity == .warning })
    }

    @Test func trackingPutsTheMostSevereFirst() {
        let findings = RuleSet<MigrationState>.tracking.evaluate(state(today: "2027-03-23", kickOff: "2027-04-29"))
        #expect(findings.map(\.severity) == findings.map(\.severity).sorted(by: >))
        #expect(findings.first?.severity == .critical)
        #expect(findings.last?.id == "kick-off-survey-booking:survey-not-booked")
    }

    @Test func aWellKeptMigrationHasNoFindings() {
        let scheduleAs = [scheduleA(.target, .accepted, confirmedGoLive: "2027-06-14"), scheduleA(.decommission, .accepted)]
        let current = state(today: "2027-03-30", scheduleAs: scheduleAs, extractSuppliers: [emis], extractRequests: [extractRequest(from: sourceSupplier, .formRequested)])
        #expect(RuleSet<MigrationState>.tracking.evaluate(current).isEmpty)
    }

    @Test func anEndedMigrationHasNoFindings() {
        let current = state(today: "2027-08-02", status: .completed, submodules: [appointments], extractSuppliers: [emis], kickOff: "2027-04-29",
                            serviceStability: "2027-07-20", cease: "2027-09-13")
        #expect(RuleSet<MigrationState>.tracking.evaluate(current).isEmpty)
    }

    // MARK: Deadlines done

    @Test func nothingRecordedNothingDone() {
        #expect(state(today: "2027-03-01", extractSuppliers: [emis]).deadlinesDone.isEmpty)
    }

    @Test func aLiveTargetScheduleAMeetsItsDeadline() {
        #expect(state(today: "2027-03-23", scheduleAs: [scheduleA(.target, .calledOff)]).deadlinesDone == [.scheduleATarget])
        #expect(state(today: "2027-03-23", scheduleAs: [scheduleA(.target, .rejected)]).deadlinesDone.isEmpty)
    }

    @Test func aLiveDecommissionMeetsItsDeadline() {
        #expect(state(today: "2027-03-23", scheduleAs: [scheduleA(.decommission, .commissionerAccepted)]).deadlinesDone == [.scheduleADecommission])
    }

    @Test func aConfirmedGoLiveMeetsItsDeadlineAndOfferedDaysDoNot() {
        let confirmed = state(today: "2027-03-29", scheduleAs: [scheduleA(.target, .accepted, confirmedGoLive: "2027-06-14")])
        #expect(confirmed.deadlinesDone == [.scheduleATarget, .goLiveConfirmed])
        let offered = state(today: "2027-03-29", scheduleAs: [scheduleA(.target, .accepted, proposedGoLives: ["2027-06-21"])])
        #expect(offered.deadlinesDone == [.scheduleATarget])
    }

    @Test func theSourceSuppliersRequestMeetsTheExtractDeadline() {
        let sourceAsked = state(today: "2027-04-01", extractSuppliers: [emis, docMan], extractRequests: [extractRequest(from: sourceSupplier, .formRequested)])
        #expect(sourceAsked.deadlinesDone == [.dataExtractRequest])
        let onlyDocManAsked = state(today: "2027-04-01", extractSuppliers: [emis, docMan], extractRequests: [extractRequest(from: docManSupplier, .formRequested)])
        #expect(onlyDocManAsked.deadlinesDone.isEmpty)
    }

    @Test func otherRecordsAddTheirDeadlines() {
        #expect(state(today: "2027-05-06", otherDeadlinesDone: [.epsNotice, .cutoverPlanningMeeting]).deadlinesDone == [.epsNotice, .cutoverPlanningMeeting])
    }

    @Test func onceLiveEverythingDueByGoLiveIsDone() {
        let done = state(today: "2027-06-15", status: .live).deadlinesDone
        #expect(done == DeadlineID.everyKind.subtracting([.deploymentSurvey, .runOffEnd, .legacySupportEnd]))
    }

    @Test func onceCompletedEveryDeadlineIsDone() {
        #expect(state(today: "2027-08-02", status: .completed).deadlinesDone == DeadlineID.everyKind)
    }

    @Test func thePlanRulesTreatTheTrackedDeadlinesAsExplained() {
        let done = state(today: "2027-03-01").planContext.done
        #expect(done.isSuperset(of: [.scheduleATarget, .scheduleADecommission, .dataExtractRequest]))
        #expect(!done.contains(.goLiveConfirmed))
    }
}
