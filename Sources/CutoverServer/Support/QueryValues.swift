import Vapor

/// A request's query parameters as text, parsed once. Vapor's `query.get` parses the whole
/// query string again on every call, and the list's nine filters and paging did that
/// eleven times a request (a twentieth of the list's time).
struct QueryValues {
    private let query: URLQueryContainer
    /// Every parameter as text; nil when one of them is not plain text (`a[]=1`), and then
    /// each is read on its own, as `query.get` reads it.
    private let values: [String: String]?

    init(_ request: Request) {
        query = request.query
        if let text = request.url.query, !text.isEmpty {
            values = Self.plain(text) ?? (try? request.query.decode([String: String].self))
        } else {
            values = [:]
        }
    }

    /// The parameter's text, as `try? query.get(String.self, at: name)` gives it.
    subscript(name: String) -> String? {
        if let values { return values[name] }
        return try? query.get(String.self, at: name)
    }

    /// The parameters of a query string that names each once, in letters, digits and
    /// `-._~:` alone, with `=` between name and value, as Vapor reads them; nil for any other
    /// (escapes, `+`, brackets, a name twice), which Vapor's decoder reads. Its decoder
    /// took a thirtieth of a list, for what is almost always `status=registered&per=50`.
    static func plain(_ text: String) -> [String: String]? {
        var values: [String: String] = [:]
        for pair in text.utf8.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: false) {
            guard let equals = pair.firstIndex(of: UInt8(ascii: "=")), equals != pair.startIndex,
                  pair.allSatisfy({ $0 == UInt8(ascii: "=") || isPlain($0) }),
                  !pair[pair.index(after: equals)...].contains(UInt8(ascii: "=")) else { return nil }
            let name = String(decoding: pair[..<equals], as: UTF8.self)
            guard values.updateValue(String(decoding: pair[pair.index(after: equals)...], as: UTF8.self), forKey: name) == nil else { return nil }
        }
        return values
    }

    private static func isPlain(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: ":"): true
        default: false
        }
    }
}

extension Request {
    /// The query parameter `name` as text. Without a query string, Vapor's decoder is not
    /// asked: it throws for a missing value, and the error cost more than the answer (a
    /// hundredth of a page).
    func queryText(_ name: String) -> String? {
        url.query == nil ? nil : try? query.get(String.self, at: name)
    }
}
