/// Small text helpers over the standard library (PlanKit does not import Foundation).
///
/// The helpers have two paths: one over UTF-8 bytes for text whose characters are single scalars (nearly all
/// plan text: ASCII, Latin letters, dashes, arrows, emoji without modifiers), and the general one over
/// `Character`s for everything else. Both give the same result; the first only avoids grapheme breaking.
enum PlanText {
    /// Lowercase-insensitive words: runs of letters, digits, `_` and `'`.
    static func words(_ text: String) -> [String] {
        if let fast = simpleWords(text) { return fast }
        var words: [String] = []
        var current = ""
        for character in text {
            if character.isLetter || character.isNumber || character == "_" || character == "'" || character == "’" {
                current.append(character == "’" ? "'" : character)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// `words` for simple text, or nil.
    private static func simpleWords(_ text: String) -> [String]? {
        var text = text
        return text.withUTF8 { buffer -> [String]? in
            guard isSimple(buffer) else { return nil }
            var words: [String] = []
            var start = -1
            var hasCurly = false
            var index = 0
            let count = buffer.count
            func close(_ end: Int) {
                var word = String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<end]), as: UTF8.self)
                if hasCurly { word = word.replacingAll("’", with: "'") }
                words.append(word)
                start = -1
                hasCurly = false
            }
            while index < count {
                let byte = buffer[index]
                let length: Int
                let isWord: Bool
                if byte < 0x80 {
                    length = 1
                    isWord = byte.isASCIIAlphanumeric || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "'")
                } else {
                    let (scalar, scalarLength) = decode(buffer, at: index)
                    length = scalarLength
                    if scalar == "’" {
                        isWord = true
                        hasCurly = true
                    } else {
                        isWord = scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                    }
                }
                if isWord {
                    if start < 0 { start = index }
                } else if start >= 0 {
                    close(index)
                }
                index += length
            }
            if start >= 0 { close(count) }
            return words
        }
    }

    /// A path or glob as written, without code ticks (`` `src/**` `` → `src/**`).
    static func unticked(_ text: String) -> String {
        guard contains(text, "`") else { return text.trimmingWhitespace() }
        return text.replacingAll("`", with: "").trimmingWhitespace()
    }

    /// Text without markdown emphasis, code ticks and link targets, trimmed.
    static func plain(_ text: String) -> String {
        simplePlain(text) ?? plainByCharacters(text)
    }

    /// `plain` read character by character, as any text can be; the byte reading must agree with it.
    static func plainByCharacters(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var characters = Substring(text)
        while let character = characters.first {
            switch character {
            case "*", "`":
                characters.removeFirst()
            case "_" where result.last.map({ !$0.isLetter && !$0.isNumber }) ?? true:
                // `_emphasis_` at a word start; keep snake_case inside words.
                characters.removeFirst()
            case "[":
                // [text](target) → text
                if let close = characters.firstIndex(of: "]"), characters.index(after: close) < characters.endIndex,
                   characters[characters.index(after: close)] == "(",
                   let end = characters[close...].firstIndex(of: ")") {
                    result += characters[characters.index(after: characters.startIndex)..<close]
                    characters = characters[characters.index(after: end)...]
                } else {
                    result.append(character)
                    characters.removeFirst()
                }
            default:
                result.append(character)
                characters.removeFirst()
            }
        }
        return result.trimmingWhitespace()
    }

    /// `plain` for simple text, or nil.
    private static func simplePlain(_ text: String) -> String? {
        var copy = text
        let (simple, changed) = copy.withUTF8 { buffer -> (Bool, String?) in
            guard isSimple(buffer) else { return (false, nil) }
            let count = buffer.count
            var special = false
            for byte in buffer where byte == UInt8(ascii: "*") || byte == UInt8(ascii: "`") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "[") {
                special = true
                break
            }
            if !special {
                // Nothing to remove: only trim (and return the caller's string when nothing is trimmed).
                let range = trimmedRange(buffer, 0..<count)
                if range.count == count { return (true, nil) }
                return (true, String(decoding: UnsafeBufferPointer(rebasing: buffer[range]), as: UTF8.self))
            }
            // The kept bytes go to scratch memory (on the stack for most lines), then once into the string.
            let string = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count) { result -> String in
                var kept = 0
                func keep(_ byte: UInt8) {
                    result[kept] = byte
                    kept += 1
                }
                var index = 0
                while index < count {
                    let byte = buffer[index]
                    switch byte {
                    case UInt8(ascii: "*"), UInt8(ascii: "`"):
                        index += 1
                    case UInt8(ascii: "_") where !lastIsAlphanumeric(UnsafeBufferPointer(rebasing: result[0..<kept])):
                        index += 1
                    case UInt8(ascii: "["):
                        var close = index
                        while close < count, buffer[close] != UInt8(ascii: "]") { close += 1 }
                        if close + 1 < count, buffer[close + 1] == UInt8(ascii: "(") {
                            var end = close
                            while end < count, buffer[end] != UInt8(ascii: ")") { end += 1 }
                            if end < count {
                                for linked in buffer[(index + 1)..<close] { keep(linked) }
                                index = end + 1
                                continue
                            }
                        }
                        keep(byte)
                        index += 1
                    default:
                        keep(byte)
                        index += 1
                    }
                }
                let bytes = UnsafeBufferPointer(rebasing: result[0..<kept])
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[trimmedRange(bytes, 0..<kept)]), as: UTF8.self)
            }
            return (true, string)
        }
        guard simple else { return nil }
        return changed ?? text
    }

    private static func lastIsAlphanumeric(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let last = bytes.last else { return false }
        if last < 0x80 { return last.isASCIIAlphanumeric }
        var start = bytes.count - 1
        while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        let scalar = decode(bytes, at: start).0
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    /// `range` without the characters `trimmingWhitespace` removes: space, tab, no-break space and CR LF pairs.
    static func trimmedRange(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper {
            let byte = buffer[lower]
            if byte == 0x20 || byte == 0x09 { lower += 1 }
            else if byte == 0xC2, lower + 1 < upper, buffer[lower + 1] == 0xA0 { lower += 2 }
            else if byte == 0x0D, lower + 1 < upper, buffer[lower + 1] == 0x0A { lower += 2 }
            else { break }
        }
        while upper > lower {
            let byte = buffer[upper - 1]
            if byte == 0x20 || byte == 0x09 { upper -= 1 }
            else if byte == 0xA0, upper - 2 >= lower, buffer[upper - 2] == 0xC2 { upper -= 2 }
            else if byte == 0x0A, upper - 2 >= lower, buffer[upper - 2] == 0x0D { upper -= 2 }
            else { break }
        }
        return lower..<upper
    }

    /// Whether every character of the UTF-8 text is one scalar (CR LF aside): ASCII, scalars below U+0300,
    /// and the punctuation, symbol and emoji blocks that never join their neighbours.
    static func isSimple(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let count = buffer.count
        while index < count {
            // Most text is ASCII: past it eight bytes at a time.
            index = firstNonASCII(in: buffer, from: index)
            guard index < count else { break }
            let byte = buffer[index]
            if byte < 0xCC { index += 2; continue }  // U+0080–U+02FF
            let (scalar, length) = decode(buffer, at: index)
            let value = scalar.value
            let safe = (0x2010...0x2027).contains(value) || (0x2030...0x205E).contains(value)
                || (0x2070...0x20CF).contains(value) || (0x2100...0x2BFF).contains(value)
                || ((0x1F000...0x1FAFF).contains(value) && !(0x1F1E6...0x1F1FF).contains(value) && !(0x1F3FB...0x1F3FF).contains(value))
            // Characters equal to a different scalar (`Ω` ohm sign and `Ω`), which bytes would tell apart.
            let singleton = value == 0x2126 || value == 0x212A || value == 0x212B || value == 0x2329 || value == 0x232A || value == 0x2ADC
            guard safe, !singleton else { return false }
            index += length
        }
        return true
    }

    /// `isSimple` without a CR: every character one scalar, so characters and bytes split text alike.
    static func isSimpleLine(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        isSimple(buffer) && !buffer.contains(0x0D)
    }

    /// The scalar at `index` of valid UTF-8.
    @inline(__always)
    static func decode(_ buffer: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar, Int) {
        let lead = UInt32(buffer[index])
        if lead < 0x80 { return (Unicode.Scalar(UInt8(lead)), 1) }
        if lead < 0xE0 {
            let value = (lead & 0x1F) << 6 | UInt32(buffer[index + 1] & 0x3F)
            return (Unicode.Scalar(value) ?? "\u{FFFD}", 2)
        }
        if lead < 0xF0 {
            let value = (lead & 0x0F) << 12 | UInt32(buffer[index + 1] & 0x3F) << 6 | UInt32(buffer[index + 2] & 0x3F)
            return (Unicode.Scalar(value) ?? "\u{FFFD}", 3)
        }
        let value = (lead & 0x07) << 18 | UInt32(buffer[index + 1] & 0x3F) << 12 | UInt32(buffer[index + 2] & 0x3F) << 6
            | UInt32(buffer[index + 3] & 0x3F)
        return (Unicode.Scalar(value) ?? "\u{FFFD}", 4)
    }

    /// `text.contains(pattern)` (character by character), by bytes when both are simple.
    static func contains(_ text: String, _ pattern: String) -> Bool {
        var text = text
        var pattern = pattern
        let fast = pattern.withUTF8 { needle -> Bool? in
            guard let first = needle.first, let last = needle.last, first != 0x0A, last != 0x0D, isSimple(needle) else { return nil }
            return text.withUTF8 { haystack -> Bool? in
                guard isSimple(haystack) else { return nil }
                return firstIndex(of: needle, in: haystack, from: 0) != nil
            }
        }
        if let fast { return fast }
        return text.contains(pattern)
    }

    /// The offset of the first occurrence of `needle` in `haystack` at or after `start`.
    static func firstIndex(of needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        let count = needle.count
        guard count > 0, haystack.count >= count else { return nil }
        let first = needle[0]
        var index = start
        let limit = haystack.count - count
        while index <= limit {
            if haystack[index] == first {
                var offset = 1
                while offset < count, haystack[index + offset] == needle[offset] { offset += 1 }
                if offset == count { return index }
            }
            index += 1
        }
        return nil
    }

    /// `text.trimmingCharacters(in: set)` by bytes, for simple text and a set of ASCII characters other than
    /// CR and LF (or the whitespace set); nil otherwise.
    static func trimmedSimple<S: StringProtocol>(_ text: S, _ set: String) -> String? {
        let isWhitespace = set.utf8.count == 6 && set.utf8.elementsEqual(" \t\r\n\u{00A0}".utf8)
        if !isWhitespace, !set.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x0A && $0 != 0x0D }) { return nil }
        let result = text.utf8.withContiguousStorageIfAvailable { buffer -> String? in
            guard isSimple(buffer) else { return nil }
            var range = 0..<buffer.count
            if isWhitespace {
                range = trimmedRange(buffer, range)
            } else {
                var lower = 0
                var upper = buffer.count
                while lower < upper, set.utf8.contains(buffer[lower]) { lower += 1 }
                while upper > lower, set.utf8.contains(buffer[upper - 1]) { upper -= 1 }
                range = lower..<upper
            }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[range]), as: UTF8.self)
        }
        return result ?? nil
    }

    /// `text.split(separator: Character(separator))` for simple text, by bytes; nil for other text.
    static func split(_ text: String, separator: UInt8) -> [String]? {
        var text = text
        return text.withUTF8 { buffer -> [String]? in
            guard separator < 0x80, separator != 0x0A, separator != 0x0D, isSimple(buffer) else { return nil }
            var parts: [String] = []
            var start = 0
            for index in 0...buffer.count where index == buffer.count || buffer[index] == separator {
                if index > start { parts.append(String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<index]), as: UTF8.self)) }
                start = index + 1
            }
            return parts
        }
    }

    /// `words(text.lowercased())` for ASCII text, by bytes; nil for other text.
    static func asciiLowercaseWords(_ text: String) -> [String]? {
        let result = text.utf8.withContiguousStorageIfAvailable { buffer -> [String]? in
            var words: [String] = []
            var word: [UInt8] = []
            for byte in buffer {
                if byte >= 0x80 { return nil }
                if byte.isASCIIAlphanumeric || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "'") {
                    word.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
                } else if !word.isEmpty {
                    words.append(String(decoding: word, as: UTF8.self))
                    word.removeAll(keepingCapacity: true)
                }
            }
            if !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)) }
            return words
        }
        return result ?? nil
    }

    /// The first occurrence of `pattern` in `text` at or after the UTF-8 offset `start` (a character boundary),
    /// as `text[start...].firstRange(of: pattern)` finds it; by bytes when both are simple.
    static func firstRange(of pattern: String, in text: String, fromOffset start: Int) -> Range<String.Index>? {
        var text = text
        var pattern = pattern
        let fast = pattern.withUTF8 { needle -> Int?? in
            guard let first = needle.first, let last = needle.last, first != 0x0A, last != 0x0D, isSimple(needle) else { return .none }
            return text.withUTF8 { haystack -> Int?? in
                guard isSimple(haystack) else { return .none }
                return .some(firstIndex(of: needle, in: haystack, from: start))
            }
        }
        let utf8 = text.utf8
        switch fast {
        case .some(.some(let offset)):
            let lower = utf8.index(utf8.startIndex, offsetBy: offset)
            return lower..<utf8.index(lower, offsetBy: pattern.utf8.count)
        case .some(.none):
            return nil
        case .none:
            return text[utf8.index(utf8.startIndex, offsetBy: start)...].firstRange(of: pattern)
        }
    }

    /// The words without repeats (a set's members, in no particular order).
    private static func distinct(_ words: [String]) -> [String] {
        if words.count > 16 { return Array(Set(words)) }
        var result: [String] = []
        result.reserveCapacity(words.count)
        for word in words where !result.contains(word) { result.append(word) }
        return result
    }

    /// Jaccard similarity of the lowercase word sets of two texts.
    static func similarity(_ a: String, _ b: String) -> Double {
        asciiSimilarity(a, b) ?? similarityByWords(a, b)
    }

    /// `similarity` over word strings, for any text; the byte reading must agree with it.
    static func similarityByWords(_ a: String, _ b: String) -> Double {
        let left = distinct(asciiLowercaseWords(a) ?? words(a.lowered()))
        let right = distinct(asciiLowercaseWords(b) ?? words(b.lowered()))
        guard !left.isEmpty, !right.isEmpty else { return 0 }
        let (small, large) = left.count <= right.count ? (left, right) : (right, left)
        var shared = 0
        if large.count <= 16 {
            for word in small where large.contains(word) { shared += 1 }
        } else {
            let set = Set(large)
            for word in small where set.contains(word) { shared += 1 }
        }
        return Double(shared) / Double(left.count + right.count - shared)
    }
}

