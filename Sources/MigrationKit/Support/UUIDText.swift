import Foundation

extension UUID {
    /// Reads the 36-character text form (`9dd461c7-c19a-4a41-bd92-7469295c3a62`, either
    /// case), as `UUID(uuidString:)` does. On Linux that one goes through the C library's
    /// `sscanf`, 0.7 µs a UUID, and a list of fifty kept judgements holds hundreds.
    /// Inlinable, so that each caller gets a copy made for its kind of text: a generic
    /// copy shared across modules walked the bytes through an iterator, 5% of a migration read.
    @inlinable
    public init?(text: some StringProtocol) {
        self.init(utf8: text.utf8)
    }

    /// The same, from the text's UTF-8 bytes.
    @inlinable
    public init?(utf8 text: some Sequence<UInt8>) {
        var bytes: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        let read = withUnsafeMutableBytes(of: &bytes) { out -> Bool in
            var offset = 0, byte = 0, high: UInt8? = nil
            for character in text {
                defer { offset += 1 }
                if offset == 8 || offset == 13 || offset == 18 || offset == 23 {
                    guard character == UInt8(ascii: "-") else { return false }
                    continue
                }
                guard offset < 36, let nibble = Self.nibble(character) else { return false }
                if let first = high {
                    out[byte] = first << 4 | nibble
                    byte += 1
                    high = nil
                } else {
                    high = nibble
                }
            }
            return offset == 36
        }
        guard read else { return nil }
        self.init(uuid: bytes)
    }

    @usableFromInline
    static func nibble(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): character - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
