/// What batch ids look like, for telling a mistyped id from a name of something outside the plan.
enum IDShape {
    /// Every dash a document may use between the parts of an id.
    static let dashes: Set<Character> = ["-", "–", "—", "‑", "‐", "−"]

    /// An id compared loosely: case folded, dashes unified, leading zeros of numbers dropped,
    /// so `B1`, `b01` and `B001` agree.
    static func similarityKey(_ id: String) -> String {
        // Fast path for ASCII ids, the usual case in large plans; same result as below.
        if id.utf8.allSatisfy({ $0 < 0x80 }) {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(id.utf8.count)
            var digits = 0, zeros = 0
            for byte in id.utf8 {
                if byte >= 0x30 && byte <= 0x39 {
                    digits += 1
                    // Zeros that lead the number are dropped.
                    if byte == 0x30 && zeros == digits - 1 {
                        zeros += 1
                        continue
                    }
                    bytes.append(byte)
                    continue
                }
                // A number of zeros only (`B00`) keeps one.
                if digits > 0 && digits == zeros { bytes.append(0x30) }
                digits = 0
                zeros = 0
                bytes.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
            }
            if digits > 0 && digits == zeros { bytes.append(0x30) }
            return String(decoding: bytes, as: UTF8.self)
        }
        var result = ""
        var digits = ""
        func flush() {
            let trimmed = digits.drop(while: { $0 == "0" })
            result += trimmed.isEmpty && !digits.isEmpty ? "0" : String(trimmed)
            digits = ""
        }
        for character in id.lowered() {
            if character.isASCII, character.isNumber {
                digits.append(character)
                continue
            }
            flush()
            result.append(dashes.contains(character) ? "-" : character)
        }
        flush()
        return result
    }

    /// The letters before the first digit (`B` of `B04-a`, `` of `12–17`), when the id has the
    /// shape letters, optional dash, digits, optional suffix; nil for anything else.
    static func letterPrefix(_ id: String) -> String? {
        let characters = Array(id)
        var i = 0
        while i < characters.count, characters[i].isASCII, characters[i].isLetter { i += 1 }
        let letters = String(id.prefix(i))
        guard letters.count <= 4 else { return nil }
        if i < characters.count, !letters.isEmpty, dashes.contains(characters[i]) || characters[i] == "_" { i += 1 }
        guard i < characters.count, characters[i].isASCII, characters[i].isNumber else { return nil }
        for character in characters[i...] {
            guard (character.isASCII && (character.isLetter || character.isNumber)) || dashes.contains(character) || character == "_" else { return nil }
        }
        return letters
    }

    /// Whether an unresolved dependency name reads as a batch id of this plan (`B99`, `O12`, `T-9`,
    /// `batch 30`) rather than as prose naming something outside it (`upstream seL4`).
    /// A leading word such as `batch` makes any id-shaped name count.
    ///
    /// An id-shaped name counts when its letters are a prefix the plan's own ids use, or when it
    /// is written in capitals (`X12` in a plan of `B` ids is still an id, `seL4` is not).
    private static let leadingWords: Set<String> = ["batch", "batches", "workstream", "phase", "step", "task", "stage", "milestone", "epic", "slice"]

    static func looksLikeBatchID(_ text: String, planPrefixes: Set<String>) -> Bool {
        var name = trimmed(Substring(text), removing: " \t`\"'*.,;:()")
        let words = name.split(separator: " ")
        var saysBatch = false
        if words.count == 2, leadingWords.contains(words[0].lowered()) {
            name = words[1]
            saysBatch = true
        }
        guard !name.isEmpty, !name.contains(" "), let letters = letterPrefix(String(name)) else { return false }
        if saysBatch || planPrefixes.contains(letters.uppercased()) { return true }
        return !letters.isEmpty && letters.allSatisfy(\.isUppercase) && letters.count <= 3
    }

    /// The letter prefixes of the ids a plan uses, upper-cased (`""` for numeric ids).
    static func prefixes(of plan: Plan) -> Set<String> {
        Set(plan.batches.compactMap { letterPrefix($0.id)?.uppercased() })
    }

    /// `text` without leading and trailing characters from `set`.
    static func trimmed(_ text: Substring, removing set: String) -> Substring {
        let unwanted = Set(set)
        var result = text.drop(while: { unwanted.contains($0) })
        while let last = result.last, unwanted.contains(last) { result = result.dropLast() }
        return result
    }
}
