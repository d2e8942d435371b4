/// Plans a migration backwards from its go-live day, and finds the earliest go-live day
/// that can still be met.
public struct Planner: Sendable {
    public let template: ProcessTemplate
    public let calendar: WorkingCalendar
    /// Whose data moves, the old system's supplier first; each gets its own extract request
    /// deadline from its own notice period. Empty: one deadline, from the template's notice.
    public let extractSuppliers: [ExtractSupplier]

    /// How far ahead the earliest go-live search looks before giving up (calendar days).
    public static let searchHorizonDays = 3 * 366

    public init(template: ProcessTemplate = .standard, calendar: WorkingCalendar = WorkingCalendar(), extractSuppliers: [ExtractSupplier] = []) {
        self.template = template
        self.calendar = calendar
        self.extractSuppliers = extractSuppliers
    }

    /// The plan for a go-live on `goLive`. Every other date lands on a working day; the
    /// go-live itself is kept as asked, and a rule flags it if it is not a working day.
    public func plan(goLive: Day) -> Plan {
        let t = template
        let cal = calendar
        func back(_ count: Int, from day: Day) -> Day { cal.adding(workingDays: -count, to: day) }
        func ahead(_ count: Int, from day: Day) -> Day { cal.adding(workingDays: count, to: day) }
        func window(_ start: Day, _ end: Day) -> DayRange { DayRange(uncheckedStart: start, end: max(start, end)) }

        // The main sequence, from go-live backwards.
        let finalDataProduction = back(t.cutoverDays, from: goLive)
        let recheckEnd = back(1, from: finalDataProduction)
        let recheckStart = back(t.dataRecheckSignOffDays - 1, from: recheckEnd)
        let checkingEnd = back(1, from: recheckStart)
        let checkingStart = back(t.dataCheckingDays - 1, from: checkingEnd)
        let initialDataProduction = back(1, from: checkingStart)
        let preMigrationEnd = back(1, from: initialDataProduction)
        let preMigrationStart = back(t.preMigrationDays - 1, from: preMigrationEnd)
        let survey = back(1, from: preMigrationStart)
        let kickOff = back(t.kickOffToSurveyDays, from: survey)
        // Procurement: the Schedule As go out early enough for both the supplier's 1 to 2
        // weeks and the order-to-go-live lead time; any slack sits before the kick-off.
        let procurementEnd = back(1, from: kickOff)
        let procurementStart = min(
            back(t.procurementDays - 1, from: procurementEnd),
            cal.workingDay(onOrBefore: goLive - t.orderToGoLiveDays))
        let goLiveConfirmed = ahead(t.procurementDays - 1, from: procurementStart)
        let decisionEnd = back(1, from: procurementStart)
        let decisionStart = back(max(t.decisionAndFundingDays - 1, 0), from: decisionEnd)

        // After go-live.
        let postGoLiveStart = ahead(1, from: goLive)
        let postGoLiveEnd = ahead(t.postGoLiveDays - 1, from: postGoLiveStart)
        let runOffEnd = cal.workingDay(onOrAfter: goLive + t.runOffDays)
        let legacySupportEnd = cal.workingDay(onOrAfter: goLive + t.legacySupportDays)
        let deploymentSurvey = ahead(t.deploymentSurveyDays, from: goLive)
        let endOfMigrationStart = ahead(1, from: postGoLiveEnd)
        let endOfMigrationEnd = max(runOffEnd, deploymentSurvey, endOfMigrationStart)

        // Alongside the main sequence.
        let planningMeeting = cal.workingDay(onOrBefore: finalDataProduction - t.cutoverPlanningMeetingDays)
        let lastDayBeforeGoLive = back(1, from: goLive)

        let milestones = [
            window(decisionStart, decisionEnd),
            window(procurementStart, procurementEnd),
            DayRange(day: kickOff),
            DayRange(day: survey),
            window(preMigrationStart, preMigrationEnd),
            DayRange(day: initialDataProduction),
            window(checkingStart, checkingEnd),
            window(recheckStart, recheckEnd),
            window(planningMeeting, back(1, from: finalDataProduction)),
            window(preMigrationStart, lastDayBeforeGoLive),
            DayRange(day: finalDataProduction),
            window(finalDataProduction, goLive),
            DayRange(day: goLive),
            window(postGoLiveStart, postGoLiveEnd),
            window(endOfMigrationStart, endOfMigrationEnd),
        ].enumerated().map { Milestone(phase: Phase(rawValue: $0.offset + 1)!, window: $0.element) }

        var deadlines: [Deadline] = [
            Deadline(kind: .scheduleATarget, due: procurementStart),
            Deadline(kind: .scheduleADecommission, due: procurementStart),
            Deadline(kind: .goLiveConfirmed, due: goLiveConfirmed),
            Deadline(kind: .cutoverPlanningMeeting, due: planningMeeting),
            Deadline(kind: .epsNotice, due: cal.workingDay(onOrBefore: finalDataProduction - t.epsNoticeDays)),
            Deadline(kind: .thirdPartyNotice, due: cal.workingDay(onOrBefore: finalDataProduction - t.thirdPartyNoticeDays)),
            Deadline(kind: .bowelScreeningPause, due: back(t.bowelScreeningPauseDays, from: finalDataProduction)),
            Deadline(kind: .linksSwitchOff, due: back(t.linksSwitchOffDays, from: finalDataProduction)),
            Deadline(kind: .training, due: lastDayBeforeGoLive),
            Deadline(kind: .deploymentSurvey, due: deploymentSurvey),
            Deadline(kind: .runOffEnd, due: runOffEnd),
            Deadline(kind: .legacySupportEnd, due: legacySupportEnd),
        ]
        deadlines.insert(contentsOf: extractRequestDeadlines(initialDataProduction: initialDataProduction), at: 3)
        // Stable: equal days keep the process order above.
        deadlines = deadlines.enumerated().sorted { ($0.element.due, $0.offset) < ($1.element.due, $1.offset) }.map(\.element)

        return Plan(
            goLive: goLive, milestones: milestones, deadlines: deadlines, template: t,
            criticalWindowEnd: ahead(2, from: goLive))
    }

