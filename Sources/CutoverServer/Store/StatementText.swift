/// A statement's SQL as the key of what is kept for it (its prepared statement, how long it
/// took). Hashed by its length and its first and last bytes only: a migration's united
/// select is some kilobytes, each read looked it up three times, and hashing all of it took
/// a fiftieth of a migration read. Two texts that hash alike are still told apart by
/// comparing them whole.
struct StatementText: Hashable {
    let text: String

    init(_ text: String) {
        self.text = text
    }

    /// How many bytes at each end are hashed: the texts kept differ there (the columns
    /// read near the start, the tables, conditions and bound values near the end), and a
    /// few that do not only share a bucket.
    static let endBytes = 48

    func hash(into hasher: inout Hasher) {
        var text = text
        text.withUTF8 { bytes in
            hasher.combine(bytes.count)
            hasher.combine(bytes: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes.prefix(Self.endBytes))))
            hasher.combine(bytes: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes.suffix(Self.endBytes))))
        }
    }

    static func == (a: Self, b: Self) -> Bool { a.text == b.text }
}
