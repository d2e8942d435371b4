import Fluent
import MigrationKit
import Vapor

/// Checks on values from request bodies that the type system cannot make.
enum Validate {
    /// ODS codes of practices (`ODSCode.practice`).
    static func odsCode(_ text: String, field: String) throws -> String {
        guard let code = ODSCode.practice(text) else { throw APIError.invalid(field, ODSCode.notAPracticeCode(text)) }
        return code
    }

    static func text(_ value: String, field: String, maximum: Int = 500) throws -> String {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw APIError.invalid(field, "\(field) must not be empty") }
        guard trimmed.count <= maximum else { throw APIError.invalid(field, "\(field) must be at most \(maximum) characters") }
        return trimmed
    }

    /// The same limits for the API and the web form: a blackout that spanned centuries once
    /// cost a page preview seconds of work.
    static func blackouts(_ blackouts: [Blackout], today: Day) throws -> [Blackout] {
        guard blackouts.count <= 50 else { throw APIError.invalid("blackouts", "at most 50 blackout periods") }
        let bounds = DayBounds(today: today)
        for (index, blackout) in blackouts.enumerated() {
            _ = try bounds.within(blackout.range.start, field: "blackouts[\(index)].start")
            _ = try bounds.within(blackout.range.end, field: "blackouts[\(index)].end")
            guard blackout.range.dayCount <= 366 else { throw APIError.invalid("blackouts[\(index)]", "a blackout can last at most a year") }
            guard blackout.reason.count <= 200 else { throw APIError.invalid("blackouts[\(index)].reason", "keep the reason to 200 characters at most") }
        }
        return blackouts
    }

    /// A day something is planned for (go-live, a booking): see `DayBounds`.
    static func future(_ day: Day, field: String, today: Day) throws -> Day {
        try DayBounds(today: today).future(day, field: field)
    }

    /// A day something happened (an actual date, a notice sent): see `DayBounds`.
    static func past(_ day: Day, field: String, today: Day) throws -> Day {
        try DayBounds(today: today).past(day, field: field)
    }

    /// One product by national code, of the expected kind.
    static func product(_ code: String, kind: Product.Kind, field: String, on db: any Database) async throws -> ProductRow {
        guard let product = try await MigrationStore(db).product(code: code) else {
            throw APIError.invalid(field, "no product has the code '\(code)'")
        }
        guard product.kind == kind else {
            throw APIError.invalid(field, "\(product.name) is a \(product.kind.rawValue) product, not a \(kind.rawValue) one")
        }
        return product
    }

    /// Products by national code, each of the expected kind.
    static func products(_ codes: [String], kind: Product.Kind, field: String, on db: any Database) async throws -> [ProductRow] {
        guard codes.count <= 20 else { throw APIError.invalid(field, "at most 20 products") }
        var products: [ProductRow] = []
        for (index, code) in codes.enumerated() {
            guard let product = try await MigrationStore(db).product(code: code) else {
                throw APIError.invalid("\(field)[\(index)]", "no product has the code '\(code)'")
            }
            guard product.kind == kind else {
                throw APIError.invalid("\(field)[\(index)]", "\(product.name) is a \(product.kind.rawValue) product, not a \(kind.rawValue) one")
            }
            if !products.contains(where: { $0.id == product.id }) { products.append(product) }
        }
        return products
    }
}
