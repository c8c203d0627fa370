/// Reads batch identifiers out of text: `B04-a`, `O7`, `1–4`, `Workstream A`, `phase-0`, `F0a`.
enum BatchIdentifier {
    struct Match {
        /// The identifier as written (`1–4`, `B04-a`, `A`).
        var id: String
        /// The keyword before it, lowercased (`batch`, `workstream`), if any.
        var keyword: String?
        /// Everything after the identifier and its separator.
        var rest: String
        /// Whether a separator (`:`, `—`, `-`, `.`) followed the identifier.
        var hadSeparator: Bool
    }

    /// `Batch B1: Title`, `Workstream A — Title`, `Phase 2: Title`, `M0 — Title`: a heading that introduces a batch.
    /// Returns nil for group headings (`Batch Wave W1: …`, `Queue Q2: …`) and for ordinary titles.
    static func heading(_ text: String, vocabulary: Vocabulary) -> Match? {
        guard let match = leading(text, vocabulary: vocabulary, allowBareRange: false) else { return nil }
        guard match.hadSeparator || match.rest.isEmpty else { return nil }
        if match.keyword == nil, !isLettersAndDigits(match.id) { return nil }
        return match
    }

    /// An identifier at the start of a list item or cell: `**O1**`, `B01 CAD manifest…`, `1–4` (alone).
    static func leading(_ text: String, vocabulary: Vocabulary, allowBareRange: Bool = true) -> Match? {
        if cannotLead(text, vocabulary: vocabulary) { return nil }
        if let match = bareIdentifier(text, vocabulary: vocabulary) { return match }
        // Simple text (one scalar per character) is read scalar by scalar, and ASCII byte by byte, which give the
        // same result faster.
        var copy = text
        let bytes = copy.withUTF8 { buffer -> [IdentifierByte]? in
            guard PlanText.isSimpleLine(buffer), !buffer.contains(where: { $0 >= 0x80 }) else { return nil }
            return buffer.map(IdentifierByte.init)
        }
        if let bytes { return leading(bytes, vocabulary: vocabulary, allowBareRange: allowBareRange) }
        let scalars = copy.withUTF8 { buffer -> [IdentifierScalar]? in
            guard PlanText.isSimpleLine(buffer) else { return nil }
            var scalars: [IdentifierScalar] = []
            scalars.reserveCapacity(buffer.count)
            var index = 0
            while index < buffer.count {
                let (scalar, length) = PlanText.decode(buffer, at: index)
                scalars.append(IdentifierScalar(scalar))
                index += length
            }
            return scalars
        }
        if let scalars { return leading(scalars, vocabulary: vocabulary, allowBareRange: allowBareRange) }
        return leadingByCharacters(text, vocabulary: vocabulary, allowBareRange: allowBareRange)
    }

    /// `leading` read character by character, as any text can be; the faster readings must agree with it.
    static func leadingByCharacters(_ text: String, vocabulary: Vocabulary, allowBareRange: Bool = true) -> Match? {
        leading(Array(text), vocabulary: vocabulary, allowBareRange: allowBareRange)
    }

