import Foundation
import SQLiteKit
import SQLiteNIO
// The SQLite that SQLiteNIO builds in (`SQLiteReader`).
import VaporCSQLite

/// The statements run on one sqlite3 connection, each prepared the first time it is asked
/// for and kept: SQLiteNIO prepares every statement each time it runs it, and preparing
/// took as long as running (README, Speed). Used by one thread at a time.
final class SQLiteStatements: @unchecked Sendable {
    private let handle: OpaquePointer
    private var prepared: [StatementText: (statement: OpaquePointer, names: [String: Int])] = [:]
    /// Past this many statements kept, all are dropped: a connection runs a few texts.
    static let kept = 128
    /// A statement of more values than this is prepared for its one run and finalized: such
    /// statements are made for many rows at once (a day's judgements, a batch's trails),
    /// each row count is another text, and each kept held as much memory as its program
    /// (128 of them took the server from 96 MB to 130 MB after its first day's judging).
    static let keptValues = 64

    init(_ handle: OpaquePointer) {
        self.handle = handle
    }

    /// How many statements are kept.
    var count: Int { prepared.count }

    /// Finalizes every statement kept: before the connection is closed, which SQLite
    /// refuses while any is open.
    func finalize() {
        for kept in prepared.values { sqlite_nio_sqlite3_finalize(kept.statement) }
        prepared.removeAll()
    }

    func rows(_ text: String, _ binds: [SQLiteData]) throws -> [SQLiteReader.Row] {
        let keep = binds.count <= Self.keptValues
        let (statement, names) = try keep ? prepare(text) : compile(text)
        // Reset before returning, rows or error: a statement left stepping would keep
        // its reading open, and the next run of it would see the file as it was then.
        // Its binds are not cleared: each run binds every parameter afresh, and clearing
        // them made SQLite prepare again any statement whose plan it had guessed from a
        // bound value (the bearer token's, every API request).
        defer { if keep { sqlite_nio_sqlite3_reset(statement) } else { sqlite_nio_sqlite3_finalize(statement) } }
        guard sqlite_nio_sqlite3_bind_parameter_count(statement) == binds.count else {
            throw SQLiteReader.Failure(description: "SQLite: \(binds.count) values for \(sqlite_nio_sqlite3_bind_parameter_count(statement)) parameters (\(text.prefix(80)))")
        }
        try bind(binds, to: statement)
        var rows: [SQLiteReader.Row] = []
        let count = sqlite_nio_sqlite3_column_count(statement)
        while true {
            switch sqlite_nio_sqlite3_step(statement) {
            case SQLITE_ROW:
                rows.append(SQLiteReader.Row(names: names, values: (0..<count).map { value(of: statement, at: $0) }))
            case SQLITE_DONE:
                return rows
            default:
                throw failure(text)
            }
        }
    }

    /// The statement kept for `text`, prepared and kept the first time.
    private func prepare(_ text: String) throws -> (statement: OpaquePointer, names: [String: Int]) {
        let key = StatementText(text)
        if let kept = prepared[key] { return kept }
        if prepared.count >= Self.kept { finalize() }
        let compiled = try compile(text, persistent: true)
        prepared[key] = compiled
        return compiled
    }

    /// `text` prepared, with its columns by name; the caller finalizes it.
    private func compile(_ text: String, persistent: Bool = false) throws -> (statement: OpaquePointer, names: [String: Int]) {
        var statement: OpaquePointer?
        guard sqlite_nio_sqlite3_prepare_v3(handle, text, -1, persistent ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0, &statement, nil) == SQLITE_OK, let statement else {
            throw failure(text)
        }
        var names: [String: Int] = [:]
        for index in 0..<sqlite_nio_sqlite3_column_count(statement) {
            // The first of two columns of one name is the one read, as in SQLiteNIO.
            if let name = sqlite_nio_sqlite3_column_name(statement, index), names[String(cString: name)] == nil {
                names[String(cString: name)] = Int(index)
            }
        }
        return (statement, names)
    }

    private func bind(_ binds: [SQLiteData], to statement: OpaquePointer) throws {
        for (offset, value) in binds.enumerated() {
            let index = Int32(offset + 1)
            let result: Int32
            switch value {
            case .integer(let integer): result = sqlite_nio_sqlite3_bind_int64(statement, index, Int64(integer))
            case .float(let double): result = sqlite_nio_sqlite3_bind_double(statement, index, double)
            case .text(let text): result = sqlite_nio_sqlite3_bind_text64(statement, index, text, UInt64(text.utf8.count), Self.transient, UInt8(SQLITE_UTF8))
            case .blob(let bytes):
                result = bytes.withUnsafeReadableBytes { sqlite_nio_sqlite3_bind_blob64(statement, index, $0.baseAddress, UInt64($0.count), Self.transient) }
            case .null: result = sqlite_nio_sqlite3_bind_null(statement, index)
            }
            guard result == SQLITE_OK else { throw failure("bind \(index)") }
        }
    }

    /// A value to bind, as SQLiteKit's `SQLiteDataEncoder` makes it, the commonest without
    /// it: a new one makes a `JSONEncoder`, and it writes a UUID through an `Encoder` and
    /// `uuidString` (`sprintf` on Linux). A list page binds fifty ids.
    static func value(of bind: any Encodable) throws -> SQLiteData {
        switch bind {
        case let id as UUID: .text(id.text)
        case let text as String: .text(text)
        case let number as Int: .integer(number)
        default: try encoder.encode(bind)
        }
    }

    private static let encoder = SQLiteDataEncoder()

    /// SQLite copies the value before the call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    private func value(of statement: OpaquePointer, at index: Int32) -> SQLiteData {
        switch sqlite_nio_sqlite3_column_type(statement, index) {
        case SQLITE_INTEGER: .integer(Int(sqlite_nio_sqlite3_column_int64(statement, index)))
        case SQLITE_FLOAT: .float(sqlite_nio_sqlite3_column_double(statement, index))
        case SQLITE_TEXT: sqlite_nio_sqlite3_column_text(statement, index).map { .text(String(cString: $0)) } ?? .null
        case SQLITE_BLOB:
            .blob(ByteBuffer(bytes: UnsafeRawBufferPointer(
                start: sqlite_nio_sqlite3_column_blob(statement, index), count: Int(sqlite_nio_sqlite3_column_bytes(statement, index)))))
        default: .null
        }
    }

    func failure(_ what: String) -> SQLiteReader.Failure {
        SQLiteReader.Failure(description: "SQLite: \(String(cString: sqlite_nio_sqlite3_errmsg(handle))) (\(what.prefix(80)))")
    }
}