extension PlanText {
    /// `similarity` for two ASCII texts, comparing words in place instead of making a string of each; nil for
    /// other texts. The shorter text goes into a hash table, which the other's distinct words are then
    /// looked up in: linear in the words, where sorting them was not (a table row's title may run to eighty
    /// words, compared with the detail entry of its id). Both tables live in temporary storage: nothing is
    /// allocated per word. Once the longer text has more than `1 / stoppingBelow` times as many distinct words
    /// as the shorter, the score is below `stoppingBelow` whatever follows, and some such score is returned.
    static func asciiSimilarity(_ a: String, _ b: String, stoppingBelow threshold: Double = 0) -> Double? {
        var a = a, b = b
        return a.withUTF8 { a in
            b.withUTF8 { b -> Double? in
                let (short, long) = a.count <= b.count ? (a, b) : (b, a)
                guard let shortWords = asciiWordCount(short), firstNonASCII(in: long, from: 0) == long.count else { return nil }
                guard shortWords > 0 else { return 0 }
                // With a threshold the long table's size follows from the short text; without, count its words.
                let longWords = threshold > 0 ? long.count / 2 + 1 : asciiWordCount(long)!
                guard longWords > 0 else { return 0 }
                return WordTable.with(capacity: shortWords) { shortTable -> Double in
                    var shortDistinct = 0
                    forEachWord(short) { if shortTable.insert($0, in: short) { shortDistinct += 1 }; return true }
                    // Reading stops at the first distinct word past shortDistinct / threshold: at most one more
                    // than that goes in.
                    let longCapacity = threshold > 0 ? Int(min(Double(longWords), Double(shortDistinct) / threshold + 1)) : longWords
                    return WordTable.with(capacity: longCapacity) { longTable in
                        var (longDistinct, shared) = (0, 0)
                        let stopped = !forEachWord(long) { word in
                            guard longTable.insert(word, in: long) else { return true }
                            longDistinct += 1
                            if shortTable.contains(word, from: long, in: short) { shared += 1 }
                            return Double(longDistinct) * threshold <= Double(shortDistinct)
                        }
                        return stopped ? 0 : Double(shared) / Double(shortDistinct + longDistinct - shared)
                    }
                }
            }
        }
    }

