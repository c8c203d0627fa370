import PlanSyntax

/// A status text taken apart: a leading glyph, the status phrase, a date, each as a byte range of the claim.
///
/// `⏳ Queued` has a glyph and a phrase; `abgeschlossen am April 10, 2026` a phrase and a date; `[x]` nothing.
struct ClaimText {
    /// The claim's bytes as they are in the file.
    let bytes: [UInt8]
    /// The glyph's bytes and what it is (repaired when it was mis-encoded).
    var glyph: (range: Range<Int>, text: String, misencoded: Bool)?
    /// The first status phrase: its bytes, its text as written and its category.
    var phrase: (range: Range<Int>, text: String, category: StatusCategory)?
    var date: (range: Range<Int>, format: EditDate.Format)?

    init(bytes: [UInt8], vocabulary: Vocabulary, glyphs: [String]) {
        self.bytes = bytes
        var start = 0
        while start < bytes.count, bytes[start] == UInt8(ascii: "*") || bytes[start] == UInt8(ascii: "_") { start += 1 }
        glyph = Self.glyph(in: bytes, at: start, glyphs: glyphs)
        let phraseStart = glyph?.range.upperBound ?? start
        phrase = Self.phrase(in: bytes, from: phraseStart, vocabulary: vocabulary)
        let text = String(decoding: bytes, as: UTF8.self)
        if let found = EditDate.find(in: text), Array(text.utf8) == bytes { date = (found.range, found.format) }
    }

    /// The glyph at `start`: a mis-encoded run, a known glyph, or any emoji.
    private static func glyph(in bytes: [UInt8], at start: Int, glyphs: [String]) -> (Range<Int>, String, Bool)? {
        guard start < bytes.count, bytes[start] >= 0x80 else { return nil }
        if let run = MojibakeRepair.runs(in: bytes[...]).first(where: { $0.range.lowerBound == start }),
           let first = run.replacement.unicodeScalars.first, first.value >= 0x2000, !first.properties.isAlphabetic {
            return (run.range, run.replacement, true)
        }
        let text = String(decoding: bytes[start...], as: UTF8.self)
        for glyph in glyphs.sorted(by: { $0.utf8.count > $1.utf8.count }) where text.hasPrefix(glyph) {
            var end = start + glyph.utf8.count
            // A variation selector that the glyph table spells without.
            if bytes[end...].starts(with: [0xEF, 0xB8, 0x8F]) { end += 3 }
            return (start..<end, String(decoding: bytes[start..<end], as: UTF8.self), false)
        }
        if let character = text.first, let scalar = character.unicodeScalars.first, scalar.value >= 0x2000,
           scalar.properties.isEmoji || scalar.properties.generalCategory == .otherSymbol {
            let end = start + String(character).utf8.count
            return (start..<end, String(character), false)
        }
        return nil
    }

    /// The earliest, longest status phrase of up to four words from `from` on.
    private static func phrase(in bytes: [UInt8], from: Int, vocabulary: Vocabulary) -> (Range<Int>, String, StatusCategory)? {
        let words = Self.words(in: bytes, from: from)
        for index in words.indices {
            for length in stride(from: min(4, words.count - index), through: 1, by: -1) {
                let slice = words[index..<index + length]
                // Words of one phrase are separated by one space or dash only.
                let joined = slice.indices.dropFirst().allSatisfy { slice[$0].range.lowerBound - slice[$0 - 1].range.upperBound == 1 }
                guard joined else { continue }
                let phrase = slice.map(\.lowered).concatenated(separator: " ")
                let written = slice.map(\.lowered).concatenated(separator: "")
                if let category = vocabulary.statusWords[phrase] ?? (length == 1 ? vocabulary.statusWords[written] : nil) {
                    let range = slice.first!.range.lowerBound..<slice.last!.range.upperBound
                    return (range, String(decoding: bytes[range], as: UTF8.self), category)
                }
                // `in_progress`, `in-progress`, `won't do` as written.
                let exact = String(decoding: bytes[slice.first!.range.lowerBound..<slice.last!.range.upperBound], as: UTF8.self).lowered()
                if length > 1, let category = vocabulary.statusWords[exact] {
                    let range = slice.first!.range.lowerBound..<slice.last!.range.upperBound
                    return (range, String(decoding: bytes[range], as: UTF8.self), category)
                }
            }
        }
        return nil
    }

    /// Runs of letters, digits, `_` and `'`, with byte ranges.
    static func words(in bytes: [UInt8], from: Int) -> [(range: Range<Int>, lowered: String)] {
        var result: [(Range<Int>, String)] = []
        var start = -1
        var index = from
        func close(_ end: Int) {
            result.append((start..<end, String(decoding: bytes[start..<end], as: UTF8.self).lowered()))
            start = -1
        }
        while index < bytes.count {
            let (scalar, length) = decode(bytes, at: index)
            let isWord = scalar.map { $0 == "_" || $0 == "'" || $0.properties.isAlphabetic || $0.properties.numericType != nil } ?? false
            if isWord, start < 0 { start = index }
            if !isWord, start >= 0 { close(index) }
            index += length
        }
        if start >= 0 { close(bytes.count) }
        return result
    }

    private static func decode(_ bytes: [UInt8], at index: Int) -> (Unicode.Scalar?, Int) {
        var iterator = bytes[index...].makeIterator()
        var decoder = UTF8()
        switch decoder.decode(&iterator) {
        case .scalarValue(let scalar): return (scalar, String(scalar).utf8.count)
        default: return (nil, 1)
        }
    }
}
