import Foundation

/// A supplier whose data moves to the new system, with the notice it needs before initial
/// data production: the old system's supplier, and the supplier of each subsidiary system
/// (a document management system, say) that holds the practice's data.
public struct ExtractSupplier: Hashable, Sendable {
    public let supplier: UUID
    public let name: String
    public let noticeDays: Int

    public init(supplier: UUID, name: String, noticeDays: Int) {
        self.supplier = supplier
        self.name = name
        self.noticeDays = noticeDays
    }
}

extension ExtractSupplier {
    /// A system's supplier and the notice it says it needs for an extract (nil when the
    /// system's data does not move).
    public struct Source: Sendable {
        public let supplier: UUID
        public let name: String
        public let leadDays: Int?

        public init(supplier: UUID, name: String, leadDays: Int?) {
            self.supplier = supplier
            self.name = name
            self.leadDays = leadDays
        }
    }

    /// Whose data moves, the old system's supplier first (with the notice the migration
    /// sets, else its own lead time, else `standardNotice`), then each subsidiary system's
    /// supplier with a lead time, once each. The planner, the tracking rules and the new
    /// migration's preview all take the list from here.
    public static func whoseDataMoves(oldSystem: Source, subsidiaries: [Source], notice: Int?, standardNotice: Int) -> [ExtractSupplier] {
        var list = [ExtractSupplier(supplier: oldSystem.supplier, name: oldSystem.name, noticeDays: notice ?? oldSystem.leadDays ?? standardNotice)]
        for system in subsidiaries {
            guard let lead = system.leadDays, !list.contains(where: { $0.supplier == system.supplier }) else { continue }
            list.append(ExtractSupplier(supplier: system.supplier, name: system.name, noticeDays: lead))
        }
        return list
    }
}
