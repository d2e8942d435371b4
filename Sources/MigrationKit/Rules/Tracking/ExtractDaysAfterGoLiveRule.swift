/// The data production days a supplier agreed fall after the go-live: the go-live moved
/// earlier after the extract form came back, and the supplier must be asked for new days.
public struct ExtractDaysAfterGoLiveRule: Rule {
    public let id = "extract-days-after-go-live"
    public init() {}

    public func evaluate(_ state: MigrationState) -> [Finding] {
        guard state.status == .registered else { return [] }
        return state.extractSuppliers.compactMap { supplier in
            guard let request = state.extractRequest(for: supplier.supplier), request.status != .transferred else { return nil }
            let late = request.dataProductionDays.filter { $0 > state.plan.goLive }
            guard !late.isEmpty else { return nil }
            return Finding(
                rule: id, subject: supplier.supplier.uuidString.lowercased(), severity: .critical,
                message: "The data production days agreed with \(supplier.name) (\(late.map(\.shortDescription).joined(separator: ", "))) fall after the go-live on \(state.plan.goLive.longDescription).",
                milestone: .initialDataProduction,
                action: "Agree new data production days with \(supplier.name) before \(state.plan.initialDataProduction.shortDescription), or move the go-live.",
                audience: .extract(supplier: supplier.supplier))
        }
    }
}
