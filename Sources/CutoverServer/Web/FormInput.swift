import MigrationKit
import Vapor

/// A web form as the input of a workflow step: the same body types as the API, decoded
/// from the form's fields (empty fields count as not given).
struct FormInput: StepInput {
    let fields: [String: String]
    let lists: [String: [String]]
    /// Date boxes that could not be read (`DateInput`): the step is refused naming the box.
    var dateProblems: [DateInput.Problem] = []
    let today: Day
    let policy: AccessPolicy
    private let signedIn: @Sendable () throws -> Actor

    var actor: Actor { get throws { try signedIn() } }

    /// A form as a browser would send it, filled in (the tests fill in the forms a page offers).
    init(fields: [String: String], lists: [String: [String]] = [:], today: Day, policy: AccessPolicy, actor: Actor) {
        self.fields = fields
        self.lists = lists
        self.today = today
        self.policy = policy
        signedIn = { actor }
    }

    init(_ request: Request) throws {
        let raw = request.body.string ?? ""
        var fields: [String: String] = [:]
        var lists: [String: [String]] = [:]
        var sent: [(String, String)] = []
        for pair in raw.split(separator: "&") {
            let parts = try pair.split(separator: "=", maxSplits: 1).map { piece in
                // Percent-escapes that do not decode to UTF-8 are refused, never stored half-read.
                guard let text = String(piece).replacingOccurrences(of: "+", with: " ").removingPercentEncoding else {
                    throw WebError(status: .badRequest, title: "This form could not be read", message: "It was not sent as UTF-8 text. Go back, reload the page and try again.")
                }
                return text
            }
            guard let name = parts.first, parts.count == 2 else { continue }
            sent.append((name, parts[1].trimmingCharacters(in: .whitespacesAndNewlines)))
        }
        // The boxes as typed stay in `fields`, so a refused form shows them again.
        for (name, value) in sent where DateInput.box(of: name) != nil { fields[name] = value }
        let dates = DateInput.join(sent)
        for (name, value) in dates.pairs {
            if name.hasSuffix("[]") {
                if !value.isEmpty { lists[String(name.dropLast(2)), default: []].append(value) }
            } else {
                fields[name] = value
            }
        }
        self.fields = fields
        self.lists = lists
        dateProblems = dates.problems
        today = request.cutover.today
        policy = request.cutover.policy
        signedIn = { try request.currentUser().actor }
    }

    func itemID(what: String) throws -> UUID {
        guard let text = fields["itemID"], let id = UUID(uuidString: text) else { throw APIError.notFound(what) }
        return id
    }

    func parameter(_ name: String) -> String? { fields[name] }

    /// Decodes `T` with Vapor's form decoder, leaving out empty fields so that an empty
    /// box reads as "not given" rather than as an impossible value.
    func body<T: Decodable>(_ type: T.Type) throws -> T {
        try checkDates()
        func pair(_ name: String, _ value: String) -> String {
            let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
            return "\(name.addingPercentEncoding(withAllowedCharacters: allowed) ?? name)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value)"
        }
        // The date boxes as typed are only for showing the form again; their joined day is decoded.
        let pairs = fields.filter { !$0.value.isEmpty && DateInput.box(of: $0.key) == nil }.map { pair($0.key, $0.value) }
            + lists.flatMap { name, values in values.map { pair(name + "[]", $0) } }
        return try URLEncodedFormDecoder().decode(T.self, from: pairs.joined(separator: "&"))
    }

    var version: Int? { fields["version"].flatMap(Int.init) }

    /// Refuses the form when a date box could not be read, naming the box.
    func checkDates() throws {
        if let problem = dateProblems.first { throw APIError.invalid(problem.field, problem.message) }
    }
}
