import Foundation
import Testing
@testable import MigrationKit

/// The deployment survey and the payment milestones after go-live (M1 from the confirmed
/// survey, M2 from the commissioner, the old system's cease date), and the findings that
/// say when one is missing. The plan goes live on Monday 14 June 2027: legacy support ends
/// on Monday 13 September 2027, M2 is due 60 days after go-live.
@Suite struct PaymentMilestoneTests {
    let rules = TrackingRuleTests()
    let practiceUser = UUID(), administrator = UUID()
    static func day(_ text: String) -> Day { TrackingRuleTests.day(text) }

    func findings(today: String, status: MigrationStatus = .live, serviceStability: String? = nil, cease: String? = nil) -> [String] {
        let scheduleAs = [rules.scheduleA(.target, .accepted, confirmedGoLive: "2027-06-14"), rules.scheduleA(.decommission, .accepted)]
        let state = rules.state(today: today, status: status, scheduleAs: scheduleAs, serviceStability: serviceStability, cease: cease)
        return (ServiceStabilityNotRecordedRule().evaluate(state) + CeaseDateRule().evaluate(state)).map(\.id)
    }

    @Test func theSurveyIsFilledInAfterGoLiveWithAScoreOfOneToFive() throws {
        let today = Self.day("2027-06-21")
        #expect(throws: WorkflowError.wrongState("the deployment survey is filled in after the go-live is recorded")) {
            try DeploymentSurvey.fillingIn(goLive: Self.day("2027-06-14"), score: 4, comments: "", by: practiceUser, today: today, wentLiveOn: nil, current: nil)
        }
        for score in [0, 6, 10] {
            #expect(throws: WorkflowError.invalid(field: "score", message: "the deployment score is from 1 to 5")) {
                try DeploymentSurvey.fillingIn(goLive: Self.day("2027-06-14"), score: score, comments: "", by: practiceUser, today: today,
                                               wentLiveOn: Self.day("2027-06-14"), current: nil)
            }
        }
        #expect(throws: WorkflowError.invalid(field: "goLive", message: "2027-06-22 is in the future: record what has happened")) {
            try DeploymentSurvey.fillingIn(goLive: today + 1, score: 4, comments: "", by: practiceUser, today: today, wentLiveOn: Self.day("2027-06-14"), current: nil)
        }
        let survey = try DeploymentSurvey.fillingIn(goLive: Self.day("2027-06-14"), score: 5, comments: "  Smooth  ", by: practiceUser, today: today,
                                                    wentLiveOn: Self.day("2027-06-14"), current: nil)
        #expect(survey.status == .submitted && survey.comments == "Smooth" && survey.sentOn == today)
        // Sent once: it waits for the administrator, not for a second copy.
        #expect(throws: WorkflowError.self) {
            try DeploymentSurvey.fillingIn(goLive: Self.day("2027-06-14"), score: 5, comments: "", by: practiceUser, today: today,
                                           wentLiveOn: Self.day("2027-06-14"), current: survey)
        }
    }

    @Test func theAdministratorConfirmsOrReturnsItAndAReturnedSurveyIsSentAgain() throws {
        let today = Self.day("2027-06-21")
        let survey = try DeploymentSurvey.fillingIn(goLive: Self.day("2027-06-15"), score: 3, comments: "", by: practiceUser, today: today,
                                                    wentLiveOn: Self.day("2027-06-14"), current: nil)
        #expect(throws: WorkflowError.invalid(field: "reason", message: "say what the practice must correct in the survey")) {
            try survey.returning(reason: "  ", by: administrator, on: today)
        }
        let returned = try survey.returning(reason: "The go-live was the 14th", by: administrator, on: today)
        #expect(returned.status == .returned && returned.sentOn == nil && returned.returnReason == "The go-live was the 14th")
        #expect(throws: WorkflowError.self) { try returned.confirming(by: administrator, on: today) }
        let again = try DeploymentSurvey.fillingIn(goLive: Self.day("2027-06-14"), score: 3, comments: "", by: practiceUser, today: today + 1,
                                                   wentLiveOn: Self.day("2027-06-14"), current: returned)
        let confirmed = try again.confirming(by: administrator, on: today + 2)
        #expect(confirmed.status == .confirmed && confirmed.decidedBy == administrator && confirmed.goLive == Self.day("2027-06-14"))
        #expect(throws: WorkflowError.wrongState("the deployment survey was already confirmed")) { try confirmed.returning(reason: "x", by: administrator, on: today) }
        #expect(throws: WorkflowError.self) {
            try DeploymentSurvey.fillingIn(goLive: Self.day("2027-06-14"), score: 3, comments: "", by: practiceUser, today: today, wentLiveOn: Self.day("2027-06-14"), current: confirmed)
        }
    }

    @Test func serviceStabilityIsConfirmedOnceBetweenGoLiveAndToday() throws {
        let goLive = Self.day("2027-06-14"), today = Self.day("2027-08-02")
        #expect(throws: WorkflowError.self) { try PaymentMilestones.recordingServiceStability(on: today, wentLiveOn: nil, current: nil, today: today) }
        #expect(throws: WorkflowError.self) { try PaymentMilestones.recordingServiceStability(on: goLive - 1, wentLiveOn: goLive, current: nil, today: today) }
        #expect(throws: WorkflowError.self) { try PaymentMilestones.recordingServiceStability(on: today + 1, wentLiveOn: goLive, current: nil, today: today) }
        #expect(throws: WorkflowError.self) { try PaymentMilestones.recordingServiceStability(on: today, wentLiveOn: goLive, current: goLive + 30, today: today) }
        #expect(try PaymentMilestones.recordingServiceStability(on: goLive + 30, wentLiveOn: goLive, current: nil, today: today) == goLive + 30)
    }

    @Test func theCeaseDateGoesOnTheDecommissioningScheduleANoEarlierThanLegacySupportEnds() throws {
        let supportEnds = Self.day("2027-09-13")
        let decommission = rules.scheduleA(.decommission, .accepted)
        #expect(throws: WorkflowError.invalid(field: "day", message: "the cease date cannot be before legacy support ends on Monday 13 September 2027")) {
            try PaymentMilestones.recordingCease(supportEnds - 1, on: decommission, wentLiveOn: Self.day("2027-06-14"), legacySupportEnds: supportEnds, today: Self.day("2027-08-02"))
        }
        #expect(throws: WorkflowError.self) { try PaymentMilestones.recordingCease(supportEnds, on: rules.scheduleA(.target, .accepted), wentLiveOn: Self.day("2027-06-14"), legacySupportEnds: supportEnds, today: Self.day("2027-08-02")) }
        #expect(throws: WorkflowError.self) { try PaymentMilestones.recordingCease(supportEnds, on: rules.scheduleA(.decommission, .rejected), wentLiveOn: Self.day("2027-06-14"), legacySupportEnds: supportEnds, today: Self.day("2027-08-02")) }
        #expect(throws: WorkflowError.self) { try PaymentMilestones.recordingCease(supportEnds, on: decommission, wentLiveOn: nil, legacySupportEnds: supportEnds, today: Self.day("2027-08-02")) }
        #expect(try PaymentMilestones.recordingCease(supportEnds, on: decommission, wentLiveOn: Self.day("2027-06-14"), legacySupportEnds: supportEnds, today: Self.day("2027-08-02")) == supportEnds)
    }

    @Test func m2IsLate60DaysAfterGoLive() {
        #expect(!findings(today: "2027-08-13").contains("service-stability-not-recorded"))
        #expect(findings(today: "2027-08-14").contains("service-stability-not-recorded"))
        #expect(!findings(today: "2027-08-14", serviceStability: "2027-08-01").contains("service-stability-not-recorded"))
        // Before go-live there is nothing to confirm.
        #expect(findings(today: "2027-08-14", status: .registered).isEmpty)
    }

    @Test func theCeaseDateIsMissingTooEarlyOrTheOldSystemIsStillPaidFor() {
        #expect(findings(today: "2027-06-20").contains("cease-date:missing"))
        #expect(findings(today: "2027-06-20", cease: "2027-09-10").contains("cease-date:too-early"))
        #expect(!findings(today: "2027-06-20", cease: "2027-09-13").contains { $0.hasPrefix("cease-date") })
        #expect(findings(today: "2027-09-13").contains("cease-date:missing"))
        #expect(findings(today: "2027-09-14", status: .completed).contains("cease-date:still-paid"))
        #expect(!findings(today: "2027-09-14", status: .completed, serviceStability: "2027-07-01", cease: "2027-09-30").contains { $0.hasPrefix("cease-date") })
    }
}
