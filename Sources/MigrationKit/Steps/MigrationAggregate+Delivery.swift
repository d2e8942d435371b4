import Foundation

/// The steps of delivery: meetings booked, phases and sign-offs recorded, the go-live and
/// the end, and deadlines no other record shows marked met.
extension MigrationAggregate {
    public mutating func bookKickOff(_ day: Day, today: Day) throws(WorkflowError) {
        try check(.bookKickOff(booked: record.kickOffOn), today: today)
        record.kickOffOn = try MeetingBooking.booking(day, calendar: planner.calendar)
    }

    public mutating func bookTechnicalSurvey(_ day: Day, today: Day) throws(WorkflowError) {
        try check(.bookTechnicalSurvey(booked: record.surveyOn), today: today)
        record.surveyOn = try MeetingBooking.booking(day, calendar: planner.calendar)
    }

    /// When a phase actually started and ended (again, to correct it); the go-live and the
    /// end have their own steps. Answers the phase's row.
    @discardableResult
    public mutating func recordMilestone(_ phase: Phase, actualStart: Day, actualEnd: Day?, today: Day) throws(WorkflowError) -> MilestoneRow {
        try Self.checkMilestone(phase, actualStart: actualStart, actualEnd: actualEnd)
        try check(.recordMilestone, today: today)
        if !milestones.contains(where: { $0.phase == phase.rawValue }) {
            milestones.append(MilestoneRow(id: UUID(), migrationID: id, phase: phase.rawValue))
        }
        let index = milestones.firstIndex { $0.phase == phase.rawValue }!
        milestones[index].actualStart = actualStart
        milestones[index].actualEnd = actualEnd
        return milestones[index]
    }

    /// What a milestone may say whatever the migration's state, so that the server can
    /// refuse a wrong one before it loads anything.
    public static func checkMilestone(_ phase: Phase, actualStart: Day, actualEnd: Day?) throws(WorkflowError) {
        guard !phase.hasItsOwnStep else {
            throw .invalid(field: "phase", message: "record the go-live and the end of the migration with their own steps")
        }
        if let actualEnd, actualEnd < actualStart { throw .invalid(field: "actualEnd", message: "the phase cannot end before it starts") }
    }

    @discardableResult
    public mutating func signOff(_ kind: SignOffKind, by user: UUID, signerName: String, comment: String, today: Day) throws(WorkflowError) -> SignOffRow {
        try check(.signOff(kind), today: today)
        let row = SignOffRow(id: UUID(), migrationID: id, kind: kind, userID: user, signerName: signerName, signedOn: today, comment: comment)
        signOffs.append(row)
        return row
    }

    /// The day the practice went live: the confirmed day or later, with what `GoLive` asks done.
    public mutating func recordGoLive(_ day: Day, today: Day) throws(WorkflowError) {
        try check(.recordGoLive(confirmed: day), today: today)
        record.status = try goLive.recording(on: day)
        record.actualGoLive = day
    }

    public mutating func end(on day: Day, today: Day) throws(WorkflowError) {
        try check(.end, today: today)
        record.status = try record.status.ending(deploymentSurveyConfirmed: deploymentSurveyConfirmed)
        record.endedOn = day
    }

    /// Records by hand that a deadline was met: only those no other record shows, such as
    /// switching off links (`MigrationFacts.deadlinesToMarkMet`).
    public mutating func markDeadlineMet(_ deadline: DeadlineID, on day: Day, today: Day) throws(WorkflowError) {
        let facts = facts(today: today)
        guard let planned = try facts.plannedDeadline(deadline) else { throw .notFound("deadline") }
        try facts.check(.markDeadlineMet(planned), today: today)
        record.metDeadlines[deadline.rawValue] = day
    }
}