    /// A quick answer for text that opens with a plain ASCII word: true when `leading` finds no identifier
    /// (a word that is no keyword, with no digits after it); false when the full reading is needed.
    private static func cannotLead(_ text: String, vocabulary: Vocabulary) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { cannotLead($0, vocabulary: vocabulary) } ?? false
    }

    /// `cannotLead` over the UTF-8 bytes of the text.
    static func cannotLead(_ bytes: UnsafeBufferPointer<UInt8>, vocabulary: Vocabulary) -> Bool {
        let count = bytes.count
        func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
        guard count > 0, isLetter(bytes[0]) else { return false }
        var length = 1
        while length < count, isLetter(bytes[length]) { length += 1 }
        if length < count, bytes[length] >= 0x80 { return false }
        let letters = UnsafeBufferPointer(rebasing: bytes[0..<length])
        if vocabulary.keywordShapes.mayBeKeyword(letters), let kind = vocabulary.keywordKinds.value(lowercasingASCII: letters) {
            return kind == .group
        }
        // More than eight letters: no identifier has such a letter part.
        if length > 8 { return true }
        if length < count {
            let next = bytes[length]
            if next >= 0x30, next <= 0x39 { return false }
            if next == UInt8(ascii: "-") || next == UInt8(ascii: "_"), length + 1 < count, bytes[length + 1] >= 0x30, bytes[length + 1] <= 0x39 { return false }
        }
        return true
    }

    /// `leading` for text that is exactly letters then digits (`B12`, `US3`) and whose letters are no keyword:
    /// the whole text is the id, nothing follows. Nil when the full reading is needed.
    private static func bareIdentifier(_ text: String, vocabulary: Vocabulary) -> Match? {
        let utf8 = text.utf8
        let found = utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            let count = bytes.count
            var letters = 0
            var uppercase = true
            while letters < count, (bytes[letters] | 0x20) >= 0x61, (bytes[letters] | 0x20) <= 0x7A {
                if bytes[letters] >= 0x61 { uppercase = false }
                letters += 1
            }
            guard letters > 0, letters <= 8, letters < count, letters <= 4 || uppercase else { return false }
            var index = letters
            while index < count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
            guard index == count else { return false }
            let letterBytes = UnsafeBufferPointer(rebasing: bytes[0..<letters])
            return !vocabulary.keywordShapes.mayBeKeyword(letterBytes) || vocabulary.keywordKinds.value(lowercasingASCII: letterBytes) == nil
        }
        guard found == true else { return nil }
        return Match(id: text, keyword: nil, rest: "", hadSeparator: false)
    }

    private static func leading<C: IdentifierCharacter>(_ all: [C], vocabulary: Vocabulary, allowBareRange: Bool) -> Match? {
        var index = 0
        // Leading emoji, symbols and spaces (`🏗️ **TRACK 1: …**`).
        while index < all.count, !(all[index].isLetter || all[index].isNumber) { index += 1 }
        let characters = index == 0 ? all : all[index...].rebased()
        index = 0
        var keyword: String?
        let firstWord = wordPrefix(characters[...])
        let firstCount = firstWord.count
        let lowered = C.string(firstWord).lowered()
        let kind = vocabulary.keywordKinds[lowered: lowered]
        if kind == .group { return nil }
        if kind == .batch, firstCount < characters.count {
            let next = characters[firstCount]
            if next.equals(" ") || next.equals("-") || next.equals("_") || next.equals("\u{00A0}") {
                var after = firstCount
                while after < characters.count, characters[after].equals(" ") || characters[after].equals("-") || characters[after].equals("_") { after += 1 }
                let secondWord = C.string(wordPrefix(characters[after...])).lowered()
                if vocabulary.keywordKinds[lowered: secondWord] == .group { return nil }
                keyword = lowered
                index = after
            }
        }
        guard let (id, end) = identifier(characters, from: index, withKeyword: keyword != nil) else { return nil }
        if keyword == nil, !allowBareRange, !isLettersAndDigits(id) { return nil }
        var position = end
        while position < characters.count, characters[position].equals(" ") { position += 1 }
        var hadSeparator = false
        if position < characters.count, characters[position].isOne(of: ":—–-.)|") {
            hadSeparator = true
            position += 1
        }
        while position < characters.count, characters[position].equals(" ") || characters[position].equals("\u{00A0}") { position += 1 }
        // `B1b` is an id only if what follows is not more of a word.
        if end < characters.count, characters[end].isLetter || characters[end].isNumber { return nil }
        let rest = C.string(characters[position...]).trimmingWhitespace()
        return Match(id: id, keyword: keyword, rest: rest, hadSeparator: hadSeparator)
    }

    /// Whether `text` is exactly one identifier (a table id cell).
    static func whole(_ text: String, vocabulary: Vocabulary) -> String? {
        let trimmed = text.trimmingWhitespace()
        guard !trimmed.isEmpty, trimmed.count <= 24 else { return nil }
        if let match = leading(trimmed, vocabulary: vocabulary), match.rest.isEmpty { return match.id }
        // In an id column a lone capital is an id (`| **B** | Collector |`).
        if trimmed.count == 1, let letter = trimmed.first, letter.isUppercase, letter.isASCII { return trimmed }
        // `G-backend`, `D-seed`: a short letter id joined to a word.
        let characters = Array(trimmed)
        if characters.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }), characters.contains("-"),
           characters.first?.isUppercase == true {
            return trimmed
        }
        return nil
    }

    private static func wordPrefix<C: IdentifierCharacter>(_ characters: ArraySlice<C>) -> ArraySlice<C> {
        characters.prefix(while: { $0.isLetter })
    }

    static func isLettersAndDigits(_ id: String) -> Bool {
        id.contains(where: \.isLetter) && id.contains(where: \.isNumber)
    }

    /// The identifier starting at `start`: letters then digits (`B04`, `TASK-006`, `F0a`, `B04-a`),
    /// a number or number range (`12–17`, `5 bis 11`), or with a keyword a single capital (`A`).
    private static func identifier<C: IdentifierCharacter>(_ characters: [C], from start: Int, withKeyword: Bool) -> (String, Int)? {
        var index = start
        let count = characters.count
        func isDigit(_ i: Int) -> Bool { i < count && characters[i].isASCII && characters[i].isNumber }
        func isLetter(_ i: Int) -> Bool { i < count && characters[i].isASCII && characters[i].isLetter }
        var letters = 0
        while isLetter(index), letters < 8 {
            index += 1
            letters += 1
        }
        if letters > 0, index < count, characters[index].equals("-") || characters[index].equals("_"), isDigit(index + 1) { index += 1 }
        var digits = 0
        while isDigit(index) {
            index += 1
            digits += 1
        }
        if letters == 0 && digits == 0 { return nil }
        if digits == 0 {
            // A single capital letter, only after a keyword (`Workstream A`).
            guard withKeyword, letters == 1, characters[start].isUppercase else { return nil }
            return (C.string(characters[start..<index]), index)
        }
        if letters > 4, !characters[start..<start + letters].allSatisfy(\.isUppercase) { return nil }
        if letters > 0 {
            // Suffixes: `F0a`, `7a`, `B04-a`, `B04-b`.
            if isLetter(index), characters[index].isLowercase, !isLetter(index + 1) { index += 1 }
            if index + 1 < count, characters[index].equals("-"), isLetter(index + 1), characters[index + 1].isLowercase,
               !isLetter(index + 2) {
                index += 2
            }
            return (C.string(characters[start..<index]), index)
        }
        // Numbers: `18`, `7a`, `1–4`, `1-4`, `5 bis 11`.
        if isLetter(index), characters[index].isLowercase, !isLetter(index + 1) { index += 1 }
        var end = index
        var probe = index
        while probe < count, characters[probe].equals(" ") { probe += 1 }
        if probe < count, characters[probe].isOne(of: "–—-") {
            var after = probe + 1
            while after < count, characters[after].equals(" ") { after += 1 }
            if isDigit(after) {
                while isDigit(after) { after += 1 }
                end = after
            }
        } else if probe + 3 < count, C.string(characters[probe..<probe + 3]) == "bis", characters[probe + 3].equals(" ") {
            var after = probe + 4
            while after < count, characters[after].equals(" ") { after += 1 }
            if isDigit(after) {
                while isDigit(after) { after += 1 }
                end = after
            }
        }
        if !withKeyword, digits > 6 { return nil }
        return (C.string(characters[start..<end]), end)
    }

    /// The form used to compare mentions with ids: lowercase, every dash and `bis`/`to` as `-`, no keyword.
    static func canonical(_ id: String) -> String {
        asciiCanonical(id) ?? canonicalByCharacters(id)
    }

    /// `canonical` read character by character, as any id can be; the byte reading must agree with it.
    static func canonicalByCharacters(_ id: String) -> String {
        var text = id.lowered()
        if text.contains(" ") {
            text = text.replacingAll(" bis ", with: "-").replacingAll(" to ", with: "-")
        }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "–", "—", "−", "‐", "‑": result.append("-")
            case " ", "*", "`": continue
            default: result.append(character)
            }
        }
        // `phase-0` and `0`, `Batch 11` and `11`: a leading keyword does not change the id.
        for keyword in ["phase", "batch", "workstream", "milestone", "stage", "step", "track", "task"] where result.hasPrefix(keyword) {
            let rest = result.dropFirst(keyword.count).drop(while: { $0 == "-" || $0 == "_" })
            if let first = rest.first, first.isNumber, rest.count < result.count - keyword.count { return String(rest) }
        }
        return result
    }
}

