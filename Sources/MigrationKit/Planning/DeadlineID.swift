import Foundation

/// Which deadline of a plan: its kind, and for the data extract request to a subsidiary
/// system's supplier, that supplier, since every supplier whose data moves is asked within
/// its own notice period. Its text form is the deadline's id in JSON, URLs and storage:
/// the kind (`data-extract-request`), or the kind and the supplier's id
/// (`data-extract-request-5f0c…`).
public struct DeadlineID: Hashable, Sendable, Codable, RawRepresentable, CustomStringConvertible {
    public let kind: DeadlineKind
    public let supplier: UUID?

    public init(_ kind: DeadlineKind, supplier: UUID? = nil) {
        self.kind = kind
        self.supplier = supplier
    }

    public var rawValue: String {
        supplier.map { "\(kind.rawValue)-\($0.uuidString.lowercased())" } ?? kind.rawValue
    }

    public init?(rawValue: String) {
        if let kind = DeadlineKind(rawValue: rawValue) {
            self.init(kind)
            return
        }
        // A UUID is 36 characters, after the kind and a hyphen.
        guard rawValue.count > 37 else { return nil }
        let split = rawValue.index(rawValue.endIndex, offsetBy: -37)
        guard rawValue[split] == "-", let kind = DeadlineKind(rawValue: String(rawValue[..<split])), kind == .dataExtractRequest,
              let supplier = UUID(text: rawValue[rawValue.index(after: split)...])
        else { return nil }
        self.init(kind, supplier: supplier)
    }

    public var description: String { rawValue }
}
