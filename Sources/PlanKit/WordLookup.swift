/// Vocabulary words looked up by their UTF-8 bytes, ASCII letters compared as lowercase: the look-ups that
/// extraction makes for nearly every label, first word and status phrase of a plan. A `[String: Value]`
/// look-up makes a string of the word and hashes it with SipHash (5% of `show`'s time went to hashing);
/// this hashes the bytes where they lie (FNV-1a) and compares them in place.
///
/// Keys are stored as given; for an ASCII query a table of lowercased words answers as
/// `dictionary[query.lowered()]` does. Text with other characters is looked up in a dictionary of all the
/// words, which compares it as `String` does (canonical equivalence); the table holds the ASCII keys.
struct WordLookup<Value: Sendable>: Sendable {
    private struct Slot: Sendable {
        var keyStart: Int32 = -1
        var keyLength: Int32 = 0
        var value: Value?
    }

    private var keyBytes: [UInt8] = []
    private var dictionary: [String: Value] = [:]
    private var slots: [Slot]
    private var mask: Int
    private var count = 0

    /// The words of `dictionary` (kept as it is, its storage shared), with a table large enough for its ASCII
    /// keys: built at every start for `Vocabulary.standard`.
    init(_ dictionary: [String: Value]) {
        self.dictionary = dictionary
        var size = 8
        while size < dictionary.count * 2 + 2 { size <<= 1 }
        slots = Array(repeating: Slot(), count: size)
        mask = size - 1
        for (key, value) in dictionary { setInTable(key, value) }
    }

    /// The value of the key that ASCII `word` with A–Z lowercased is, or nil.
    func value(_ word: UnsafeBufferPointer<UInt8>) -> Value? {
        var slot = Int(truncatingIfNeeded: Self.hash(word, lowering: true)) & mask
        while slots[slot].keyStart >= 0 {
            if Int(slots[slot].keyLength) == word.count, matches(slots[slot], word) { return slots[slot].value }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// The value of the key `word` is, for a lowered `word`.
    subscript(word: String) -> Value? {
        get {
            var found: Value?
            let isASCII = word.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
                guard bytes.allSatisfy({ $0 < 0x80 }) else { return false }
                found = value(bytes)
                return true
            } ?? false
            return isASCII ? found : dictionary[word]
        }
        set {
            // The dictionary decides which key a word is (canonically equivalent words are one key, kept as
            // first written); the table holds the ASCII keys, as the dictionary holds them.
            let stored = dictionary.index(forKey: word).map { dictionary[$0].key } ?? word
            dictionary[word] = newValue
            setInTable(stored, newValue)
        }
    }

    /// Sets an ASCII key in the table (other keys are the dictionary's alone).
    private mutating func setInTable(_ key: String, _ newValue: Value?) {
        var key = key
        key.withUTF8 { key in
            guard key.allSatisfy({ $0 < 0x80 }) else { return }
            setInTable(key, newValue)
        }
    }

    private mutating func setInTable(_ key: UnsafeBufferPointer<UInt8>, _ newValue: Value?) {
        var slot = Int(truncatingIfNeeded: Self.hash(key, lowering: false)) & mask
        while slots[slot].keyStart >= 0 {
            let stored = slots[slot]
            if Int(stored.keyLength) == key.count,
               keyBytes[Int(stored.keyStart)..<Int(stored.keyStart) + key.count].elementsEqual(key) {
                slots[slot].value = newValue
                return
            }
            slot = (slot + 1) & mask
        }
        guard let newValue else { return }
        slots[slot] = Slot(keyStart: Int32(keyBytes.count), keyLength: Int32(key.count), value: newValue)
        keyBytes.append(contentsOf: key)
        count += 1
        if count * 2 > slots.count { grow() }
    }

    private func matches(_ slot: Slot, _ word: UnsafeBufferPointer<UInt8>) -> Bool {
        keyBytes.withUnsafeBufferPointer { keys in
            let start = Int(slot.keyStart)
            for offset in 0..<word.count where keys[start + offset] != PlanText.asciiLowercased(word[offset]) { return false }
            return true
        }
    }

    private mutating func grow() {
        let entries = slots.compactMap { slot -> ([UInt8], Value)? in
            guard slot.keyStart >= 0, let value = slot.value else { return nil }
            return (Array(keyBytes[Int(slot.keyStart)..<Int(slot.keyStart + slot.keyLength)]), value)
        }
        slots = Array(repeating: Slot(), count: slots.count * 2)
        mask = slots.count - 1
        keyBytes = []
        count = 0
        for (key, value) in entries { key.withUnsafeBufferPointer { setInTable($0, value) } }
    }

    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>, lowering: Bool) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(lowering ? PlanText.asciiLowercased(byte) : byte)) &* 0x100_0000_01B3 }
        return hash ^ (hash >> 32)
    }
}