extension BatchIdentifier {
    private static let canonicalKeywords: [[UInt8]] = ["phase", "batch", "workstream", "milestone", "stage", "step", "track", "task"].map { Array($0.utf8) }

    /// `canonical` for an ASCII id, by bytes; nil for other ids.
    private static func asciiCanonical(_ id: String) -> String? {
        // Letters and digits only (`B12`, `phase2`; nearly every id): nothing to drop, and a keyword is dropped only
        // before `-` or `_`, so the canonical form is the id lowercased, or the id itself.
        let alphanumeric = id.utf8.withContiguousStorageIfAvailable { bytes -> String? in
            guard bytes.allSatisfy(\.isASCIIAlphanumeric) else { return nil }
            guard bytes.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return id }
            return String(unsafeUninitializedCapacity: bytes.count) { buffer in
                for index in bytes.indices { buffer[index] = PlanText.asciiLowercased(bytes[index]) }
                return bytes.count
            }
        }
        // Other ids, and ids not stored contiguously, take the reading below (which agrees for these).
        if let canonical = alphanumeric ?? nil { return canonical }
        guard id.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        var bytes = id.utf8.map(PlanText.asciiLowercased)
        if bytes.contains(0x20) {
            bytes = replacing(Array(" bis ".utf8), in: bytes)
            bytes = replacing(Array(" to ".utf8), in: bytes)
        }
        bytes.removeAll { $0 == 0x20 || $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "`") }
        for keyword in canonicalKeywords where bytes.starts(with: keyword) {
            var index = keyword.count
            while index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "_") { index += 1 }
            if index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39, index > keyword.count {
                return String(decoding: bytes[index...], as: UTF8.self)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Every occurrence of `target` in `bytes` (left to right, not overlapping) as `-`.
    private static func replacing(_ target: [UInt8], in bytes: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if index + target.count <= bytes.count, bytes[index..<index + target.count].elementsEqual(target) {
                result.append(UInt8(ascii: "-"))
                index += target.count
            } else {
                result.append(bytes[index])
                index += 1
            }
        }
        return result
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty, var found = PlanText.firstRange(of: target, in: self, fromOffset: 0) else { return self }
        var result = ""
        var copied = startIndex
        while true {
            result.append(contentsOf: self[copied..<found.lowerBound])
            result.append(replacement)
            copied = found.upperBound
            guard let next = PlanText.firstRange(of: target, in: self, fromOffset: utf8.distance(from: startIndex, to: copied)) else { break }
            found = next
        }
        result.append(contentsOf: self[copied...])
        return result
    }
}