    /// One extract request deadline per supplier whose data moves. The old system's keeps
    /// the plain id (`data-extract-request`); every other supplier's carries its id.
    private func extractRequestDeadlines(initialDataProduction: Day) -> [Deadline] {
        guard let source = extractSuppliers.first else {
            return [Deadline(kind: .dataExtractRequest, due: dataExtractRequestDue(initialDataProduction: initialDataProduction, noticeDays: template.dataExtractNoticeDays))]
        }
        return extractSuppliers.map { supplier in
            Deadline(DeadlineID(.dataExtractRequest, supplier: supplier == source ? nil : supplier.supplier),
                     due: dataExtractRequestDue(initialDataProduction: initialDataProduction, noticeDays: supplier.noticeDays), supplierName: supplier.name)
        }
    }

    /// When a supplier with `noticeDays` of notice must receive the extract request so the
    /// data is ready for initial data production.
    public func dataExtractRequestDue(initialDataProduction: Day, noticeDays: Int) -> Day {
        calendar.workingDay(onOrBefore: initialDataProduction - noticeDays)
    }

    /// Whether `plan` can still be met from `today`: no deadline not yet `done` has passed,
    /// and go-live is a working day. Every report, page and replan asks this.
    public func isFeasible(_ plan: Plan, today: Day, done: Set<DeadlineID> = []) -> Bool {
        plan.isFeasible(today: today, done: done) && calendar.isWorkingDay(plan.goLive)
    }

    /// Whether a go-live on `goLive` can still be met from `today`: it is a working day, no
    /// deadline not yet `done` has passed, and the critical window is free of blackouts and
    /// bank holidays.
    public func isAcceptableGoLive(_ goLive: Day, today: Day, done: Set<DeadlineID> = []) -> Bool {
        guard calendar.isWorkingDay(goLive) else { return false }
        let plan = plan(goLive: goLive)
        return plan.isFeasible(today: today, done: done) && criticalWindowIsClear(plan.criticalWindow)
    }

    /// The earliest acceptable go-live on or after `today` (see `isAcceptableGoLive`), or nil
    /// when none exists within the search horizon. Deadlines already `done` (a migration
    /// under way) no longer hold it back.
    public func earliestFeasibleGoLive(from today: Day, done: Set<DeadlineID> = []) -> Day? {
        // Deadlines only move later as go-live moves later, so "no deadline has passed" is
        // monotone in the go-live day: find its first day by doubling then bisecting.
        let limit = today + Self.searchHorizonDays
        var low = today
        var step = 64
        var high = today + step
        while !plan(goLive: high).isFeasible(today: today, done: done) {
            guard high < limit else { return nil }
            low = high + 1
            step *= 2
            high = min(today + step, limit)
        }
        while low < high {
            let middle = low + low.days(to: high) / 2
            if plan(goLive: middle).isFeasible(today: today, done: done) { high = middle } else { low = middle + 1 }
        }
        // The working-day and critical-window checks are not monotone: walk forward.
        var candidate = calendar.workingDay(onOrAfter: low)
        while candidate <= limit {
            if isAcceptableGoLive(candidate, today: today, done: done) { return candidate }
            candidate = calendar.workingDay(onOrAfter: candidate + 1)
        }
        return nil
    }

    func criticalWindowIsClear(_ window: DayRange) -> Bool {
        var day = window.start
        while day <= window.end {
            if EnglandAndWalesBankHolidays.isBankHoliday(day) || calendar.blackout(on: day) != nil { return false }
            day = day + 1
        }
        return true
    }
}
