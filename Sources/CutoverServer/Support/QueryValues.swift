import Vapor

/// A request's query parameters as text, parsed once. Vapor's `query.get` parses the whole
/// query string again on every call, and the list's nine filters and paging did that
/// eleven times a request (a twentieth of the list's time).
struct QueryValues {
    private let query: URLQueryContainer
    /// Every parameter as text; nil when one of them is not plain text (`a[]=1`), and then
    /// each is read on its own, as `query.get` reads it.
    private let values: [String: String]?

    init(_ query: URLQueryContainer) {
        self.query = query
        values = try? query.decode([String: String].self)
    }

    /// The parameter's text, as `try? query.get(String.self, at: name)` gives it.
    subscript(name: String) -> String? {
        if let values { return values[name] }
        return try? query.get(String.self, at: name)
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
