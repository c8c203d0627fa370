/// Vocabulary words looked up by their UTF-8 bytes: the look-ups that extraction makes for nearly every
/// label, first word and status phrase of a plan. A `[String: Value]` look-up makes a string of the word and
/// hashes it with SipHash (5% of `show`'s time went to hashing); the table hashes the bytes where they lie
/// (FNV-1a) and compares them in place.
///
/// Built once from a dictionary whose keys are lowered words, and answering as `dictionary[query.lowered()]`
/// does: an ASCII query has its A–Z lowered and goes to the table, which holds every key that equals an
/// ASCII string (a key with capitals, as in the dictionary, is never matched by a lowered query); any
/// other query goes to the dictionary itself, which compares it as `String` does (canonical equivalence).
struct WordLookup<Value: Sendable>: Sendable {
    private struct Slot: Sendable {
        var keyStart: Int32
        var keyLength: Int32
        var value: Value
    }

    private let dictionary: [String: Value]
    private let keyBytes: [UInt8]
    private let slots: [Slot?]
    private let mask: Int

    /// The words of `dictionary` (kept as it is, its storage shared), with a table large enough for its ASCII
    /// keys: built at every start for `Vocabulary.standard`.
    init(_ dictionary: [String: Value]) {
        self.dictionary = dictionary
        var size = 8
        while size < dictionary.count * 2 { size <<= 1 }
        var slots = [Slot?](repeating: nil, count: size)
        var keyBytes: [UInt8] = []
        for (key, value) in dictionary {
            // Keys are distinct as strings, so no two have one ASCII spelling.
            guard let spelling = Self.asciiSpelling(of: key) else { continue }
            var slot = spelling.withUnsafeBufferPointer { Int(truncatingIfNeeded: Self.hash($0, lowering: false)) } & (size - 1)
            while slots[slot] != nil { slot = (slot + 1) & (size - 1) }
            slots[slot] = Slot(keyStart: Int32(keyBytes.count), keyLength: Int32(spelling.count), value: value)
            keyBytes += spelling
        }
        self.slots = slots
        self.keyBytes = keyBytes
        mask = size - 1
    }

    /// The value of the key that ASCII `word` is with A–Z lowered, or nil.
    func value(lowercasingASCII word: UnsafeBufferPointer<UInt8>) -> Value? {
        var slot = Int(truncatingIfNeeded: Self.hash(word, lowering: true)) & mask
        while let stored = slots[slot] {
            if Int(stored.keyLength) == word.count, matches(stored, word) { return stored.value }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// The value of the key `word` is, for a word already lowered (`lowered()`).
    subscript(lowered word: String) -> Value? {
        var found: Value?
        let isASCII = word.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return false }
            found = value(lowercasingASCII: bytes)
            return true
        } ?? false
        return isASCII ? found : dictionary[word]
    }

    private func matches(_ slot: Slot, _ word: UnsafeBufferPointer<UInt8>) -> Bool {
        keyBytes.withUnsafeBufferPointer { keys in
            let start = Int(slot.keyStart)
            for offset in 0..<word.count where keys[start + offset] != PlanText.asciiLowercased(word[offset]) { return false }
            return true
        }
    }

    /// The ASCII string equal to `key` (as `String` compares), if there is one: the key itself when it is
    /// ASCII, or the key with the three characters whose canonical decomposition is ASCII replaced by it
    /// (U+037E `;`, U+1FEF `` ` ``, U+212A `K`).
    private static func asciiSpelling(of key: String) -> [UInt8]? {
        let ascii = key.utf8.withContiguousStorageIfAvailable { bytes in bytes.allSatisfy { $0 < 0x80 } ? Array(bytes) : nil }
        if let ascii = ascii ?? nil { return ascii }
        let folded = key.unicodeScalars.map { scalar -> Unicode.Scalar in
            switch scalar.value {
            case 0x037E: ";"
            case 0x1FEF: "`"
            case 0x212A: "K"
            default: scalar
            }
        }
        guard folded.allSatisfy(\.isASCII) else { return nil }
        let spelling = folded.map { UInt8(truncatingIfNeeded: $0.value) }
        return String(decoding: spelling, as: UTF8.self) == key ? spelling : nil
    }

    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>, lowering: Bool) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(lowering ? PlanText.asciiLowercased(byte) : byte)) &* 0x100_0000_01B3 }
        return hash ^ (hash >> 32)
    }
}
