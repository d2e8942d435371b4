/// The columns of a Buying Catalogue order export (and Order Tracker) that Cutover reads
/// and writes, by their header names. A file's columns are found by name, in any order;
/// others are ignored.
public enum OrderColumn: String, CaseIterable, Sendable {
    case callOffID = "Call Off Agreement ID"
    case orderingPartyID = "Call Off Ordering Party ID"
    case orderingPartyName = "Call Off Ordering Party Name"
    case commencement = "Commencement Date"
    case practiceCode = "Service Recipient ID"
    case practiceName = "Service Recipient Name"
    case supplierID = "Supplier ID"
    case supplierName = "Supplier Name"
    case productID = "Product ID"
    case productName = "Product Name"
    case productType = "Product Type"
    case quantity = "Quantity"
    case m1Planned = "M1 planned (Delivery Date)"
    case m1Actual = "Actual M1 date"
    case m2 = "Buyer verification date (M2)"
    case cease = "Cease Date"

    /// The same column as the monthly Order Tracker return heads it (Cutover writes the
    /// return with these, so it imports back like an order export).
    public var trackerName: String? {
        switch self {
        case .practiceCode: "ODS Code"
        case .practiceName: "Practice"
        case .supplierName: "Supplier"
        case .productID: "Solution ID"
        case .productName: "Solution"
        case .m1Planned: "M1 planned"
        case .m1Actual: "Actual M1"
        case .m2: "M2"
        case .cease: "Cease"
        default: nil
        }
    }

    /// Without these a row cannot be matched to a practice's product.
    public static let required: [OrderColumn] = [.practiceCode, .supplierID, .productID]

    /// Finds the columns in a header row: header names compared without case or surrounding
    /// spaces. Throws naming the required columns that are missing, and any column named twice.
    public static func positions(in header: [String]) throws(OrderFileError) -> [OrderColumn: Int] {
        var found: [OrderColumn: Int] = [:]
        for (index, name) in header.enumerated() {
            let key = name.trimmingSpaces.lowercased()
            guard let column = allCases.first(where: { $0.rawValue.lowercased() == key || $0.trackerName?.lowercased() == key }) else { continue }
            if found[column] != nil { throw .duplicateColumn(column.rawValue) }
            found[column] = index
        }
        let missing = required.filter { found[$0] == nil }
        guard missing.isEmpty else { throw .missingColumns(missing.map(\.rawValue)) }
        return found
    }
}

/// Why a whole file cannot be read (as opposed to one bad row).
public enum OrderFileError: Error, Equatable, Sendable, CustomStringConvertible {
    case empty
    case cannotOpen(String)
    case missingColumns([String])
    case duplicateColumn(String)
    case notUTF8(line: Int)
    case malformed(line: Int, reason: String)
    case tooLarge(limit: String)

    public var description: String {
        switch self {
        case .empty: "the file is empty: it needs a header row naming the columns"
        case .cannotOpen(let path): "cannot read \(path): check the name and that you may read it"
        case .missingColumns(let names): "the header row lacks the column\(names.count == 1 ? "" : "s") " + names.map { "'\($0)'" }.joined(separator: ", ")
        case .duplicateColumn(let name): "the header row names the column '\(name)' twice"
        case .notUTF8(let line): "line \(line) is not UTF-8 text: save the file as CSV UTF-8 and import it again"
        case .malformed(let line, let reason): "line \(line): \(reason)"
        case .tooLarge(let limit): "the file is larger than \(limit): split it and import each part"
        }
    }
}
