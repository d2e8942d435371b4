/// The old system is paid for until the cease date on its decommissioning Schedule A. After
/// go-live it must have one, no earlier than the end of legacy support (the practice keeps
/// access and support until then) and no later than needed: once legacy support has ended
/// without a cease date, the NHS is paying for a system nobody uses.
public struct CeaseDateRule: Rule {
    public let id = "cease-date"
    public init() {}

    public func evaluate(_ state: MigrationState) -> [Finding] {
        guard state.wentLiveOn != nil else { return [] }
        let supportEnds = state.legacySupportEnds
        let audience: Finding.Audience = state.liveScheduleAs(.decommission).first.map { .scheduleA(supplier: $0.supplier) } ?? .wholeMigration
        func finding(_ subject: String, _ severity: Finding.Severity, _ message: String, _ action: String) -> [Finding] {
            [Finding(rule: id, subject: subject, severity: severity, message: message, milestone: .endOfMigration,
                     deadline: .legacySupportEnd, action: action, audience: audience)]
        }
        switch state.ceaseDate {
        case let cease? where cease < supportEnds:
            return finding("too-early", .critical,
                           "The old system's cease date, \(cease.longDescription), is before legacy support ends on \(supportEnds.longDescription).",
                           "Move the cease date to \(supportEnds.longDescription) or later so the practice keeps its read-only access and support.")
        case nil where state.today > supportEnds:
            return finding("still-paid", .critical,
                           "Legacy support ended on \(supportEnds.longDescription) but the old system has no cease date, so it is still paid for.",
                           "Record the cease date on the decommissioning Schedule A.")
        case nil:
            return finding("missing", .warning,
                           "The old system has no cease date yet; legacy support ends on \(supportEnds.longDescription).",
                           "Record the cease date on the decommissioning Schedule A, no earlier than \(supportEnds.longDescription).")
        default:
            return []
        }
    }
}
