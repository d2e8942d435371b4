/// Where a page may send someone after signing in: a path on this site and nothing else.
///
/// Only printable ASCII from a short list is allowed, so no CR or LF can split the
/// `Location` header, and no tab or space can be dropped by a browser to turn `/<TAB>/evil`
/// into `//evil`. The path must start with one `/` that is not followed by `/` or `\`,
/// which browsers would read as another host.
enum LocalPath {
    private static let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/?=&%#".unicodeScalars)

    /// `text` when it is a safe local path, otherwise the home page.
    static func redirectTarget(_ text: String?) -> String {
        guard let text, text.utf8.count <= 512, text.unicodeScalars.allSatisfy(allowed.contains) else { return "/" }
        let scalars = Array(text.unicodeScalars)
        guard scalars.first == "/" else { return "/" }
        if scalars.count > 1, scalars[1] == "/" || scalars[1] == "\\" { return "/" }
        return text
    }
}
