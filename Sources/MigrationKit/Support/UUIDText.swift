import Foundation

extension UUID {
    /// Reads the 36-character text form (`9dd461c7-c19a-4a41-bd92-7469295c3a62`, either
    /// case), as `UUID(uuidString:)` does. On Linux that one goes through the C library's
    /// `sscanf`, 0.7 µs a UUID, and a list of fifty kept judgements holds hundreds.
    @inlinable
    public init?(text: some StringProtocol) {
        self.init(utf8: text.utf8)
    }

    /// The same, from the text's UTF-8 bytes. Inlinable, so that each caller gets a copy
    /// made for its kind of text, which hands its bytes over in one piece.
    @inlinable
    public init?(utf8 text: some Sequence<UInt8>) {
        let read = text.withContiguousStorageIfAvailable(Self.read) ?? Array(text).withUnsafeBufferPointer(Self.read)
        guard let read else { return nil }
        self.init(uuid: read)
    }

    /// The bytes of a UUID's text, or nil when it is not one. Indexes the bytes directly:
    /// walking them with an iterator and a counter cost a fortieth of a migration read. Each
    /// byte's two hex digits start at twice its index, after the dashes before it (one after
    /// each of bytes 4, 6, 8 and 10): worked out here, as a table of where they start was a
    /// static array, checked as made and retained on every read.
    @usableFromInline
    static func read(_ text: UnsafeBufferPointer<UInt8>) -> uuid_t? {
        let dash = UInt8(ascii: "-")
        guard text.count == 36, text[8] == dash, text[13] == dash, text[18] == dash, text[23] == dash else { return nil }
        var bytes: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var invalid: UInt8 = 0
        withUnsafeMutableBytes(of: &bytes) { out in
            var start = 0
            for index in 0..<16 {
                if index == 4 || index == 6 || index == 8 || index == 10 { start += 1 }
                let high = nibble(text[start]), low = nibble(text[start + 1])
                invalid |= (high | low) & 0xF0
                out[index] = high << 4 | low
                start += 2
            }
        }
        return invalid == 0 ? bytes : nil
    }

    /// The 36-character text form in upper case, as `uuidString` writes it, which on Linux
    /// goes through the C library's `sprintf`: each id bound to a statement is one.
    public var text: String {
        String(unsafeUninitializedCapacity: 36) { out in
            writeText(into: out)
            return 36
        }
    }

    /// The same into the first 36 bytes of `out`.
    public func writeText(into out: UnsafeMutableBufferPointer<UInt8>) {
        var at = 0
        withUnsafeBytes(of: uuid) { octets in
            for (index, octet) in octets.enumerated() {
                if index == 4 || index == 6 || index == 8 || index == 10 {
                    out[at] = UInt8(ascii: "-")
                    at += 1
                }
                out[at] = Self.upperHex(octet >> 4)
                out[at + 1] = Self.upperHex(octet & 0x0F)
                at += 2
            }
        }
    }

    private static func upperHex(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "A") + nibble - 10
    }

    /// A hex digit's value, or 0xFF for anything else.
    private static func nibble(_ character: UInt8) -> UInt8 {
        let digit = character &- UInt8(ascii: "0")
        if digit < 10 { return digit }
        let letter = (character | 0x20) &- UInt8(ascii: "a")
        return letter < 6 ? letter + 10 : 0xFF
    }
}
