/// By initial data production every extract must have reached the new supplier.
public struct ExtractNotConfirmedRule: Rule {
    public let id = "extract-not-confirmed"
    public init() {}

    public func evaluate(_ state: MigrationState) -> [Finding] {
        guard state.status == .registered, state.plan.initialDataProduction < state.today else { return [] }
        return state.extractSuppliers.compactMap { supplier in
            guard let request = state.extractRequest(for: supplier.supplier), request.status != .transferred else { return nil }
            return Finding(
                rule: id, subject: supplier.supplier.uuidString.lowercased(), severity: .critical,
                message: "Initial data production was \(state.plan.initialDataProduction.longDescription) but the extract from \(supplier.name) is not confirmed (\(request.status.title.lowercased())).",
                milestone: .initialDataProduction,
                action: "Confirm with \(supplier.name) and the new supplier that the data has been transferred.",
                audience: .extract(supplier: supplier.supplier))
        }
    }
}
