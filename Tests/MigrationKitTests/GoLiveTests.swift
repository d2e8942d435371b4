import Foundation
import Testing
@testable import MigrationKit

/// Agreeing the provisional go-live (step 2 of the guide) and recording the go-live.
@Suite struct GoLiveTests {
    let today = workflowDay("2026-11-25")
    let day = workflowDay("2027-03-01")
    let source = UUID(uuidString: "00000000-0000-0000-0000-000000000001")!
    let target = UUID(uuidString: "00000000-0000-0000-0000-000000000002")!
    let subsidiary = UUID(uuidString: "00000000-0000-0000-0000-000000000003")!
    let product = UUID(uuidString: "00000000-0000-0000-0000-000000000050")!

    // MARK: Provisional go-live

    @Test func aProposalIsTheProposersAgreementAndTheOthersAgreeInTurn() throws {
        var provisional = try ProvisionalGoLive.proposing(day, by: .practice, on: today, replacing: nil)
        #expect(provisional.agreements == [.practice: today])
        #expect(provisional.waitingFor == [.commissioner, .deliveryPartner, .targetSupplier])
        for party in [Party.commissioner, .deliveryPartner, .targetSupplier] {
            #expect(!provisional.isAgreed)
            provisional = try provisional.agreeing(to: day, by: party, on: today + 1)
        }
        #expect(provisional.isAgreed)
        #expect(provisional.agreements[.targetSupplier] == today + 1)
        #expect(provisional.day == day)
    }

    @Test func proposingTheSameDayAgreesAndAnotherDayStartsAgain() throws {
        let proposed = try ProvisionalGoLive.proposing(day, by: .practice, on: today, replacing: nil)
        let agreed = try ProvisionalGoLive.proposing(day, by: .commissioner, on: today, replacing: proposed)
        #expect(agreed.agreements.keys.sorted { $0.rawValue < $1.rawValue } == [.commissioner, .practice])
        let moved = try ProvisionalGoLive.proposing(day + 7, by: .deliveryPartner, on: today, replacing: agreed)
        #expect(moved.day == day + 7)
        #expect(moved.agreements == [.deliveryPartner: today])
    }

    @Test func anAgreementNamesTheDayItAgreesTo() throws {
        let proposed = try ProvisionalGoLive.proposing(day, by: .practice, on: today, replacing: nil)
        #expect(throws: WorkflowError.wrongState("the provisional go-live is now Monday 1 March 2027; agree to that date or propose another")) {
            try proposed.agreeing(to: day + 7, by: .targetSupplier, on: today)
        }
        #expect(throws: WorkflowError.wrongState("the Practice has already agreed to Monday 1 March 2027")) {
            try proposed.agreeing(to: day, by: .practice, on: today)
        }
        #expect(throws: WorkflowError.wrongState("the Old system supplier does not agree the provisional go-live")) {
            try proposed.agreeing(to: day, by: .sourceSupplier, on: today)
        }
    }

    // MARK: Recording the go-live

    func goLive(status: MigrationStatus = .registered, confirmed: Day? = nil, scheduleAs: [ScheduleA]? = nil,
                extracts: [DataExtractRequest.Status] = [.transferred, .transferred], signedOff: Bool = true) throws -> GoLive {
        let accepted = try ScheduleA.callOff(.target, supplier: target, product: product, on: today)
            .commissionerDecides(.accept, reason: nil, on: today)
            .supplierDecides(.accept, reason: nil, confirmGoLive: day, proposedGoLives: [], on: today)
        let suppliers = [ExtractSupplier(supplier: source, name: "EMIS Health", noticeDays: 35),
                         ExtractSupplier(supplier: subsidiary, name: "Docman", noticeDays: 21)]
        let requests = zip(suppliers, extracts).map { DataExtractRequest(supplier: $0.supplier, status: $1, requestedOn: today) }
        return GoLive(status: status, confirmedDay: confirmed ?? day, scheduleAs: scheduleAs ?? [accepted], extractSuppliers: suppliers,
                      extractRequests: requests, goLiveDataSignedOff: signedOff)
    }

    @Test func goesLiveOnTheConfirmedDayOrLater() throws {
        #expect(try goLive().outstanding.isEmpty)
        #expect(try goLive().recording(on: day) == .live)
        #expect(try goLive().recording(on: day + 2) == .live)
        #expect(try goLive().canBeRecorded(today: day))
        #expect(try !goLive().canBeRecorded(today: day - 1), "not before the confirmed day")
        #expect(try !goLive(signedOff: false).canBeRecorded(today: day))
        #expect(throws: WorkflowError.invalid(field: "day", message: "the go-live was confirmed for Monday 1 March 2027; record it on that day or later")) {
            try goLive().recording(on: day - 1)
        }
    }

    @Test func waitsForTheConfirmedDayTheSupplierAcceptancesAndEveryTransfer() throws {
        let unconfirmed = GoLive(status: .registered, confirmedDay: nil, scheduleAs: [], extractSuppliers: [], extractRequests: [], goLiveDataSignedOff: true)
        #expect(throws: WorkflowError.wrongState("the new system's supplier must confirm the go-live date")) { try unconfirmed.recording(on: day) }

        let waiting = try ScheduleA.callOff(.decommission, supplier: source, product: product, on: today).commissionerDecides(.accept, reason: nil, on: today)
        let withDecommission = try goLive(scheduleAs: try goLive().scheduleAs + [waiting])
        #expect(throws: WorkflowError.wrongState("the Schedule A that decommissions the old system is not yet accepted by its supplier")) {
            try withDecommission.recording(on: day)
        }
        let rejected = try ScheduleA.callOff(.submodule, supplier: target, product: product, on: today).commissionerDecides(.reject, reason: "wrong module", on: today)
        #expect(try goLive(scheduleAs: try goLive().scheduleAs + [rejected]).outstanding.isEmpty, "a rejected Schedule A no longer stands in the way")

        #expect(throws: WorkflowError.wrongState("Docman has not confirmed the data extract as transferred")) {
            try goLive(extracts: [.transferred, .formReturned]).recording(on: day)
        }
        #expect(throws: WorkflowError.wrongState("Docman has not confirmed the data extract as transferred")) {
            try goLive(extracts: [.transferred]).recording(on: day)
        }
        #expect(throws: WorkflowError.wrongState("the practice must sign off the go-live data")) { try goLive(signedOff: false).recording(on: day) }
        #expect(try goLive(extracts: [.formSent, .formReturned], signedOff: false).outstanding.count == 3)
    }

    @Test(arguments: [(MigrationStatus.proposed, "the migration must be registered before it can go live"), (.approved, "the migration must be registered before it can go live"),
                      (.live, "the go-live was already recorded"), (.completed, "the go-live was already recorded")])
    func onlyARegisteredMigrationGoesLive(status: MigrationStatus, message: String) throws {
        #expect(throws: WorkflowError.wrongState(message)) { try goLive(status: status).recording(on: day) }
    }
}