    /// Whether `similarity(a, b) >= threshold`, without reading all of a long text whose words alone rule it out.
    static func isSimilar(_ a: String, _ b: String, atLeast threshold: Double) -> Bool {
        (asciiSimilarity(a, b, stoppingBelow: threshold) ?? similarityByWords(a, b)) >= threshold
    }

    private struct Word {
        var hash: UInt64
        var start: Int32
        /// 0 marks an empty slot of a table.
        var length: Int32
    }

    @inline(__always)
    private static func isWordByte(_ byte: UInt8) -> Bool {
        byte.isASCIIAlphanumeric || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "'")
    }

    /// The index of the first byte at or after `start` that is not ASCII (the buffer's count when there is
    /// none), reading eight bytes at a time.
    static func firstNonASCII(in buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        if let base = buffer.baseAddress {
            let raw = UnsafeRawPointer(base)
            while index + 8 <= buffer.count, raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & ByteWord.highs == 0 {
                index += 8
            }
        }
        while index < buffer.count, buffer[index] < 0x80 { index += 1 }
        return index
    }

    /// How many words `asciiLowercaseWords` would cut from the text; nil when it is not ASCII.
    private static func asciiWordCount(_ buffer: UnsafeBufferPointer<UInt8>) -> Int? {
        var count = 0
        var inWord = false
        for byte in buffer {
            if byte >= 0x80 { return nil }
            let isWord = isWordByte(byte)
            if isWord, !inWord { count += 1 }
            inWord = isWord
        }
        return count
    }

    /// The words of ASCII text as `asciiLowercaseWords` cuts them, each with a hash of its lowercase bytes, until
    /// `body` returns false; false when it did.
    @inline(__always) @discardableResult
    private static func forEachWord(_ buffer: UnsafeBufferPointer<UInt8>, _ body: (Word) -> Bool) -> Bool {
        var start = -1
        var hash: UInt64 = 0
        for index in 0...buffer.count {
            let byte: UInt8 = index < buffer.count ? buffer[index] : 0x20
            if isWordByte(byte) {
                if start < 0 { start = index; hash = 0xCBF2_9CE4_8422_2325 }
                hash = (hash ^ UInt64(asciiLowercased(byte))) &* 0x100_0000_01B3
            } else if start >= 0 {
                let word = Word(hash: hash, start: Int32(truncatingIfNeeded: start), length: Int32(truncatingIfNeeded: index - start))
                guard body(word) else { return false }
                start = -1
            }
        }
        return true
    }

    /// Distinct words of one text by hash, open addressing; equal only for the same lowercase bytes. The
    /// table holds positions: every call passes the text they are positions in.
    private struct WordTable {
        private let slots: UnsafeMutableBufferPointer<Word>
        private let mask: Int

        /// Runs `body` with an empty table for `words` words in temporary storage.
        static func with<Result>(capacity words: Int, _ body: (inout WordTable) -> Result) -> Result {
            var size = 8
            while size < words * 2 { size <<= 1 }
            return withUnsafeTemporaryAllocation(of: Word.self, capacity: size) { slots in
                slots.initialize(repeating: Word(hash: 0, start: 0, length: 0))
                var table = WordTable(slots: slots, mask: size - 1)
                return body(&table)
            }
        }

        private init(slots: UnsafeMutableBufferPointer<Word>, mask: Int) {
            self.slots = slots
            self.mask = mask
        }

        /// Adds a word of `text`; false when it was there already.
        mutating func insert(_ word: Word, in text: UnsafeBufferPointer<UInt8>) -> Bool {
            var slot = Int(truncatingIfNeeded: word.hash) & mask
            while slots[slot].length != 0 {
                if slots[slot].hash == word.hash, PlanText.sameWord(slots[slot], in: text, word, in: text) { return false }
                slot = (slot + 1) & mask
            }
            slots[slot] = word
            return true
        }

        /// Whether a word of `other` is in the table of `text`.
        func contains(_ word: Word, from other: UnsafeBufferPointer<UInt8>, in text: UnsafeBufferPointer<UInt8>) -> Bool {
            var slot = Int(truncatingIfNeeded: word.hash) & mask
            while slots[slot].length != 0 {
                if slots[slot].hash == word.hash, PlanText.sameWord(slots[slot], in: text, word, in: other) { return true }
                slot = (slot + 1) & mask
            }
            return false
        }
    }

    /// Whether two words have the same lowercase bytes.
    private static func sameWord(_ x: Word, in xs: UnsafeBufferPointer<UInt8>, _ y: Word, in ys: UnsafeBufferPointer<UInt8>) -> Bool {
        guard x.length == y.length else { return false }
        let (xStart, yStart) = (Int(x.start), Int(y.start))
        for offset in 0..<Int(x.length) where asciiLowercased(xs[xStart + offset]) != asciiLowercased(ys[yStart + offset]) {
            return false
        }
        return true
    }

    /// The first and last UTF-8 bytes of `string`; nil when it is empty (or not stored as UTF-8).
    @inline(__always) static func endBytes(_ string: String) -> (first: UInt8, last: UInt8)? {
        string.utf8.withContiguousStorageIfAvailable { $0.isEmpty ? nil : ($0[0], $0[$0.count - 1]) } ?? nil
    }

    /// The byte with A–Z lowercased.
    static func asciiLowercased(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
}

