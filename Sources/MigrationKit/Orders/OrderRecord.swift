/// One row of an order file, read and checked: which practice's product it is and the
/// payment milestones it records. Empty cells are nil: an import leaves what Cutover holds
/// for them as it is.
public struct OrderRecord: Hashable, Sendable {
    /// The physical line the row starts on (the header is line 1).
    public let line: Int
    public let practiceCode: String
    public let practiceName: String?
    public let orderingPartyID: String?
    public let supplierID: String
    public let supplierName: String?
    public let productID: String
    public let productName: String?
    public let productType: String?
    public let callOffID: String?
    public let m1Planned: Day?
    public let m1Actual: Day?
    public let m2: Day?
    public let cease: Day?

    /// What the row says about the order line (nil cells say nothing).
    public var milestones: OrderLine.Update {
        OrderLine.Update(callOffID: callOffID, m1Planned: m1Planned, m1Actual: m1Actual, m2: m2, cease: cease)
    }

    /// Reads a row's cells (`cells[column]`, as found by `OrderColumn.positions`), naming the
    /// column and reason of every problem in it.
    public static func read(line: Int, cells: [OrderColumn: String], today: Day) -> Result<OrderRecord, OrderProblems> {
        var problems: [OrderProblem] = []
        func text(_ column: OrderColumn, maximum: Int = 200) -> String? {
            guard let value = cells[column]?.trimmingSpaces, !value.isEmpty else { return nil }
            guard value.count <= maximum else {
                problems.append(OrderProblem(line: line, column: column, reason: "longer than \(maximum) characters"))
                return nil
            }
            return value
        }
        func day(_ column: OrderColumn) -> Day? {
            guard let value = text(column) else { return nil }
            do {
                return try DayBounds(today: today).within(try Self.day(ukDate: value), field: column.rawValue)
            } catch let error as WorkflowError {
                problems.append(OrderProblem(line: line, column: column, reason: error.description))
            } catch {
                problems.append(OrderProblem(line: line, column: column, reason: "\(error)"))
            }
            return nil
        }
        func required(_ column: OrderColumn) -> String {
            guard let value = text(column) else {
                problems.append(OrderProblem(line: line, column: column, reason: "is empty"))
                return ""
            }
            return value
        }

        var practiceCode = required(.practiceCode)
        if !practiceCode.isEmpty {
            if let code = ODSCode.practice(practiceCode) { practiceCode = code } else {
                problems.append(OrderProblem(line: line, column: .practiceCode, reason: ODSCode.notAPracticeCode(practiceCode)))
            }
        }
        let supplierID = required(.supplierID)
        if !supplierID.isEmpty && !supplierID.allSatisfy(\.isASCIIDigit) {
            problems.append(OrderProblem(line: line, column: .supplierID, reason: "'\(supplierID)' is not a supplier ID: digits, such as 10052"))
        }
        let productID = required(.productID)
        if !productID.isEmpty && !supplierID.isEmpty && !productID.hasPrefix(supplierID + "-") {
            problems.append(OrderProblem(line: line, column: .productID, reason: "'\(productID)' is not one of supplier \(supplierID)'s products, whose IDs start \(supplierID)-"))
        }
        let record = OrderRecord(
            line: line, practiceCode: practiceCode, practiceName: text(.practiceName), orderingPartyID: text(.orderingPartyID),
            supplierID: supplierID, supplierName: text(.supplierName), productID: productID, productName: text(.productName),
            productType: text(.productType), callOffID: text(.callOffID, maximum: 50),
            m1Planned: day(.m1Planned), m1Actual: day(.m1Actual), m2: day(.m2), cease: day(.cease))
        _ = day(.commencement)
        if let m1 = record.m1Actual, let m2 = record.m2, m2 < m1 {
            problems.append(OrderProblem(line: line, column: .m2, reason: "service stability (M2) on \(m2.longDescription) is before delivery (actual M1) on \(m1.longDescription)"))
        }
        return problems.isEmpty ? .success(record) : .failure(OrderProblems(problems))
    }

    /// A day written as the national records write it: dd/mm/yyyy (one-digit day and month
    /// accepted), or ISO 8601 as Cutover writes it elsewhere.
    public static func day(ukDate text: String) throws -> Day {
        if let iso = Day(text) { return iso }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }),
              parts[0].count <= 2, parts[1].count <= 2, parts[2].count == 4,
              let day = Int(parts[0]), let month = Int(parts[1]), let year = Int(parts[2]) else {
            throw OrderDateError(text: text)
        }
        return try Day(year: year, month: month, day: day)
    }
}

extension Day {
    /// dd/mm/yyyy, as the national records write dates.
    public var ukDate: String {
        let (year, month, day) = parts
        return Day.pad(day, 2) + "/" + Day.pad(month, 2) + "/" + Day.pad(year, 4)
    }
}

struct OrderDateError: Error, CustomStringConvertible {
    let text: String
    var description: String { "'\(text)' is not a date: write it as dd/mm/yyyy, for example 14/06/2027" }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

/// Something wrong with one row, named by its line and column.
public struct OrderProblem: Error, Hashable, Sendable, Codable, CustomStringConvertible {
    public let line: Int
    /// The column's header name; nil when the problem is the row as a whole.
    public let column: String?
    public let reason: String

    public init(line: Int, column: OrderColumn?, reason: String) {
        self.line = line
        self.column = column?.rawValue
        self.reason = reason
    }

    public var description: String { "line \(line)" + (column.map { ", \($0)" } ?? "") + ": \(reason)" }
}

public struct OrderProblems: Error, Sendable {
    public let problems: [OrderProblem]
    public init(_ problems: [OrderProblem]) { self.problems = problems }
}
