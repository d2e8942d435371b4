import Foundation

/// Notices to those who must hear of the migration, and its action items.
extension MigrationAggregate {
    @discardableResult
    public mutating func addNotice(to recipient: String, service: NoticeService, today: Day) throws(WorkflowError) -> NoticeRow {
        try check(.addNotice, today: today)
        let row = NoticeRow(id: UUID(), migrationID: id, recipient: recipient, service: service)
        notices.append(row)
        return row
    }

    public mutating func markNoticeSent(_ id: UUID, on day: Day, today: Day) throws(WorkflowError) {
        let index = try Self.index(of: id, in: notices.map(\.id), what: "notice")
        try check(.markNoticeSent(notice: id), today: today)
        notices[index].sentOn = day
    }

    @discardableResult
    public mutating func addActionItem(_ title: String, phase: Phase, owner: Party, due: Day?, today: Day) throws(WorkflowError) -> ActionItemRow {
        try check(.addActionItem, today: today)
        let row = ActionItemRow(id: UUID(), migrationID: id, title: title, phase: phase.rawValue, owner: owner, due: due, status: .open)
        actionItems.append(row)
        return row
    }

    /// Moves an action item on; only those who may read it (`AccessPolicy.seesActionItem`)
    /// find it. Answers its status before.
    @discardableResult
    public mutating func moveActionItem(_ id: UUID, to status: ActionItemStatus, by actor: Actor, policy: AccessPolicy, today: Day) throws(WorkflowError) -> ActionItemStatus {
        let index = try Self.index(of: id, in: actionItems.map(\.id), what: "action item")
        guard policy.seesActionItem(actor, parties, owner: actionItems[index].owner) else { throw .notFound("action item") }
        let before = actionItems[index].status
        try check(.moveActionItem(id, from: before, to: status), today: today)
        actionItems[index].status = status
        return before
    }
}
