/// An organisation's code in the NHS Organisation Data Service; a practice's is a letter
/// then five letters or digits, such as A81001.
public enum ODSCode {
    /// The code in capitals, or nil when `text` is not a practice's ODS code.
    public static func practice(_ text: String) -> String? {
        let code = text.uppercased()
        let bytes = Array(code.utf8)
        let isLetter = { (b: UInt8) in (65...90).contains(b) }
        let isDigitOrLetter = { (b: UInt8) in isLetter(b) || (48...57).contains(b) }
        guard bytes.count == 6, isLetter(bytes[0]), bytes.dropFirst().allSatisfy(isDigitOrLetter) else { return nil }
        return code
    }

    public static func notAPracticeCode(_ text: String) -> String {
        "'\(text)' is not an ODS code: a letter then five letters or digits, such as A81001"
    }
}
