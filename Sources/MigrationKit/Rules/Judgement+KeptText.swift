import Foundation

/// A judgement as the short text the server keeps, one line a field, read by hand: a list
/// of fifty read its kept judgements as JSON, and Foundation's decoder took a third of
/// the list's time. Lines, in order:
///
///     judgement 1
///     2026-11-27                                  the day
///     <practice> <commissioner> <partner> <old-system supplier> <new-system supplier> [<subsidiary supplier>…]
///     <deadline id> <due>                         the next deadline, or "-"
///     2                                           overdue deadlines
///     <severity> <audience> <message>             one line a concern
///
/// A message's backslashes and line breaks are written `\\` and `\n`.
extension Judgement {
    static let keptTextHeader = "judgement 1"

    public var keptText: String {
        var lines = [Self.keptTextHeader, day.description]
        lines.append(([parties.practice, parties.commissioner, parties.deliveryPartner, parties.sourceSupplier, parties.targetSupplier]
                      + parties.subsidiarySuppliers.sorted(by: <)).map(\.uuidString).joined(separator: " "))
        lines.append(nextDeadline.map { "\($0.id.rawValue) \($0.due)" } ?? "-")
        lines.append(String(overdueDeadlines))
        for concern in concerns {
            lines.append("\(concern.severity.rawValue) \(concern.audience.text) \(Self.escape(concern.message))")
        }
        return lines.joined(separator: "\n")
    }

    /// Nil for text that is not a kept judgement in this form (one kept by an older
    /// release, say): the caller judges the migration again. Read as UTF-8 bytes, since
    /// splitting a `String` by characters cost more than the JSON decoder it replaces.
    public init?(keptText: String) {
        var text = keptText
        guard let judgement = text.withUTF8({ Self.read($0) }) else { return nil }
        self = judgement
    }

    /// The status `actor` sees in a kept judgement's text: what `Judgement(keptText:)` and
    /// then `rag(for:policy:)` give, all a list needs of it. Only the concerns are read, and
    /// the parties only when there is a concern to ask about (the lines between are the
    /// list's own, kept beside it); nil for text in no form this build reads.
    public static func rag(keptText: String, for actor: Actor, policy: AccessPolicy) -> RAG? {
        var text = keptText
        return text.withUTF8 { bytes in
            let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            guard lines.count >= 5, lines[0].elementsEqual(keptTextHeader.utf8), let concerns = concerns(lines.dropFirst(5)) else { return nil }
            // Nothing for anyone to read: the status of no findings.
            if concerns.isEmpty { return RAG([(severity: Finding.Severity, message: String)]()) }
            guard let parties = parties(lines[2]) else { return nil }
            return rag(among: concerns, for: actor, policy: policy, parties: parties)
        }
    }

    private static func read(_ bytes: UnsafeBufferPointer<UInt8>) -> Judgement? {
        let space = UInt8(ascii: " ")
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        guard lines.count >= 5, lines[0].elementsEqual(keptTextHeader.utf8),
              let day = Day(iso: lines[1]),
              let parties = parties(lines[2]),
              let overdue = Int(string(lines[4])),
              let concerns = concerns(lines.dropFirst(5)) else { return nil }
        var next: NextDeadline?
        if !lines[3].elementsEqual("-".utf8) {
            let fields = lines[3].split(separator: space)
            guard fields.count == 2, let id = DeadlineID(rawValue: string(fields[0])), let due = Day(iso: fields[1]) else { return nil }
            next = NextDeadline(id: id, due: due)
        }
        return Judgement(day: day, parties: parties, concerns: concerns, nextDeadline: next, overdueDeadlines: overdue)
    }

    /// One concern a line: severity, audience and the message, which may hold spaces.
    private static func concerns(_ lines: ArraySlice<Bytes>) -> [Concern]? {
        let space = UInt8(ascii: " ")
        var concerns: [Concern] = []
        concerns.reserveCapacity(lines.count)
        for line in lines {
            guard let first = line.firstIndex(of: space), let second = line[(first + 1)...].firstIndex(of: space),
                  let severity = Finding.Severity.allCases.first(where: { line[..<first].elementsEqual($0.rawValue.utf8) }),
                  let audience = Finding.Audience(utf8: line[(first + 1)..<second]) else { return nil }
            concerns.append(Concern(severity: severity, message: unescape(line[(second + 1)...]), audience: audience))
        }
        return concerns
    }

    private typealias Bytes = Slice<UnsafeBufferPointer<UInt8>>

    private static func string(_ bytes: Bytes) -> String { String(decoding: bytes, as: UTF8.self) }

    private static func parties(_ line: Bytes) -> MigrationParties? {
        // Ids of 36 characters, a space between each.
        var found: [UUID] = []
        found.reserveCapacity((line.count + 1) / 37)
        var start = line.startIndex
        while start < line.endIndex {
            let end = line[start...].firstIndex(of: UInt8(ascii: " ")) ?? line.endIndex
            guard let id = UUID(utf8: line[start..<end]) else { return nil }
            found.append(id)
            start = end + 1
        }
        guard found.count >= 5 else { return nil }
        return MigrationParties(practice: found[0], commissioner: found[1], deliveryPartner: found[2], sourceSupplier: found[3],
                                targetSupplier: found[4], subsidiarySuppliers: Set(found.dropFirst(5)))
    }

    private static func escape(_ message: String) -> String {
        guard message.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }) else { return message }
        var escaped: [UInt8] = []
        for byte in message.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): escaped += "\\\\".utf8
            case UInt8(ascii: "\n"): escaped += "\\n".utf8
            case UInt8(ascii: "\r"): escaped += "\\r".utf8
            default: escaped.append(byte)
            }
        }
        return String(decoding: escaped, as: UTF8.self)
    }

    private static func unescape(_ text: Bytes) -> String {
        guard text.contains(UInt8(ascii: "\\")) else { return string(text) }
        var message: [UInt8] = []
        var escaping = false
        for byte in text {
            if escaping {
                message.append(byte == UInt8(ascii: "n") ? UInt8(ascii: "\n") : byte == UInt8(ascii: "r") ? UInt8(ascii: "\r") : byte)
                escaping = false
            } else if byte == UInt8(ascii: "\\") {
                escaping = true
            } else {
                message.append(byte)
            }
        }
        return String(decoding: message, as: UTF8.self)
    }
}
