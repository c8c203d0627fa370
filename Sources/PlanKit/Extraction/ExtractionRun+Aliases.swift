import PlanSyntax

extension ExtractionRun {
    /// Other names a batch goes by in prose: the head of its title (`Setup`, `Foundational` for
    /// `Phase 2: Foundational (Blocking Prerequisites)`) and its abbreviation (`US1` for `User Story 1 - …`).
    /// Only names that belong to one batch.
    mutating func aliasMap() -> [String: Int] {
        var names: [String: [Int]] = [:]
        for index in drafts.indices.prefix(aliasLimit) {
            let title = batches[index].title
            let aliases: [String]
            // Titles rarely change between the two readings: reuse the aliases of an unchanged title.
            if index < aliasCache.count, aliasCache[index].title == title {
                aliases = aliasCache[index].aliases
            } else {
                aliases = Self.aliases(ofTitle: title)
                if index < aliasCache.count { aliasCache[index] = (title, aliases) } else if index == aliasCache.count { aliasCache.append((title, aliases)) }
            }
            for alias in aliases { names[alias, default: []].append(index) }
        }
        return names.compactMapValues { $0.count == 1 ? $0[0] : nil }
    }

    /// The alias map as of the last `resetAliases()`, computed when first asked for.
    mutating func aliases() -> [String: Int] {
        if let value = aliasesValue { return value }
        let value = aliasMap()
        aliasesValue = value
        return value
    }

    /// Aliases are to be taken over the batches known now, when first needed.
    mutating func resetAliases() {
        aliasesValue = nil
        aliasLimit = drafts.count
    }

    static func aliases(ofTitle title: String) -> [String] {
        var head = Substring(title)
        if let simple = simpleHead(title) {
            head = simple
        } else {
            for separator in aliasSeparators {
                if let range = head.firstRange(of: separator) { head = head[..<range.lowerBound] }
            }
        }
        let words = head.split(separator: " ").map { $0.lowered() }
        guard (1...4).contains(words.count) else { return [] }
        var aliases = [words.concatenated(separator: " ")]
        // `User Story 1` → `us1`.
        if words.count >= 2, let number = words.last, number.allSatisfy(\.isNumber) {
            aliases.append(String(words.dropLast().compactMap(\.first)) + number)
        }
        return aliases.filter { $0.count >= 3 && !Self.genericWords.contains($0) }
    }

    private static let aliasSeparators = [" - ", " – ", " — ", "(", ":", ","]
    private static let aliasSeparatorBytes: [[UInt8]] = aliasSeparators.map { Array($0.utf8) }

    /// The head of a simple title cut at the first of each separator in turn, by bytes; nil for other text.
    private static func simpleHead(_ title: String) -> Substring? {
        var title = title
        return title.withUTF8 { buffer -> Substring? in
            guard PlanText.isSimpleLine(buffer) else { return nil }
            var end = buffer.count
            for separator in aliasSeparatorBytes {
                let found = separator.withUnsafeBufferPointer { needle in
                    PlanText.firstIndex(of: needle, in: UnsafeBufferPointer(rebasing: buffer[0..<end]), from: 0)
                }
                if let found { end = found }
            }
            return Substring(String(decoding: UnsafeBufferPointer(rebasing: buffer[0..<end]), as: UTF8.self))
        }
    }

    private static let genericWords: Set<String> = ["the", "and", "all", "phase", "batch", "task", "tasks", "other", "next", "this"]

    /// The batch a short name stands for: an alias, tried on the first three, two and one words.
    func aliasTarget(_ text: String, aliases: [String: Int]) -> Int? {
        let words = PlanText.words(text.lowered())
        for count in stride(from: min(3, words.count), through: 1, by: -1) {
            if let found = aliases[words.prefix(count).concatenated(separator: " ")] { return found }
        }
        return nil
    }

    /// Whether the bytes of `range` start with `**` (necessary for its text to).
    func startsWithDoubleStar(_ range: Range<Int>) -> Bool {
        range.count >= 2 && source.bytes[range.lowerBound] == UInt8(ascii: "*") && source.bytes[range.lowerBound + 1] == UInt8(ascii: "*")
    }

    /// `- **User Story 2 (P1)**: Can start after US1`, `- **Foundational (Phase 2)**: Depends on Setup`:
    /// a list of statements about batches, each naming its subject in bold.
    mutating func readDependencyStatement(_ item: Block) -> Bool {
        guard startsWithDoubleStar(item.content) else { return false }
        // Most bold items define a batch or label a field: in ASCII text without a trigger anywhere, none
        // follows the bold part, and its text need not be made.
        guard source.bytes.withUnsafeBufferPointer({ bytes in
            let content = UnsafeBufferPointer(rebasing: bytes[item.content])
            return PlanText.firstNonASCII(in: content, from: 0) < content.count || Self.proseTriggerSet.occurs(inASCII: content)
        }) else { return false }
        let raw = text(item.content)
        guard raw.hasPrefix("**"), let close = PlanText.firstRange(of: "**", in: raw, fromOffset: 2) else { return false }
        let subject = String(raw[raw.index(raw.startIndex, offsetBy: 2)..<close.lowerBound]).trimmingCharacters(in: ": ")
        let rest = String(raw[close.upperBound...]).lowered()
        guard Self.proseTriggers.contains(where: { PlanText.contains(rest, $0) }) else { return false }
        let subjects = statementSubjects(subject, aliases: aliases())
        guard !subjects.isEmpty else { return false }
        for draft in subjects { scanProse(item.content, for: draft) }
        if recordsTrace { trace[item.range] = "dependency statement about \(subjects.map { batches[$0].id }.concatenated(separator: ", "))" }
        return true
    }

    /// `Setup (Phase 1)` → batch 1; `User Stories (Phase 3-9)` → batches 3 to 9; `User Story 2 (P1)` → its alias.
    private func statementSubjects(_ subject: String, aliases: [String: Int]) -> [Int] {
        var candidates: [String] = []
        if let open = subject.firstIndex(of: "("), let shut = subject[open...].firstIndex(of: ")") {
            candidates.append(String(subject[subject.index(after: open)..<shut]))
            candidates.append(String(subject[..<open]).trimmingWhitespace())
        } else {
            candidates.append(subject)
        }
        for candidate in candidates {
            if let match = BatchIdentifier.leading(candidate, vocabulary: vocabulary), match.rest.isEmpty {
                let bounds = match.id.split(whereSeparator: { "-–—".contains($0) }).map(String.init)
                if bounds.count == 2, let low = Int(bounds[0]), let high = Int(bounds[1]), low < high, high - low < 1000 {
                    let found = (low...high).compactMap { draftsByCanonical[String($0)]?.first }
                    if !found.isEmpty { return found }
                }
                let named = drafts(withID: match.id)
                if named.count == 1, match.keyword != nil || BatchIdentifier.isLettersAndDigits(match.id) {
                    return named
                }
            }
            if let found = aliasTarget(candidate, aliases: aliases), PlanText.words(candidate).count <= 4 { return [found] }
        }
        return []
    }
}
