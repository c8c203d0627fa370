/// An owned-path glob such as `backend/tests/**` or `backend/tests/domains/test_workflow_*.py`,
/// split into `/`-separated segments.
///
/// Syntax: `**` as a whole segment matches zero or more segments; inside a segment `*` matches
/// any run of characters, `?` one character, `[abc]`, `[a-z]` and `[!a-z]`/`[^a-z]` one character
/// of (or not of) a class, `{a,b}` either alternative, `\x` a literal `x`. None of them matches `/`.
/// A pattern that names a directory (a trailing `/`, or a last segment with neither wildcard nor
/// extension, like `docs` or `backend/app`) owns everything beneath it: it carries an implicit
/// trailing `/**`. Leading dots are not special: `*` matches `.hidden`.
public struct PathPattern: Sendable, Hashable, Codable {
    /// The pattern as normalized (`docs/workflows/**`), without trailing prose.
    public var text: String
    /// Brace-free alternatives, each a list of segments; usually exactly one.
    var alternatives: [[Segment]]
    /// The leading segments without wildcards (`backend/tests` of `backend/tests/**`),
    /// shared by every alternative.
    var literalPrefix: [String] = []

    /// One path segment of a pattern.
    enum Segment: Sendable, Hashable {
        /// `**`: zero or more whole segments.
        case globstar
        /// A segment without `*`, `?`, `[` or `\\`: exactly this text. Kept as text, not as atoms, because
        /// nearly every segment is one and most are never compared with anything.
        case plain(String)
        /// A segment matched character by character.
        case atoms([Atom])

        /// The matching steps of the segment (a plain one's are made when first needed).
        var matchingAtoms: [Atom]? {
            switch self {
            case .globstar: nil
            case .plain(let text): PathPattern.atoms(of: Substring(text))
            case .atoms(let atoms): atoms
            }
        }

        /// The segment's text when it has no wildcard.
        var literal: String? {
            if case .plain(let text) = self { return text }
            guard case .atoms(let atoms) = self else { return nil }
            var text = ""
            for atom in atoms {
                guard case .char(let set) = atom, let scalar = set.single else { return nil }
                text.unicodeScalars.append(scalar)
            }
            return text
        }
    }

    /// One matching step inside a segment.
    enum Atom: Sendable, Hashable {
        /// `*`: any run of characters, possibly empty.
        case star
        /// Exactly one character from the set (a literal, `?`, or a class).
        case char(ScalarSet)
    }

    /// A set of Unicode scalars: ranges, or everything but those ranges when `negated`.
    struct ScalarSet: Sendable, Hashable {
        var ranges: [ClosedRange<Unicode.Scalar>]
        var negated: Bool

        static let any = ScalarSet(ranges: [], negated: true)
        static func literal(_ scalar: Unicode.Scalar) -> ScalarSet {
            // ASCII sets are made once and shared (a pattern has one per character).
            if scalar.isASCII { return asciiLiterals[Int(scalar.value)] }
            return ScalarSet(ranges: [scalar...scalar], negated: false)
        }

        private static let asciiLiterals: [ScalarSet] = (0..<128).map { value in
            let scalar = Unicode.Scalar(UInt8(value))
            return ScalarSet(ranges: [scalar...scalar], negated: false)
        }

        /// The one character of a literal.
        var single: Unicode.Scalar? {
            !negated && ranges.count == 1 && ranges[0].lowerBound == ranges[0].upperBound ? ranges[0].lowerBound : nil
        }

        func contains(_ scalar: Unicode.Scalar) -> Bool {
            // No segment character is ever `/`.
            if scalar == "/" { return false }
            return ranges.contains { $0.contains(scalar) } != negated
        }
    }

