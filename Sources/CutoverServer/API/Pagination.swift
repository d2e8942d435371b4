import Vapor

/// `?page=1&per=50`, checked: pages count from 1, at most 100 items each, and at most
/// `maximumPage` pages, so that the offset can never overflow (a page number near
/// `Int.max` once trapped in `(page - 1) * per` and stopped the server).
struct Pagination {
    static let maximumPer = 100
    static let maximumPage = 100_000
    let page: Int
    let per: Int

    var offset: Int { (page - 1) * per }

    init(page: Int, per: Int) {
        self.page = page
        self.per = per
    }

    init(_ request: Request, defaultPer: Int = 50) throws {
        try self.init(QueryValues(request), defaultPer: defaultPer)
    }

    init(_ given: QueryValues, defaultPer: Int = 50) throws {
        page = try Self.number(given, "page") ?? 1
        per = try Self.number(given, "per") ?? defaultPer
        guard (1...Self.maximumPage).contains(page) else {
            throw APIError.invalid("page", "page must be between 1 and \(Self.maximumPage)")
        }
        guard (1...Self.maximumPer).contains(per) else { throw APIError.invalid("per", "per must be between 1 and \(Self.maximumPer)") }
    }

    private static func number(_ given: QueryValues, _ name: String) throws -> Int? {
        guard let text = given[name] else { return nil }
        guard let value = Int(text) else { throw APIError.invalid(name, "\(name) must be a whole number") }
        return value
    }
}

/// A page of a list, with what a client needs to fetch the next.
struct Page<Item: Encodable>: Encodable {
    let items: [Item]
    let page: Int
    let per: Int
    let total: Int
}

extension Page: JSONWritable where Item: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.member("items", items)
            json.member("page", page)
            json.member("per", per)
            json.member("total", total)
        }
    }
}
