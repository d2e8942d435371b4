import CSV
import Foundation
import MigrationKit

/// Order CSV files read and written with yaslab's CSV.swift: it streams rows from the file,
/// so memory stays flat however long the file. What the library lets pass is checked here:
/// it has no line numbers (counted from the line breaks inside fields), it splits a row at
/// a byte that is not UTF-8 (caught by its error after each row), and it reads a quote that
/// never closes to the end of the file (caught by the field limit).
enum OrderFile {
    /// Far more than any practice's orders; a 10,000-row export is about 2 MB.
    static let maximumBytes = 40 * 1024 * 1024
    static let maximumRows = 100_000
    static let maximumFieldLength = 5_000

    /// Reads and checks every row of the file at `path` (`OrderRecord.read`); every 1,000
    /// rows `progress` is told how many were read and about what share of the file that is. Throws for a file that cannot be read as
    /// a whole: too large, no header, a missing column, not UTF-8, a quote left open.
    static func read(path: String, today: Day, progress: ((Int, Double) -> Void)? = nil) throws(OrderFileError) -> [Result<OrderRecord, OrderProblems>] {
        guard FileManager.default.isReadableFile(atPath: path) else { throw .cannotOpen(path) }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard size <= maximumBytes else { throw .tooLarge(limit: "\(maximumBytes / 1024 / 1024) MB") }
        guard size > 0, let stream = InputStream(fileAtPath: path) else { throw .empty }
        let reader: CSVReader
        do {
            reader = try CSVReader(stream: stream, hasHeaderRow: true)
        } catch CSVError.unicodeDecoding {
            throw .notUTF8(line: 1)
        } catch {
            throw .empty
        }
        guard let header = reader.headerRow, header.contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) else { throw .empty }
        let positions = try OrderColumn.positions(in: header)
        var line = 2 + header.reduce(0) { $0 + lineBreaks($1) }
        var rows: [Result<OrderRecord, OrderProblems>] = []
        var bytes = 0
        while let fields = reader.next() {
            bytes += fields.reduce(fields.count + 1) { $0 + $1.utf8.count }
            if let error = reader.error as? CSVError, case .unicodeDecoding = error { throw .notUTF8(line: line) }
            if let long = fields.first(where: { $0.utf8.count > maximumFieldLength }) {
                let reason = long.contains("\n") ? "a quoted field runs on for more than \(maximumFieldLength) characters: a closing quote is missing"
                                                 : "a field is longer than \(maximumFieldLength) characters"
                throw .malformed(line: line, reason: reason)
            }
            defer { line += 1 + fields.reduce(0) { $0 + lineBreaks($1) } }
            // A blank line (often the last) is no row.
            if fields.count == 1 && fields[0].trimmingCharacters(in: .whitespaces).isEmpty { continue }
            guard rows.count < maximumRows else { throw .malformed(line: line, reason: "more than \(maximumRows) rows: split the file and import each part") }
            guard fields.count == header.count else {
                rows.append(.failure(OrderProblems([OrderProblem(line: line, column: nil, reason: "has \(fields.count) fields where the header has \(header.count)")])))
                continue
            }
            var cells: [OrderColumn: String] = [:]
            for (column, index) in positions { cells[column] = SpreadsheetField.restored(fields[index]) }
            rows.append(OrderRecord.read(line: line, cells: cells, today: today))
            if rows.count % 1_000 == 0 { progress?(rows.count, min(1, Double(bytes) / Double(size))) }
        }
        // The reader ends every file, good or not, with `cannotReadFile`; only a decoding
        // error says something about the file.
        if let error = reader.error as? CSVError, case .unicodeDecoding = error { throw .notUTF8(line: line) }
        return rows
    }

    /// Writes rows of cells as CSV (CRLF, as spreadsheets write it), each field made safe to
    /// open in a spreadsheet (`SpreadsheetField.neutralised`).
    static func write(header: [String], rows: [[String]]) throws -> Data {
        let stream = OutputStream.toMemory()
        stream.open()
        let writer = try CSVWriter(stream: stream, newline: .crlf)
        try writer.write(row: header)
        for row in rows { try writer.write(row: row.map(SpreadsheetField.neutralised)) }
        writer.stream.close()
        var data = (stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data) ?? Data()
        data.append(contentsOf: [13, 10])
        return data
    }

    private static func lineBreaks(_ text: String) -> Int {
        text.utf8.reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
    }
}
