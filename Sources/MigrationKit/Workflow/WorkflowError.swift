/// Why a workflow step cannot be taken: the record is not in the right state (409), or a
/// value given for it is not acceptable (422, naming the field).
public enum WorkflowError: Error, Equatable, Sendable, CustomStringConvertible {
    case wrongState(String)
    case invalid(field: String, message: String)
    /// No such item on this migration (a Schedule A, an extract request, a notice...).
    case notFound(String)

    public var description: String {
        switch self {
        case .wrongState(let message): message
        case .invalid(_, let message): message
        case .notFound(let what): "no such \(what)"
        }
    }
}

/// Accept or reject, for the Schedule A decisions.
public enum Decision: String, Sendable, Codable, CaseIterable {
    case accept, reject
}
