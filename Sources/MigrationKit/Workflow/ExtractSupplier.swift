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