/// What `BatchIdentifier` asks of a character: `Character`, or a scalar of text whose characters are single scalars.
protocol IdentifierCharacter {
    var isLetter: Bool { get }
    var isNumber: Bool { get }
    var isASCII: Bool { get }
    var isUppercase: Bool { get }
    var isLowercase: Bool { get }
    func equals(_ scalar: Unicode.Scalar) -> Bool
    static func string(_ characters: ArraySlice<Self>) -> String
}

extension IdentifierCharacter {
    /// Whether this is one of the characters of `set`.
    func isOne(of set: String) -> Bool {
        set.unicodeScalars.contains { equals($0) }
    }
}

extension Character: IdentifierCharacter {
    func equals(_ scalar: Unicode.Scalar) -> Bool { self == Character(scalar) }
    static func string(_ characters: ArraySlice<Character>) -> String {
        // Appended one by one: `String(characters)` is the standard library's generic initializer (see `concatenated`).
        var text = ""
        for character in characters { text.append(character) }
        return text
    }
}

struct IdentifierScalar: IdentifierCharacter {
    let scalar: Unicode.Scalar

    init(_ scalar: Unicode.Scalar) { self.scalar = scalar }

    var isLetter: Bool {
        scalar.isASCII ? UInt8(scalar.value).isASCIIAlphanumeric && scalar.value > 0x39 : scalar.properties.isAlphabetic
    }
    var isNumber: Bool {
        scalar.isASCII ? scalar.value >= 0x30 && scalar.value <= 0x39 : scalar.properties.numericType != nil
    }
    var isASCII: Bool { scalar.isASCII }
    var isUppercase: Bool {
        scalar.isASCII ? scalar.value >= 0x41 && scalar.value <= 0x5A : Character(scalar).isUppercase
    }
    var isLowercase: Bool {
        scalar.isASCII ? scalar.value >= 0x61 && scalar.value <= 0x7A : Character(scalar).isLowercase
    }
    func equals(_ other: Unicode.Scalar) -> Bool { scalar == other }
    static func string(_ characters: ArraySlice<IdentifierScalar>) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(characters.count)
        for character in characters {
            let value = character.scalar.value
            if value < 0x80 {
                bytes.append(UInt8(value))
            } else {
                UTF8.encode(character.scalar) { bytes.append($0) }
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// One byte of ASCII text: `IdentifierScalar` for text that has no other kind.
struct IdentifierByte: IdentifierCharacter {
    let byte: UInt8

    init(_ byte: UInt8) { self.byte = byte }

    var isLetter: Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
    var isNumber: Bool { byte >= 0x30 && byte <= 0x39 }
    var isASCII: Bool { true }
    var isUppercase: Bool { byte >= 0x41 && byte <= 0x5A }
    var isLowercase: Bool { byte >= 0x61 && byte <= 0x7A }
    func equals(_ scalar: Unicode.Scalar) -> Bool { scalar.value == UInt32(byte) }
    static func string(_ characters: ArraySlice<IdentifierByte>) -> String {
        characters.withUnsafeBufferPointer { characters in
            characters.withMemoryRebound(to: UInt8.self) { String(decoding: $0, as: UTF8.self) }
        }
    }
}

extension ArraySlice {
    /// The slice as an array indexed from zero.
    func rebased() -> [Element] { Array(self) }
}
