/// Each supplier whose data moves needs its extract request within its own notice period
/// before initial data production; late requests delay the whole migration.
public struct ExtractRequestNotSentRule: Rule {
    public let id = "extract-request-not-sent"
    public init() {}

    public func evaluate(_ state: MigrationState) -> [Finding] {
        guard state.status != .live && state.status != .completed else { return [] }
        return state.extractSuppliers.compactMap { supplier in
            guard state.extractRequest(for: supplier.supplier) == nil else { return nil }
            let due = state.extractRequestDue(for: supplier)
            let soon = DueSoon.horizon(from: state.today, calendar: state.planner.calendar)
            guard due <= soon else { return nil }
            let late = due < state.today
            return Finding(
                rule: id, subject: supplier.supplier.uuidString.lowercased(), severity: late ? .critical : .warning,
                message: late
                    ? "The data extract request to \(supplier.name) was due \(due.longDescription) (\(supplier.noticeDays) days' notice before initial data production) and has not been sent."
                    : "The data extract request to \(supplier.name) is due \(due.longDescription).",
                milestone: .preMigration, deadline: .dataExtractRequest,
                action: "Ask \(supplier.name) for its extract request form now.",
                audience: .extract(supplier: supplier.supplier))
        }
    }
}
