/// A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage
/// return before one) as a formula. Exported fields that start so get a leading apostrophe,
/// which spreadsheets show as text; an import takes the apostrophe off again, so an export
/// imports back unchanged.
public enum SpreadsheetField {
    static let formulaStarts: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

    public static func neutralised(_ field: String) -> String {
        guard let first = field.unicodeScalars.first, formulaStarts.contains(Character(first)) else { return field }
        return "'" + field
    }

    /// The field as it was before `neutralised`.
    public static func restored(_ field: String) -> String {
        guard field.hasPrefix("'"), let second = field.unicodeScalars.dropFirst().first, formulaStarts.contains(Character(second)) else { return field }
        return String(field.dropFirst())
    }
}