extension StringProtocol {
    /// `lowercased()`, the same text made faster for text that is mostly ASCII. The standard library lowers
    /// ASCII text in one pass, but text with a single other character (an emoji, an arrow, a German letter)
    /// scalar by scalar, making a string of each scalar's mapping: in plan lines that took longer than reading
    /// them. Here ASCII bytes are lowered as they are and every other scalar is mapped as the standard
    /// library maps it.
    func lowered() -> String {
        let utf8 = self.utf8
        // All ASCII (or not in one piece): the standard library's own pass is the fast one.
        guard utf8.withContiguousStorageIfAvailable({ PlanText.firstNonASCII(in: $0, from: 0) < $0.count }) == true else {
            return lowercased()
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        for scalar in unicodeScalars {
            if scalar.isASCII {
                bytes.append(PlanText.asciiLowercased(UInt8(truncatingIfNeeded: scalar.value)))
            } else {
                bytes.append(contentsOf: scalar.properties.lowercaseMapping.utf8)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Byte patterns grouped by a key byte and laid out flat, for scans that look patterns up at many bytes of a
/// text: reading an array of arrays there retained and released the inner array at every lookup.
struct PatternTable: Sendable {
    /// Pattern `p` is `bytes[starts[p]..<starts[p + 1]]`.
    private let bytes: [UInt8]
    private let starts: [Int]
    /// The patterns with key `k` are `byKey[keyStarts[k]..<keyStarts[k + 1]]`, in the order given.
    private let byKey: [Int]
    private let keyStarts: [Int]

    init(_ patterns: [[UInt8]], key: (_ pattern: [UInt8]) -> UInt8) {
        bytes = patterns.flatMap { $0 }
        starts = patterns.reduce(into: [0]) { $0.append($0.last! + $1.count) }
        byKey = patterns.indices.sorted { (key(patterns[$0]), $0) < (key(patterns[$1]), $1) }
        keyStarts = (0...256).map { bound in patterns.indices.count { Int(key(patterns[$0])) < bound } }
    }

    /// The table's arrays as buffers, for the length of a scan.
    struct View {
        fileprivate let bytes: UnsafeBufferPointer<UInt8>
        fileprivate let starts: UnsafeBufferPointer<Int>
        fileprivate let byKey: UnsafeBufferPointer<Int>
        fileprivate let keyStarts: UnsafeBufferPointer<Int>

        /// The indices of the patterns with key `key`.
        func patterns(keyedBy key: UInt8) -> Slice<UnsafeBufferPointer<Int>> {
            byKey[keyStarts[Int(key)]..<keyStarts[Int(key) + 1]]
        }

        func pattern(_ index: Int) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(rebasing: bytes[starts[index]..<starts[index + 1]])
        }
    }

    func withView<Result>(_ body: (View) -> Result) -> Result {
        bytes.withUnsafeBufferPointer { bytes in
            starts.withUnsafeBufferPointer { starts in
                byKey.withUnsafeBufferPointer { byKey in
                    keyStarts.withUnsafeBufferPointer { keyStarts in
                        body(View(bytes: bytes, starts: starts, byKey: byKey, keyStarts: keyStarts))
                    }
                }
            }
        }
    }
}

/// Phrases looked for, in any case, in raw bytes before any text is made: `mayOccur` is false only when
/// the bytes are ASCII without the marks `plain` removes (so their plain text is the bytes, trimmed) and no
/// phrase occurs in them in any case. Passes that look for a few phrases in every paragraph use it to pass
/// over most paragraphs without making their plain, lowercased text.
struct PhraseSet: Sendable {
    /// The phrases, lowercased, by their first byte.
    private let phrases: PatternTable
    /// One bit per pair of bytes, as written in any case, that opens some phrase: most positions of a text are
    /// passed over on this test alone. A pair whose first byte is not ASCII is never looked up.
    private let openingPairs: [UInt64]

    /// `phrases` of two bytes or more.
    init(_ phrases: [String]) {
        var kept: [[UInt8]] = []
        var openingPairs = [UInt64](repeating: 0, count: 128 * 256 / 64)
        func cases(_ byte: UInt8) -> [UInt8] { byte >= 0x61 && byte <= 0x7A ? [byte, byte - 0x20] : [byte] }
        for phrase in phrases {
            let bytes = phrase.utf8.map(PlanText.asciiLowercased)
            precondition(bytes.count >= 2, "PhraseSet: a phrase of one byte would be tested by its opening pair")
            // A phrase that is not ASCII could occur only in text this test leaves to the full reading.
            guard bytes.allSatisfy({ $0 < 0x80 }) else { continue }
            kept.append(bytes)
            for first in cases(bytes[0]) {
                for second in cases(bytes[1]) {
                    let pair = Int(first) << 8 | Int(second)
                    openingPairs[pair >> 6] |= 1 << UInt64(pair & 63)
                }
            }
        }
        self.phrases = PatternTable(kept, key: { $0[0] })
        self.openingPairs = openingPairs
    }

    /// First the bytes `plain` may change, eight at a time, then the phrases: testing for both byte by byte
    /// in one pass took twice as long.
    func mayOccur(in text: UnsafeBufferPointer<UInt8>) -> Bool {
        PlanText.mayChangePlainText(text, 0..<text.count) || occurs(inASCII: text)
    }

    /// Whether a phrase occurs, in any case, in ASCII text as it stands (marks and all).
    func occurs(inASCII text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard text.count >= 2 else { return false }
        return openingPairs.withUnsafeBufferPointer { openingPairs in
            phrases.withView { phrases in
                for index in 0..<text.count - 1 {
                    let first = text[index]
                    let pair = Int(first) << 8 | Int(text[index + 1])
                    guard openingPairs[pair >> 6] & (1 << UInt64(pair & 63)) != 0 else { continue }
                    for candidate in phrases.patterns(keyedBy: PlanText.asciiLowercased(first)) {
                        let phrase = phrases.pattern(candidate)
                        guard index + phrase.count <= text.count else { continue }
                        var offset = 1
                        while offset < phrase.count, PlanText.asciiLowercased(text[index + offset]) == phrase[offset] { offset += 1 }
                        if offset == phrase.count { return true }
                    }
                }
                return false
            }
        }
    }
}

extension PlanText {
    /// Whether any byte of `range` is one `plain` may remove or repair (`UInt8.mayChangePlainText`), eight
    /// bytes at a time: a byte of 0x80 or more, or one equal to `*`, `` ` ``, `_` or `[`.
    static func mayChangePlainText(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var index = range.lowerBound
        if let base = buffer.baseAddress {
            let raw = UnsafeRawPointer(base)
            while index + 8 <= range.upperBound {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                if word & ByteWord.highs != 0 { return true }
                if ByteWord.contains(0x2A, word) || ByteWord.contains(0x60, word) || ByteWord.contains(0x5F, word)
                    || ByteWord.contains(0x5B, word) { return true }
                index += 8
            }
        }
        while index < range.upperBound {
            if buffer[index].mayChangePlainText { return true }
            index += 1
        }
        return false
    }
}

extension UInt8 {
    /// A byte `plain` may remove or repair: non-ASCII (repaired), `*`, `` ` ``, `_`, `[`. ASCII text without
    /// one is its own plain text, trimmed.
    @inline(__always) var mayChangePlainText: Bool {
        self >= 0x80 || self == UInt8(ascii: "*") || self == UInt8(ascii: "`") || self == UInt8(ascii: "_") || self == UInt8(ascii: "[")
    }

    /// Whether the byte may be the first or last of whitespace that `trimmingWhitespace` removes: a space, a
    /// tab, a line break, or a byte of U+00A0.
    @inline(__always) var mayOpenOrCloseWhitespace: Bool {
        self == 0x20 || self == 0x09 || self == 0x0A || self == 0x0D || self == 0xC2 || self == 0xA0
    }

    @inline(__always) var isASCIIAlphanumeric: Bool {
        (self >= 0x30 && self <= 0x39) || ((self | 0x20) >= 0x61 && (self | 0x20) <= 0x7A)
    }
}

extension StringProtocol {
    func trimmingWhitespace() -> String {
        // Most text has nothing to trim: a string is then its own result, not a copy.
        if let string = self as? String, let (first, last) = PlanText.endBytes(string),
           first.mayOpenOrCloseWhitespace == false, last.mayOpenOrCloseWhitespace == false { return string }
        let fast = utf8.withContiguousStorageIfAvailable { buffer -> String? in
            guard PlanText.isSimple(buffer) else { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[PlanText.trimmedRange(buffer, 0..<buffer.count)]), as: UTF8.self)
        }
        if case .some(.some(let trimmed)) = fast { return trimmed }
        return trimmingCharacters(in: " \t\r\n\u{00A0}")
    }

    func trimmingCharacters(in set: String) -> String {
        // An ASCII byte at each end that is in no character of the set: nothing to trim.
        if let string = self as? String, let (first, last) = PlanText.endBytes(string), first < 0x80, last < 0x80,
           set.utf8.withContiguousStorageIfAvailable({ !$0.contains(first) && !$0.contains(last) }) == true { return string }
        if let trimmed = PlanText.trimmedSimple(self, set) { return trimmed }
        var start = startIndex
        var end = endIndex
        while start < end, set.contains(self[start]) { start = index(after: start) }
        while end > start, set.contains(self[index(before: end)]) { end = index(before: end) }
        return String(self[start..<end])
    }
}

extension PlanText {
    /// Byte offsets of the occurrences of `pattern` in `text`, left to right and not overlapping (as
    /// `ranges(of:)` finds them character by character); nil unless both are simple text.
    static func occurrences(of pattern: String, in text: String) -> [Int]? {
        var text = text
        var pattern = pattern
        return pattern.withUTF8 { needle -> [Int]? in
            guard let first = needle.first, let last = needle.last, first != 0x0A, last != 0x0D, isSimple(needle) else { return nil }
            return text.withUTF8 { haystack -> [Int]? in
                guard isSimple(haystack) else { return nil }
                var found: [Int] = []
                var start = 0
                while let index = firstIndex(of: needle, in: haystack, from: start) {
                    found.append(index)
                    start = index + needle.count
                }
                return found
            }
        }
    }

    /// `!plain(text).isEmpty`; text with an ASCII letter or digit and no link has plain text without building it.
    static func hasPlainText(_ text: String) -> Bool {
        let fast = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            !bytes.contains(UInt8(ascii: "[")) && bytes.contains(where: \.isASCIIAlphanumeric)
        }
        if fast == true { return true }
        return !plain(text).isEmpty
    }

    /// `text.split(separator: " ").last`, by bytes for simple text (where a space is a character of its own).
    static func lastWord(_ text: String) -> String? {
        let fast = text.utf8.withContiguousStorageIfAvailable { bytes -> String?? in
            guard isSimpleLine(bytes) else { return .none }
            var end = bytes.count
            while end > 0, bytes[end - 1] == 0x20 { end -= 1 }
            guard end > 0 else { return .some(nil) }
            var start = end
            while start > 0, bytes[start - 1] != 0x20 { start -= 1 }
            return .some(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
        }
        if case .some(.some(let word)) = fast { return word }
        return text.split(separator: " ").last.map(String.init)
    }

    /// Whether `text` contains the lowercase ASCII `pattern` with its letters in either case, by bytes.
    static func containsIgnoringASCIICase(_ text: String, _ pattern: StaticString) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { haystack in
            pattern.withUTF8Buffer { needle in
                guard needle.count > 0, haystack.count >= needle.count else { return false }
                for start in 0...(haystack.count - needle.count) {
                    var offset = 0
                    while offset < needle.count, haystack[start + offset] | 0x20 == needle[offset] { offset += 1 }
                    if offset == needle.count { return true }
                }
                return false
            }
        } ?? true
    }

    /// Whether the lowercased plain text contains any of `patterns` (ASCII, simple); nil when `text` is not simple.
    static func containsAny(_ text: String, _ patterns: [[UInt8]]) -> Bool? {
        var text = text
        return text.withUTF8 { haystack -> Bool? in
            guard isSimple(haystack) else { return nil }
            for pattern in patterns {
                let found = pattern.withUnsafeBufferPointer { firstIndex(of: $0, in: haystack, from: 0) != nil }
                if found { return true }
            }
            return false
        }
    }
}

/// Eight bytes read as one word, for the tests that pass over text eight bytes at a time.
enum ByteWord {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let highs: UInt64 = 0x8080_8080_8080_8080

    /// Whether some byte of `word` is below `bound` (at most 0x80). Exact as an answer for the whole word,
    /// though a borrow may mark a byte above the first one found.
    @inline(__always) static func containsByte(below bound: UInt64, _ word: UInt64) -> Bool {
        (word &- ones &* bound) & ~word & highs != 0
    }

    /// Whether some byte of `word` is `byte`.
    @inline(__always) static func contains(_ byte: UInt8, _ word: UInt64) -> Bool {
        containsByte(below: 1, word ^ (ones &* UInt64(byte)))
    }
}

extension Sequence<String> {
    /// The strings with `separator` between them: `joined(separator:)` without its look-ups at run time. The
    /// standard library's generic `joined` finds its collection's associated types by name as it runs, and the
    /// first such look-up in a process scans every conformance record of the static binary: 0.28 ms, most of
    /// it page faults (later ones 17 µs). Inlinable, so that it is specialized where it is called.
    @inlinable
    public func concatenated(separator: String) -> String {
        var result = ""
        var first = true
        for part in self {
            if !first { result.append(separator) }
            result.append(part)
            first = false
        }
        return result
    }
}
