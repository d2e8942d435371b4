import Foundation
import MigrationKit

/// A migration's milestones read as one text: "id,phase,planned start,planned end,actual
/// start,actual end" for each, joined with ";" by the database (`GROUP_CONCAT` on SQLite,
/// `STRING_AGG` on PostgreSQL). Every migration has a milestone for each of its fifteen
/// phases: read a row each, they were half the rows of a migration's read, and each row
/// costs a hop between threads in SQLiteNIO. Ids, phases and days hold no "," or ";".
enum PackedMilestones {
    /// The aggregate that packs one migration's milestones.
    static func expression(sqlite: Bool) -> String {
        let fields = ["CAST(id AS TEXT)", "CAST(phase AS TEXT)"] + ["planned_start", "planned_end", "actual_start", "actual_end"].map { "COALESCE(\($0), '')" }
        return "\(sqlite ? "GROUP_CONCAT" : "STRING_AGG")(\(fields.joined(separator: " || ',' || ")), ';')"
    }

    /// The milestones of `migration` packed in `text`, read from its bytes in one pass,
    /// each field found where it is: splitting into arrays of pieces, and reading the phase
    /// through a `String`, took half of reading a migration's milestones.
    static func rows(_ text: String, of migration: UUID) throws -> [MilestoneRow] {
        var text = text
        return try text.withUTF8 { bytes in
            var rows: [MilestoneRow] = []
            rows.reserveCapacity(16)
            var start = 0
            while start < bytes.count {
                let end = bytes[start...].firstIndex(of: UInt8(ascii: ";")) ?? bytes.count
                if end > start { rows.append(try row(bytes[start..<end], of: migration)) }
                start = end + 1
            }
            return rows
        }
    }

    /// One milestone's six fields: "id,phase,planned start,planned end,actual start,actual end".
    private static func row(_ packed: Slice<UnsafeBufferPointer<UInt8>>, of migration: UUID) throws -> MilestoneRow {
        let corrupt = { DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "a packed milestone of \(migration) reads \(String(decoding: packed, as: UTF8.self))")) }
        // Each field up to the next comma, or to the end; nil once the fields have run out.
        var at = packed.startIndex
        func field() -> Slice<UnsafeBufferPointer<UInt8>>? {
            guard at <= packed.endIndex else { return nil }
            let end = packed[at...].firstIndex(of: UInt8(ascii: ",")) ?? packed.endIndex
            defer { at = end + 1 }
            return packed[at..<end]
        }
        guard let idField = field(), let phaseField = field(), let plannedStart = field(), let plannedEnd = field(),
              let actualStart = field(), let actualEnd = field(), field() == nil,
              let id = UUID(utf8: idField), let phase = number(phaseField) else { throw corrupt() }
        func day(_ field: Slice<UnsafeBufferPointer<UInt8>>) throws -> Day? {
            guard !field.isEmpty else { return nil }
            guard let day = Day(iso: field) else {
                throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "a milestone of \(migration) has the day \(String(decoding: field, as: UTF8.self))"))
            }
            return day
        }
        return MilestoneRow(id: id, migrationID: migration, phase: phase, plannedStart: try day(plannedStart), plannedEnd: try day(plannedEnd),
                            actualStart: try day(actualStart), actualEnd: try day(actualEnd))
    }

    /// A phase's number: one to three decimal digits.
    private static func number(_ field: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        guard (1...3).contains(field.count) else { return nil }
        var value = 0
        for byte in field {
            let digit = byte &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            value = value * 10 + Int(digit)
        }
        return value
    }
}
