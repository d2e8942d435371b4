import Foundation

/// A step someone may take on a migration, with the record it is about. `MigrationFacts`
/// decides which an actor may take now; the migration page offers each as a form, and the
/// service accepts each (the tests hold the two together).
public enum MigrationCommand: Hashable, Sendable {
    case approveBusinessCase
    case agreeProvisionalGoLive(Day)
    /// `current` is the day proposed so far, if any.
    case proposeProvisionalGoLive(current: Day?)
    case register
    case callOffScheduleA(ScheduleA.Kind, product: UUID)
    case commissionerDecides(scheduleA: UUID)
    case supplierDecides(scheduleA: UUID, kind: ScheduleA.Kind)
    /// `current` is the go-live confirmed so far, if any (then the command moves it).
    case confirmGoLive(scheduleA: UUID, current: Day?)
    case requestExtractForm(supplier: ExtractSupplier)
    case sendExtractForm(request: UUID, supplier: UUID)
    case returnExtractForm(request: UUID, supplier: UUID)
    case confirmExtractTransfer(request: UUID, supplier: UUID)
    case bookKickOff(booked: Day?)
    case bookTechnicalSurvey(booked: Day?)
    case signOff(SignOffKind)
    case recordGoLive(confirmed: Day)
    case end
    case recordMilestone
    case markDeadlineMet(Deadline)
    case addNotice
    case markNoticeSent(notice: UUID)
    case addActionItem
    case moveActionItem(UUID, from: ActionItemStatus, to: ActionItemStatus)
}
