/// What each party has to do in each phase of a practice migration, kept as plain data.
///
/// The items follow the NHS practice-migration guide from the decision to move
/// to the end of the migration, but every text is written afresh for this
/// project. Ticks and sign-offs are stored against an item's `id`, so ids must
/// never change once released: they take the form
/// `<party raw value>.<phase id>.<short slug>`.
///
/// Some regions share out the work differently (for example, the commissioner
/// rather than the delivery partner may register the migration); the party given
/// here is the usual owner.
public enum Checklists {
    /// Every item, in phase order then party order.
    public static let all: [ChecklistItem] = [
        // MARK: 1. Decision to migrate and funding

        item(.practice, .decisionAndFunding, "write-business-case",
             "Prepare the business case for changing clinical system: explain what is pushing the practice to move (the drivers), what the practice has to weigh up (its considerations) and how the change fits local plans (strategic fit)."),
        item(.practice, .decisionAndFunding, "engage-delivery-partner",
             "Once the move is approved, bring the GP IT delivery partner (usually the CSU) into the project alongside the commissioner."),
        item(.practice, .decisionAndFunding, "propose-provisional-go-live",
             "Suggest a provisional go-live date to the commissioner and delivery partner, staying clear of busy times for the practice and the local area and of weeks when many staff are on leave or away training."),
        item(.commissioner, .decisionAndFunding, "approve-business-case",
             "Assess the practice's business case and take it through any local boards that must approve it."),
        item(.commissioner, .decisionAndFunding, "secure-funding",
             "Find and commit the money for the migration, allowing for hardware the technical survey may later show needs replacing."),
        item(.commissioner, .decisionAndFunding, "engage-delivery-partner",
             "Ask the GP IT delivery partner to support the practice through the migration."),
        item(.commissioner, .decisionAndFunding, "agree-provisional-go-live",
             "Agree the provisional go-live date with the practice and the delivery partner."),
        item(.deliveryPartner, .decisionAndFunding, "confirm-regional-roles",
             "Settle who does what in this area (registering the migration, requesting extract forms, running the project), because the split differs from region to region."),
        item(.deliveryPartner, .decisionAndFunding, "share-date-with-target-supplier",
             "Agree the provisional go-live date with the practice and commissioner, checking it against local busy periods and staff availability, then put it to the new system's supplier."),
        item(.targetSupplier, .decisionAndFunding, "discuss-provisional-go-live",
             "Consider the proposed go-live date against the supplier's own deployment capacity and say early if it looks difficult."),

        // MARK: 2. Procurement

        item(.practice, .procurement, "list-submodules",
             "Tell the delivery partner every part of the new system the practice will use, such as appointments, document management and data entry forms; add-on modules are easily missed and each may need its own Schedule A."),
        item(.practice, .procurement, "return-extract-form",
             "Fill in the old supplier's extract request form and send it back, entering the initial data production dates given by the new supplier."),
        item(.practice, .procurement, "return-subsidiary-extract-forms",
             "Complete and return the extract request forms from the other data suppliers, using dates that line up with the main extract."),
        item(.commissioner, .procurement, "accept-target-schedule-a",
             "Accept the Schedule A for the new system on the ordering system (Buying Catalogue / order tracker)."),
        item(.commissioner, .procurement, "accept-submodule-schedule-as",
             "Accept the separate Schedule A raised for each module of the new system."),
        item(.commissioner, .procurement, "accept-decommission-schedule-a",
             "Accept the Schedule A that ends the old system, so the NHS stops paying for it on time."),
        item(.deliveryPartner, .procurement, "register-migration",
             "Record the migration on the tracking system (now the Buying Catalogue and the monthly order tracker return) against the practice's ODS code."),
        item(.deliveryPartner, .procurement, "call-off-target-schedule-a",
             "Raise and call off the Schedule A for the new system's supplier on the tracking system."),
        item(.deliveryPartner, .procurement, "call-off-appointments-schedule-a",
             "Raise a separate Schedule A for the new system's appointments module if it is ordered on its own."),
        item(.deliveryPartner, .procurement, "call-off-document-management-schedule-a",
             "Raise a separate Schedule A for document management if the practice needs it."),
        item(.deliveryPartner, .procurement, "call-off-data-entry-forms-schedule-a",
             "Raise a separate Schedule A for data entry forms (templates) if they are supplied as a separate item."),
        item(.deliveryPartner, .procurement, "call-off-decommission-schedule-a",
             "At the same time, call off a Schedule A to decommission the old system; if this waits, the NHS goes on paying for a service it no longer needs."),
        item(.deliveryPartner, .procurement, "request-extract-form",
             "Straight away, ask the old system's supplier to send the form used to order a data extract: suppliers need different amounts of notice, as much as five weeks, and a late request can hold up initial data production."),
        item(.deliveryPartner, .procurement, "request-subsidiary-extract-forms",
             "Ask each other supplier whose data moves (such as DocMan, INR Star or DispensIT) for its extract form too, so their data is extracted in step with the main extract."),
        item(.deliveryPartner, .procurement, "book-kick-off-and-survey",
             "Book kick-off and the technical survey close together, no more than a few days apart."),
        item(.targetSupplier, .procurement, "accept-schedule-a",
             "Pick up the Schedule A notification and accept the order."),
        item(.targetSupplier, .procurement, "confirm-go-live-availability",
             "Tell the practice whether the supplier can take the requested go-live dates, and offer other dates if it cannot."),
        item(.targetSupplier, .procurement, "advise-idp-dates",
             "Give the practice the dates for initial data production so they can be written on the extract request forms."),
        item(.sourceSupplier, .procurement, "send-extract-form",
             "On request, send the practice the form used to order a data extract."),
        item(.sourceSupplier, .procurement, "acknowledge-decommission",
             "Receive the Schedule A that ends the service and note the planned end of the contract."),
        item(.sourceSupplier, .procurement, "schedule-extract",
             "Once the form comes back, book the extract for the dates asked for, within the supplier's notice period, and arrange a secure route to the new supplier."),

        // MARK: 3. Kick-off meeting

        item(.practice, .kickOff, "name-project-team",
             "Come to the kick-off with the practice manager and lead clinician, and say who in the practice owns each task."),
        item(.practice, .kickOff, "share-third-party-list",
             "Hand over a full list of third-party products and services linked to the current system, so none is forgotten when notices go out."),
        item(.practice, .kickOff, "agree-communication-plan",
             "Agree how staff, patients and outside services will be told about the change and by whom."),
        item(.deliveryPartner, .kickOff, "run-kick-off",
             "Chair the kick-off and write down who is responsible for each part of the migration."),
        item(.deliveryPartner, .kickOff, "agree-milestones",
             "Fix the key dates with everyone present: data extracts, data checking, cut-over planning, training, final data production and go-live."),
        item(.deliveryPartner, .kickOff, "set-up-weekly-meetings",
             "Set up a weekly project call or meeting that runs until the end of the migration."),
        item(.targetSupplier, .kickOff, "explain-process",
             "Walk the practice through how the new supplier runs a migration, what the practice will be asked to do and how training works, and confirm the supplier can meet the agreed dates."),

        // MARK: 4. Technical survey

        item(.practice, .technicalSurvey, "sign-technical-requirements",
             "Read and sign the technical requirements that come out of the survey."),
        item(.commissioner, .technicalSurvey, "decide-extra-costs",
             "Decide how to fund any extra hardware or network work the survey finds."),
        item(.deliveryPartner, .technicalSurvey, "survey-hardware",
             "Check that PCs, printers, scanners and card readers are good enough for the new system."),
        item(.deliveryPartner, .technicalSurvey, "survey-network",
             "Check the network connection and local cabling can carry the new system."),
        item(.deliveryPartner, .technicalSurvey, "review-third-party-software",
             "Check each third-party program on the practice's machines will work with, or has a replacement on, the new system."),
        item(.deliveryPartner, .technicalSurvey, "cost-and-order-upgrades",
             "Price any replacements, raise the cost with the commissioner and make sure the work is done well before go-live."),
        item(.targetSupplier, .technicalSurvey, "state-technical-requirements",
             "Set out what the new system needs from hardware, network and linked products, and confirm which integrations it supports."),

        // MARK: 5. Pre-migration tasks

        item(.practice, .preMigration, "clean-up-data",
             "Tidy the records before they are extracted: merge or remove duplicates, finish off outstanding tasks and file waiting documents."),
        item(.practice, .preMigration, "choose-test-patients",
             "Pick the patients whose records will be compared after each extract: usually up to about twenty with varied, complex records, plus a few chosen at random."),
        item(.practice, .preMigration, "notify-eps",
             "Warn the Electronic Prescription Service and local pharmacies early about when cut-over starts and when the new system goes live; EPS can need five weeks' notice."),
        item(.practice, .preMigration, "notify-linked-services",
             "Give the other linked national and local services (such as GP2GP, the Summary Care Record, pathology labs, NHS 111, out-of-hours providers, screening programmes and PCSE) the dates of cut-over and go-live; some need only five days' notice but sooner is safer."),
        item(.practice, .preMigration, "notify-third-party-suppliers",
             "Tell each third-party supplier on the list (for example DocMan, INR Star or DispensIT) when the change will happen."),
        item(.practice, .preMigration, "plan-reminders",
             "Diary a reminder to every party that was given notice: one a week before and another on the day."),
        item(.practice, .preMigration, "agree-training-plan",
             "Agree with the new supplier who will be trained, in what and when."),
        item(.deliveryPartner, .preMigration, "keep-notice-register",
             "Keep a register of every notice sent, its due date and the reply, and chase those still outstanding."),
        item(.targetSupplier, .preMigration, "agree-training-plan",
             "Draw up the training plan with the practice, covering each staff group."),

        // MARK: 6. Initial data production

        item(.practice, .initialDataProduction, "name-admin-users",
             "Choose up to three staff to act as administrators on the test system."),
        item(.deliveryPartner, .initialDataProduction, "confirm-all-extracts",
             "Check that the main extract and every subsidiary supplier's extract were taken on the planned day."),
        item(.targetSupplier, .initialDataProduction, "load-test-system",
             "Load the extracted data into a test copy of the new system."),
        item(.targetSupplier, .initialDataProduction, "create-admin-users",
             "Create up to three administrator accounts on the test system for the practice."),
        item(.sourceSupplier, .initialDataProduction, "transfer-extract-securely",
             "Take the first extract on the agreed day and pass it to the new supplier by a secure route."),

        // MARK: 7. Data checking

        item(.practice, .dataChecking, "compare-test-patients",
             "Compare each test patient's record in the old and test systems: problems, medication, allergies, results, documents and appointments."),
        item(.practice, .dataChecking, "run-checking-rounds",
             "Work through two or three rounds of checks, each lasting three to five days."),
        item(.practice, .dataChecking, "log-issues",
             "Write down every difference found and report it to the new supplier."),
        item(.practice, .dataChecking, "lead-clinician-sign-off",
             "Have the lead clinician sign off the checks once satisfied that the data came across correctly."),
        item(.deliveryPartner, .dataChecking, "monitor-progress",
             "Track the checking rounds against the plan and raise the alarm if they slip."),
        item(.targetSupplier, .dataChecking, "resolve-issues",
             "Investigate each reported difference and fix it, reloading the data if needed."),

        // MARK: 8. Data recheck and sign-off

        item(.practice, .dataRecheckSignOff, "recheck-fixes",
             "Check again the records that were corrected to make sure the fixes worked."),
        item(.practice, .dataRecheckSignOff, "sign-off-data",
             "Formally accept the migrated data as ready for go-live, noting who signed and when."),
        item(.deliveryPartner, .dataRecheckSignOff, "record-sign-off",
             "File the data sign-off with the project records."),
        item(.targetSupplier, .dataRecheckSignOff, "confirm-fixes-applied",
             "Confirm that all agreed fixes will be applied to the final data production."),

        // MARK: 9. Cut-over planning and preparation

        item(.practice, .cutoverPlanning, "protect-critical-days",
             "Block out the cut-over days and the two days following go-live: no annual leave, no practice events and no chronic disease clinics that create a lot of data."),
        item(.practice, .cutoverPlanning, "plan-manual-processes",
             "Decide how the practice will work while no system is available: paper notes, printed appointment lists, prescriptions, and how all of it will be entered later."),
        item(.deliveryPartner, .cutoverPlanning, "hold-planning-meeting",
             "Hold the cut-over planning meeting at least four weeks before final data production."),
        item(.deliveryPartner, .cutoverPlanning, "plan-link-switch-off",
             "Agree who turns off each link and message feed, one to two days before final data production, and who turns it back on."),
        item(.targetSupplier, .cutoverPlanning, "confirm-cutover-dates",
             "Confirm the final data production date, go-live date and any on-site support."),
        item(.sourceSupplier, .cutoverPlanning, "confirm-final-extract",
             "Confirm the date and time of the final extract."),

        // MARK: 10. Training

        item(.practice, .training, "release-staff",
             "Free staff from their rotas so they can attend the training they need."),
        item(.practice, .training, "practise-on-test-system",
             "Let staff practise everyday tasks on the test system."),
        item(.deliveryPartner, .training, "check-training-booked",
             "Check that training is booked and attended, and arrange help with linked third-party products."),
        item(.targetSupplier, .training, "train-admin-users",
             "Train the practice's system administrators early so they can set up the new system."),
        item(.targetSupplier, .training, "deliver-core-training",
             "Give core training to all staff as near to go-live as can be managed, so it is fresh when they need it."),

        // MARK: 11. Final data production

        item(.practice, .finalDataProduction, "switch-off-links",
             "One to two days before final data production, turn off links and message feeds to the old system as planned."),
        item(.practice, .finalDataProduction, "stop-bowel-screening",
             "Arrange for bowel screening messages to pause from two days before cut-over and resume only once the new system is live."),
        item(.practice, .finalDataProduction, "remind-notified-parties",
             "Send the on-the-day reminder to every service and supplier that was given notice."),
        item(.practice, .finalDataProduction, "note-later-changes",
             "Remember that anything entered in the old system after the final extract will not be carried over; keep a note of it to re-enter."),
        item(.deliveryPartner, .finalDataProduction, "confirm-subsidiary-final-extracts",
             "Check that each subsidiary supplier's final extract is taken at the same time as the main one."),
        item(.targetSupplier, .finalDataProduction, "load-final-data",
             "Receive the final extract and load it into the live system."),
        item(.sourceSupplier, .finalDataProduction, "transfer-final-extract",
             "Take the final extract at the agreed time and send it securely to the new supplier."),

        // MARK: 12. Cut-over period

        item(.practice, .cutover, "log-cutover-activity",
             "Work to the agreed manual processes until go-live, logging every consultation, prescription and booking so it can be entered later."),
        item(.practice, .cutover, "complete-dmd-mapping",
             "With the new supplier, work through the mapping of medicines to the NHS Dictionary of Medicines and Devices (dm+d) one to two days before go-live."),
        item(.deliveryPartner, .cutover, "confirm-readiness",
             "Confirm that hardware, network and third-party integrations are ready for go-live."),
        item(.targetSupplier, .cutover, "prepare-live-system",
             "Finish the live system set-up: users, access rights and practice settings."),

        // MARK: 13. Go-live

        item(.practice, .goLive, "sign-off-go-live-data",
             "Check and sign off the data in the live system, recording who signed and when."),
        item(.targetSupplier, .goLive, "provide-go-live-support",
             "Support the practice on the day, on site or remotely as agreed."),
        item(.sourceSupplier, .goLive, "set-read-only",
             "Switch the old system to read-only so it can be looked at but no longer changed."),

        // MARK: 14. Post go-live

        item(.practice, .postGoLive, "re-enter-cutover-data",
             "Enter everything recorded during cut-over into the new system; with staff set aside for it this takes about a week."),
        item(.practice, .postGoLive, "switch-links-on",
             "Turn links and message feeds back on, restart bowel screening messages, and check that prescriptions, record transfers, results and third-party products work again."),
        item(.practice, .postGoLive, "tell-linked-services",
             "Let each linked service and supplier know the new system is live."),
        item(.deliveryPartner, .postGoLive, "record-m1",
             "Record the actual go-live date (M1) on the order record."),
        item(.targetSupplier, .postGoLive, "resolve-issues",
             "Deal with any problems found after go-live."),
        item(.sourceSupplier, .postGoLive, "keep-read-only-access",
             "Keep read-only access to the old system and maintenance support running."),

        // MARK: 15. End of migration

        item(.practice, .endOfMigration, "complete-deployment-survey",
             "Fill in the deployment survey (the go-live date is required, plus a score and comments) and return it to the body that keeps the area's order records (the commissioner or the CSU)."),
        item(.practice, .endOfMigration, "request-run-off-extension",
             "If read-only access is needed beyond the standard 45 days, ask the commissioner and new supplier before it runs out; an extension may cost extra."),
        item(.commissioner, .endOfMigration, "decide-run-off-extension",
             "Decide, with the new supplier, on any request to keep the old system readable for longer."),
        item(.commissioner, .endOfMigration, "verify-service-stability",
             "Confirm the new service is stable (M2); this releases payment to the new supplier."),
        item(.commissioner, .endOfMigration, "set-cease-date",
             "Make sure a cease date is set for the old system so its payments stop."),
        item(.deliveryPartner, .endOfMigration, "record-deployment-survey",
             "Record the deployment survey on the Schedule A, or pass it to whoever keeps the order records, and bring the record up to date so supplier payments come out right."),
        item(.deliveryPartner, .endOfMigration, "run-retrospective",
             "Run a lessons-learned review with all parties and share the findings."),
        item(.targetSupplier, .endOfMigration, "send-deployment-survey",
             "Send the practice the deployment survey form."),
        item(.sourceSupplier, .endOfMigration, "end-read-only-access",
             "Close read-only access when the run-off period ends (normally 45 days from go-live, longer only if an extension was agreed)."),
        item(.sourceSupplier, .endOfMigration, "end-legacy-support",
             "Stop maintenance support for the old system 90 days (three months) after go-live."),
    ]

    /// The items a party owns in one phase, in list order.
    public static func items(for party: Party, in phase: Phase) -> [ChecklistItem] {
        all.filter { $0.party == party && $0.phase == phase }
    }

    /// Every item a party owns, in phase order.
    public static func items(for party: Party) -> [ChecklistItem] {
        all.filter { $0.party == party }
    }

    /// The item with this id, or `nil` if there is none.
    public static func item(id: String) -> ChecklistItem? {
        byID[id]
    }

    private static let byID: [String: ChecklistItem] =
        Dictionary(all.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })

    private static func item(_ party: Party, _ phase: Phase, _ slug: String, _ text: String) -> ChecklistItem {
        ChecklistItem(id: "\(party.rawValue).\(phase.id).\(slug)", party: party, phase: phase, text: text)
    }
}
