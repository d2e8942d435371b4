import MigrationKit
import Vapor

/// The list filters: `phase`, `status`, `supplier`, `commissioner`, `goLiveFrom`, `goLiveTo`,
/// `overdue=true`, with paging.
struct MigrationFilter {
    var phase: Phase?
    var status: MigrationStatus?
    var supplier: UUID?
    var commissioner: UUID?
    var goLiveFrom: Day?
    var goLiveTo: Day?
    var overdueOnly = false
    var pagination: Pagination

    /// No filters.
    init(pagination: Pagination) {
        self.pagination = pagination
    }

    init(_ request: Request, today: Day) throws {
        let given = QueryValues(request)
        pagination = try Pagination(given)
        func text(_ name: String) -> String? { given[name] }
        if let value = text("phase") {
            guard let phase = Phase(id: value) ?? Int(value).flatMap(Phase.init(rawValue:)) else {
                throw APIError.invalid("phase", "unknown phase '\(value)': use a phase id such as kick-off, or a number from 1 to 15")
            }
            self.phase = phase
        }
        if let value = text("status") {
            guard let status = MigrationStatus(rawValue: value) else {
                throw APIError.invalid("status", "unknown status '\(value)': use one of \(MigrationStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            self.status = status
        }
        for (name, keyPath) in [("supplier", \MigrationFilter.supplier), ("commissioner", \MigrationFilter.commissioner)] {
            if let value = text(name) {
                guard let id = UUID(uuidString: value) else { throw APIError.invalid(name, "\(name) must be an organisation id") }
                self[keyPath: keyPath] = id
            }
        }
        for (name, keyPath) in [("goLiveFrom", \MigrationFilter.goLiveFrom), ("goLiveTo", \MigrationFilter.goLiveTo)] {
            if let value = text(name) {
                do { self[keyPath: keyPath] = try Day(parsing: value) } catch { throw APIError.invalid(name, error.description) }
            }
        }
        if let from = goLiveFrom, let to = goLiveTo, to < from {
            throw APIError.invalid("goLiveTo", "goLiveTo (\(to)) is before goLiveFrom (\(from))")
        }
        if let value = text("overdue") {
            guard let flag = Bool(value) else { throw APIError.invalid("overdue", "overdue must be true or false") }
            overdueOnly = flag
        }
    }

    /// Whether the filter asks only for a phase or a status (or nothing): then the number it
    /// matches is a sum of the stages the portfolio keeps (`PortfolioCounts.migrations`).
    var asksOnlyForStage: Bool {
        supplier == nil && commissioner == nil && goLiveFrom == nil && goLiveTo == nil && !overdueOnly
    }
}
