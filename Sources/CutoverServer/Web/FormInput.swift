import MigrationKit
import Vapor

/// A web form as the input of a workflow step: the same body types as the API, decoded
/// from the form's fields (empty fields count as not given).
struct FormInput: StepInput {
    let request: Request
    let fields: [String: String]
    let lists: [String: [String]]

    init(_ request: Request) throws {
        self.request = request
        let raw = request.body.string ?? ""
        var fields: [String: String] = [:]
        var lists: [String: [String]] = [:]
        for pair in raw.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
            guard let name = parts.first, parts.count == 2 else { continue }
            let value = parts[1].trimmingCharacters(in: .whitespacesAndNewlines)
            if name.hasSuffix("[]") {
                if !value.isEmpty { lists[String(name.dropLast(2)), default: []].append(value) }
            } else {
                fields[name] = value
            }
        }
        self.fields = fields
        self.lists = lists
    }

    var today: Day { request.cutover.today }
    var actor: Actor { get throws { try request.currentUser().actor } }

    func itemID(what: String) throws -> UUID {
        guard let text = fields["itemID"], let id = UUID(uuidString: text) else { throw APIError.notFound(what) }
        return id
    }

    func parameter(_ name: String) -> String? { fields[name] }

    /// Decodes `T` from the non-empty fields, numbers as numbers, lists as lists.
    func body<T: Decodable>(_ type: T.Type) throws -> T {
        var object: [String: Any] = [:]
        for (name, value) in fields where !value.isEmpty && !["csrf", "version", "itemID", "step"].contains(name) {
            if let dot = name.firstIndex(of: ".") {
                let outer = String(name[..<dot]), inner = String(name[name.index(after: dot)...])
                var nested = object[outer] as? [String: Any] ?? [:]
                nested[inner] = value
                object[outer] = nested
            } else if let number = Int(value), Self.numericFields.contains(name) {
                object[name] = number
            } else {
                object[name] = value
            }
        }
        for (name, values) in lists { object[name] = values }
        let data = try JSONSerialization.data(withJSONObject: object)
        return try JSONDecoder().decode(T.self, from: data)
    }

    /// Form fields that the bodies read as whole numbers.
    static let numericFields: Set<String> = ["fundingAmount", "score"]

    var version: Int? { fields["version"].flatMap(Int.init) }
}