    /// Parses a normalized glob; nil when nothing path-like remains.
    public init?(_ glob: String) {
        var text = glob
        while text.hasPrefix("./") { text.removeFirst(2) }
        while text.hasPrefix("/") { text.removeFirst() }
        let namesDirectory = text.hasSuffix("/")
        // Simple text (one scalar per character) is split by bytes: a `/` there is a character of its own.
        let simple = text.utf8.withContiguousStorageIfAvailable { PlanText.isSimple($0) } ?? false
        // Empty segments (`a//b`, a trailing `/`) carry no meaning.
        text = PathPattern.segments(of: text, simple: simple).lazy.map(String.init).concatenated(separator: "/")
        guard !text.isEmpty else { return nil }
        self.text = text
        let hasBrace = simple ? text.utf8.contains(UInt8(ascii: "{")) : text.contains("{")
        let expanded = hasBrace ? PathPattern.expandBraces(text, budget: 64) : [text]
        // Each segment's literal text, when it has one: a segment without `*`, `?`, `[` or `\` is its own
        // literal, so it need not be rebuilt from its atoms.
        var literals: [[String?]] = []
        alternatives = expanded.map { alternative in
            var segments: [Segment] = []
            var texts: [String?] = []
            for raw in PathPattern.segments(of: alternative, simple: simple) {
                if raw == "**" {
                    segments.append(.globstar)
                    texts.append(nil)
                    continue
                }
                let plain = !raw.utf8.contains { $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "\\") }
                let segment = plain ? Segment.plain(String(raw)) : Segment.atoms(PathPattern.atoms(of: Substring(raw)))
                segments.append(segment)
                texts.append(segment.literal)
            }
            // Owning a directory owns everything beneath it.
            if segments.last != .globstar, namesDirectory || PathPattern.looksLikeDirectory(literal: texts.last ?? nil) {
                segments.append(.globstar)
                texts.append(nil)
            }
            literals.append(texts)
            return segments
        }
        literalPrefix = PathPattern.literalPrefix(of: literals)
    }

    /// `text.split(separator: "/", omittingEmptySubsequences: true)`, by bytes for simple text.
    static func segments(of text: String, simple: Bool) -> [Substring] {
        guard simple else { return text.split(separator: "/", omittingEmptySubsequences: true) }
        let utf8 = text.utf8
        var result: [Substring] = []
        var start = utf8.startIndex
        var index = start
        while index != utf8.endIndex {
            if utf8[index] == UInt8(ascii: "/") {
                if start != index { result.append(text[start..<index]) }
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        if start != utf8.endIndex { result.append(text[start..<utf8.endIndex]) }
        return result
    }

    /// The glob at the start of an owned-path mention, without the prose after it:
    /// `docs/workflows/** where needed` → `docs/workflows/**`; `` `a b/c.py` `` keeps its space.
    public init?(mention text: String) {
        let shortcut = text.utf8.withContiguousStorageIfAvailable { PathPattern.parsedASCII(mention: $0) }
        switch shortcut {
        case .read(let pattern)?: self = pattern
        case .nothingPathLike?: return nil
        case .declined?, nil: self.init(generalMention: text)
        }
    }

    /// `init(mention:)` for any text, by characters.
    init?(generalMention text: String) {
        var rest = Substring(text).drop(while: { $0 == " " || $0 == "\t" })
        var token: Substring
        if let quote = rest.first, quote == "`" || quote == "\"" || quote == "'" {
            rest = rest.dropFirst()
            token = rest.prefix(while: { $0 != quote })
        } else {
            // ASCII and no-break spaces end a path; cheaper than `Character.isWhitespace`.
            token = rest.prefix(while: { $0 != " " && $0 != "\t" && $0 != "\n" && $0 != "\r" && $0 != "\u{A0}" })
        }
        while let last = token.last, last == "," || last == ";" || last == ":" || last == ")" || last == "`" || last == "\"" || last == "'" {
            token = token.dropLast()
        }
        if token.hasSuffix("."), !token.hasSuffix("..") { token = token.dropLast() }
        self.init(String(token))
    }

    /// What a byte-level reading of a mention found: its pattern (or part of it), nothing that names a path, or
    /// text it leaves to the reading by characters (not plain ASCII, braces to expand, and for a literal prefix
    /// an escape or class that may spell a literal).
    enum ASCIIReading<Value> {
        case read(Value)
        case nothingPathLike
        case declined
    }

    /// `init(mention:)` by bytes for the common mention: ASCII without CR (each byte one character) and
    /// without braces. Gives the same pattern as the general reading, step for step.
    static func parsedASCII(mention bytes: UnsafeBufferPointer<UInt8>) -> ASCIIReading<PathPattern> {
        guard let (segments, namesDirectory) = asciiSegments(mention: bytes) else { return .declined }
        guard !segments.isEmpty else { return .nothingPathLike }
        var parsed: [Segment] = []
        parsed.reserveCapacity(segments.count + 1)
        var literals: [String?] = []
        literals.reserveCapacity(segments.count)
        for range in segments {
            let raw = UnsafeBufferPointer(rebasing: bytes[range])
            if isGlobstar(raw) {
                parsed.append(.globstar)
                literals.append(nil)
                continue
            }
            let segment = isWild(raw) ? Segment.atoms(PathPattern.atoms(of: Substring(String(decoding: raw, as: UTF8.self))))
                : Segment.plain(String(decoding: raw, as: UTF8.self))
            parsed.append(segment)
            literals.append(segment.literal)
        }
        if parsed.last != .globstar, namesDirectory || PathPattern.looksLikeDirectory(literal: literals.last ?? nil) {
            parsed.append(.globstar)
        }
        var text: [UInt8] = []
        text.reserveCapacity(segments.reduce(0) { $0 + $1.count + 1 })
        for range in segments {
            if !text.isEmpty { text.append(UInt8(ascii: "/")) }
            text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[range]))
        }
        let literalPrefix = literals.prefix { $0 != nil }.map { $0! }
        return .read(PathPattern(text: String(decoding: text, as: UTF8.self), alternatives: [parsed], literalPrefix: literalPrefix))
    }

    /// The `literalPrefix` of `PathPattern(mention:)`, nil when that is nil, without building the pattern:
    /// filing an owned path needs only its leading literal segments, and most are never compared.
    static func literalPrefix(ofMention text: String) -> [String]? {
        switch text.utf8.withContiguousStorageIfAvailable({ asciiLiteralPrefix(mention: $0) }) {
        case .read(let prefix)?: prefix
        case .nothingPathLike?: nil
        case .declined?, nil: PathPattern(generalMention: text)?.literalPrefix
        }
    }

    private static func asciiLiteralPrefix(mention bytes: UnsafeBufferPointer<UInt8>) -> ASCIIReading<[String]> {
        guard let (segments, _) = asciiSegments(mention: bytes) else { return .declined }
        guard !segments.isEmpty else { return .nothingPathLike }
        var prefix: [String] = []
        for range in segments {
            let raw = UnsafeBufferPointer(rebasing: bytes[range])
            if isGlobstar(raw) { break }
            if raw.contains(where: { $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "\\") }) { return .declined }
            if isWild(raw) { break }
            prefix.append(String(decoding: raw, as: UTF8.self))
        }
        return .read(prefix)
    }

    private static func isGlobstar(_ raw: UnsafeBufferPointer<UInt8>) -> Bool {
        raw.count == 2 && raw[0] == UInt8(ascii: "*") && raw[1] == UInt8(ascii: "*")
    }

    private static func isWild(_ raw: UnsafeBufferPointer<UInt8>) -> Bool {
        raw.contains { $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "\\") }
    }

    /// The non-empty `/`-separated segments of an ASCII mention's path, after the steps of the general reading
    /// (the path alone, without quotes, trailing punctuation or a leading `./`), and whether it ends in `/`.
    /// Nil for text that is not ASCII without CR (each byte one character) or that has braces to expand.
    private static func asciiSegments(mention bytes: UnsafeBufferPointer<UInt8>) -> (segments: [Range<Int>], namesDirectory: Bool)? {
        let (space, tab, lf, cr) = (UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"))
        let (slash, dot) = (UInt8(ascii: "/"), UInt8(ascii: "."))
        for byte in bytes where byte >= 0x80 || byte == cr { return nil }
        var start = 0
        var end = bytes.count
        while start < end, bytes[start] == space || bytes[start] == tab { start += 1 }
        if start < end, bytes[start] == UInt8(ascii: "`") || bytes[start] == UInt8(ascii: "\"") || bytes[start] == UInt8(ascii: "'") {
            let quote = bytes[start]
            start += 1
            var i = start
            while i < end, bytes[i] != quote { i += 1 }
            end = i
        } else {
            var i = start
            while i < end, bytes[i] != space, bytes[i] != tab, bytes[i] != lf { i += 1 }
            end = i
        }
        while end > start {
            let last = bytes[end - 1]
            guard last == UInt8(ascii: ",") || last == UInt8(ascii: ";") || last == UInt8(ascii: ":") || last == UInt8(ascii: ")")
                || last == UInt8(ascii: "`") || last == UInt8(ascii: "\"") || last == UInt8(ascii: "'") else { break }
            end -= 1
        }
        if end > start, bytes[end - 1] == dot, !(end - start >= 2 && bytes[end - 2] == dot) { end -= 1 }
        while end - start >= 2, bytes[start] == dot, bytes[start + 1] == slash { start += 2 }
        while start < end, bytes[start] == slash { start += 1 }
        for byte in bytes[start..<end] where byte == UInt8(ascii: "{") { return nil }
        var segments: [Range<Int>] = []
        var i = start
        while i < end {
            var j = i
            while j < end, bytes[j] != slash { j += 1 }
            if j > i { segments.append(i..<j) }
            i = j + 1
        }
        return (segments, end > start && bytes[end - 1] == slash)
    }

    private init(text: String, alternatives: [[Segment]], literalPrefix: [String]) {
        self.text = text
        self.alternatives = alternatives
        self.literalPrefix = literalPrefix
    }

    /// `a{b,c}d` → `abd`, `acd`; at most `budget` alternatives, the rest kept literally.
    static func expandBraces(_ text: String, budget: Int) -> [String] {
        let scalars = Array(text.unicodeScalars)
        var depth = 0
        var open: Int?
        var commas: [Int] = []
        var i = 0
        while i < scalars.count {
            switch scalars[i] {
            case "\\": i += 1
            case "{":
                if depth == 0 { open = i; commas = [] }
                depth += 1
            case "," where depth == 1:
                commas.append(i)
            case "}" where depth > 0:
                depth -= 1
                if depth == 0, let start = open, !commas.isEmpty {
                    func string(_ range: Range<Int>) -> String {
                        var s = String.UnicodeScalarView()
                        s.append(contentsOf: scalars[range])
                        return String(s)
                    }
                    let prefix = string(0..<start)
                    let suffix = string((i + 1)..<scalars.count)
                    let bounds = [start] + commas + [i]
                    var result: [String] = []
                    for k in 0..<(bounds.count - 1) {
                        let option = string((bounds[k] + 1)..<bounds[k + 1])
                        result += expandBraces(prefix + option + suffix, budget: max(1, budget / (bounds.count - 1)))
                        if result.count >= budget { return Array(result.prefix(budget)) }
                    }
                    return result
                }
                if depth == 0 { open = nil }
            default: break
            }
            i += 1
        }
        return [text]
    }

    /// The matching steps of one segment.
    static func atoms(of segment: Substring) -> [Atom] {
        // Plain ASCII without wildcards, classes or escapes: one literal per byte.
        if segment.utf8.allSatisfy({ $0 < 0x80 && $0 != UInt8(ascii: "*") && $0 != UInt8(ascii: "?") && $0 != UInt8(ascii: "\\") && $0 != UInt8(ascii: "[") }) {
            return segment.utf8.map { .char(.literal(Unicode.Scalar($0))) }
        }
        let scalars = Array(segment.unicodeScalars)
        var atoms: [Atom] = []
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            switch c {
            case "*":
                if atoms.last != .star { atoms.append(.star) }
            case "?":
                atoms.append(.char(.any))
            case "\\" where i + 1 < scalars.count:
                i += 1
                atoms.append(.char(.literal(scalars[i])))
            case "[":
                if let (set, end) = parseClass(scalars, from: i) {
                    atoms.append(.char(set))
                    i = end
                } else {
                    atoms.append(.char(.literal(c)))
                }
            default:
                atoms.append(.char(.literal(c)))
            }
            i += 1
        }
        return atoms
    }

    /// A `[...]` class starting at `start`; returns the set and the index of its `]`.
    static func parseClass(_ scalars: [Unicode.Scalar], from start: Int) -> (ScalarSet, Int)? {
        var i = start + 1
        var negated = false
        if i < scalars.count, scalars[i] == "!" || scalars[i] == "^" { negated = true; i += 1 }
        var ranges: [ClosedRange<Unicode.Scalar>] = []
        var first = true
        while i < scalars.count {
            let c = scalars[i]
            if c == "]", !first { return (ScalarSet(ranges: ranges, negated: negated), i) }
            first = false
            if i + 2 < scalars.count, scalars[i + 1] == "-", scalars[i + 2] != "]" {
                let (low, high) = (c, scalars[i + 2])
                if low <= high { ranges.append(low...high) }
                i += 3
            } else {
                ranges.append(c...c)
                i += 1
            }
        }
        return nil
    }

    /// A last segment without wildcards or an extension (`backend/app`, `docs`) names a directory.
    static func looksLikeDirectory(literal: String?) -> Bool {
        guard let literal else { return false }
        // In ASCII a byte is a character: no need to walk characters.
        if literal.utf8.allSatisfy({ $0 < 0x80 }) { return !literal.utf8.dropFirst().contains(UInt8(ascii: ".")) }
        return !literal.dropFirst().contains(".")
    }

    /// The literal prefix shared by every alternative, given each alternative's segment literals.
    static func literalPrefix(of alternatives: [[String?]]) -> [String] {
        var shared: [String]?
        for literals in alternatives {
            var prefix: [String] = []
            for literal in literals {
                guard let literal else { break }
                prefix.append(literal)
            }
            if let current = shared {
                shared = Array(zip(current, prefix).prefix(while: { $0 == $1 }).map(\.0))
            } else {
                shared = prefix
            }
        }
        return shared ?? []
    }

    /// Encoded as its text; decoding parses it again.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let pattern = PathPattern(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "empty path pattern")
        }
        self = pattern
    }
}
