import MigrationKit
import Vapor

/// One form on a page that takes a workflow step: its fields, hidden values and button.
/// A failed submission comes back with the values kept and a message beside the field.
struct StepForm: Encodable {
    struct Field: Encodable {
        let id: String
        let name: String
        let label: String
        let type: String
        var value: String
        var hint: String?
        var error: String?
        var options: [Option]?
        var required: Bool
        /// A date's day, month and year boxes (`DateInput`).
        var parts: [DateInput.Part]?
    }
    struct Option: Encodable {
        let value: String
        let label: String
        var selected: Bool
    }
    struct Hidden: Encodable {
        let name: String
        let value: String
    }

    let key: String
    let step: String
    let title: String
    let button: String
    let style: String
    var hidden: [Hidden]
    var fields: [Field]
    var error: String?

    init(step: String, itemID: UUID? = nil, title: String, button: String, style: String = "", hidden: [(String, String)] = [], fields: [Field] = []) {
        self.step = step
        self.key = ([step] + (itemID.map { [$0.uuidString] } ?? []) + hidden.map(\.1)).joined(separator: "-")
        self.title = title
        self.button = button
        self.style = style
        self.hidden = [Hidden(name: "formKey", value: key)] + (itemID.map { [Hidden(name: "itemID", value: $0.uuidString)] } ?? []) + hidden.map { Hidden(name: $0.0, value: $0.1) }
        self.fields = fields
    }

    static func field(_ formKey: String, _ name: String, _ label: String, type: String = "text", value: String = "", hint: String? = nil, options: [(String, String)]? = nil, required: Bool = true) -> Field {
        let id = "\(formKey)-\(Self.bare(name))"
        return Field(id: id, name: name, label: label, type: type, value: value, hint: hint, error: nil,
                     options: options.map { $0.map { Option(value: $0.0, label: $0.1, selected: $0.0 == value) } }, required: required,
                     parts: type == "date" ? DateInput.parts(id: id, name: name, value: value) : nil)
    }

    /// Puts back what was submitted and the error beside its field.
    mutating func apply(_ failure: FormFailure) {
        guard failure.formKey == key else { return }
        error = failure.message
        for index in fields.indices {
            if let value = failure.values[fields[index].name] {
                fields[index].value = value
                if let options = fields[index].options {
                    fields[index].options = options.map { Option(value: $0.value, label: $0.label, selected: $0.value == value) }
                }
            }
            if fields[index].parts != nil {
                fields[index].parts = DateInput.parts(id: fields[index].id, name: fields[index].name, value: fields[index].value, raw: failure.values)
            }
            if failure.field.map({ Self.matches(fields[index].name, $0) }) ?? false {
                fields[index].error = failure.message
            }
        }
    }

    /// `dataProductionDays[]` matches `dataProductionDays`, `dataProductionDays[0]` and a
    /// box of it, `dataProductionDays-month`.
    static func matches(_ name: String, _ field: String) -> Bool {
        let bare = Self.bare(name)
        return bare == field || field.hasPrefix(bare + "[") || field.hasPrefix(bare + ".") || DateInput.boxes.contains { field == "\(bare)-\($0)" }
    }

    /// `name` without its `[]`. Most names have none, and are not handed to Foundation's
    /// `replacingOccurrences`, which bridges to NSString: a fiftieth of the migration page.
    private static func bare(_ name: String) -> String {
        name.utf8.contains(UInt8(ascii: "[")) ? name.replacingOccurrences(of: "[]", with: "") : name
    }

    /// The id of the field an error names (of the very box, for a date), for the summary's link.
    func anchor(for failure: FormFailure) -> String {
        guard let field = failure.field, let match = fields.first(where: { Self.matches($0.name, field) }) else { return "form-\(key)" }
        let box = DateInput.boxes.first { field.hasSuffix("-\($0)") }
        return box.map { "\(match.id)-\($0)" } ?? (match.parts != nil ? "\(match.id)-day" : match.id)
    }
}

/// What went wrong with a submitted form, to show on the page again.
struct FormFailure: Encodable {
    let formKey: String
    let field: String?
    let message: String
    let values: [String: String]
}
