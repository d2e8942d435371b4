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

    /// The milestones of `migration` packed in `text`, read from its bytes in one piece
    /// rather than through the string's UTF-8 view, whose splitting went byte by byte.
    static func rows(_ text: String, of migration: UUID) throws -> [MilestoneRow] {
        var text = text
        return try text.withUTF8 { bytes in
            try bytes.split(separator: UInt8(ascii: ";")).map { packed in
                let fields = packed.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
                guard fields.count == 6, let id = UUID(utf8: fields[0]), let phase = Int(String(decoding: fields[1], as: UTF8.self)) else {
                    throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "a packed milestone of \(migration) reads \(String(decoding: packed, as: UTF8.self))"))
                }
                func day(_ field: Slice<UnsafeBufferPointer<UInt8>>) throws -> Day? {
                    guard !field.isEmpty else { return nil }
                    guard let day = Day(iso: field) else {
                        throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "a milestone of \(migration) has the day \(String(decoding: field, as: UTF8.self))"))
                    }
                    return day
                }
                return MilestoneRow(id: id, migrationID: migration, phase: phase, plannedStart: try day(fields[2]), plannedEnd: try day(fields[3]),
                                    actualStart: try day(fields[4]), actualEnd: try day(fields[5]))
            }
        }
    }
}
