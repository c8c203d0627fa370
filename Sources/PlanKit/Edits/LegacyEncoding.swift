/// Writes text the way a document mis-encoded its emoji: UTF-8 bytes read back as cp1252 or cp1254 and saved
/// as UTF-8 again, bytes that code page lacks dropped (`✅` → `âœ…`, `⏳` → `â³`).
///
/// `baton mark` uses it so a mis-encoded file stays consistent until `baton lint --fix` repairs all of it.
public enum LegacyEncoding: Sendable, Hashable {
    case cp1252, cp1254

    /// `text` mis-encoded through this code page.
    public func misencode(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            if byte < 0x80 {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else if let scalar = scalar(for: byte) {
                result.unicodeScalars.append(scalar)
            }
            // Bytes the code page has no character for were dropped by the decoder that made the mojibake.
        }
        return result
    }

    /// The character this code page decodes `byte` (0x80 and above) to, or nil where it has none.
    func scalar(for byte: UInt8) -> Unicode.Scalar? {
        if self == .cp1254, let turkish = Self.turkish[byte] { return turkish }
        if self == .cp1254, byte == 0x8E || byte == 0x9E { return nil }
        if byte >= 0xA0 { return Unicode.Scalar(byte) }
        return Self.high[byte].flatMap { Unicode.Scalar($0) }
    }

    /// The code page a document's mojibake was made with: cp1254 when a run shows its Turkish letters.
    public static func detect(inMojibake text: String) -> LegacyEncoding {
        text.unicodeScalars.contains { turkish.values.contains($0) } ? .cp1254 : .cp1252
    }

    private static let turkish: [UInt8: Unicode.Scalar] = [
        0xD0: "\u{011E}", 0xDD: "\u{0130}", 0xDE: "\u{015E}", 0xF0: "\u{011F}", 0xFD: "\u{0131}", 0xFE: "\u{015F}",
    ]

    /// cp1252's 0x80–0x9F; 0x81, 0x8D, 0x8F, 0x90 and 0x9D are undefined.
    private static let high: [UInt8: UInt32] = [
        0x80: 0x20AC, 0x82: 0x201A, 0x83: 0x0192, 0x84: 0x201E, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021,
        0x88: 0x02C6, 0x89: 0x2030, 0x8A: 0x0160, 0x8B: 0x2039, 0x8C: 0x0152, 0x8E: 0x017D, 0x91: 0x2018,
        0x92: 0x2019, 0x93: 0x201C, 0x94: 0x201D, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02DC,
        0x99: 0x2122, 0x9A: 0x0161, 0x9B: 0x203A, 0x9C: 0x0153, 0x9E: 0x017E, 0x9F: 0x0178,
    ]
}
