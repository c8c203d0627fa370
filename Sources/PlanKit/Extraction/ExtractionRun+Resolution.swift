import PlanSyntax

extension ExtractionRun {
    /// Keys: the id, or `id@section` where two batches share an id. Parents of slices (`B04-a` → `B04`).
    mutating func assignKeys() {
        // Each id's last batch, and the ids more than one batch has: one hash per batch when ids are unique.
        var lastByID: [String: Int] = [:]
        lastByID.reserveCapacity(drafts.count)
        var repeated: Set<String> = []
        for index in drafts.indices where lastByID.updateValue(index, forKey: batches[index].id) != nil {
            repeated.insert(batches[index].id)
        }
        if repeated.isEmpty {
            // Unique ids are unique keys.
            for index in drafts.indices { batches[index].key = batches[index].id }
        } else {
            var used: Set<String> = []
            used.reserveCapacity(drafts.count)
            for index in drafts.indices {
                let id = batches[index].id
                let key = repeated.contains(id) ? "\(id)@\(Self.slug(batches[index].group))" : id
                var candidate = key
                var counter = 2
                while used.contains(candidate) {
                    candidate = "\(key)-\(counter)"
                    counter += 1
                }
                used.insert(candidate)
                batches[index].key = candidate
            }
        }
        for index in drafts.indices {
            let id = batches[index].id
            let base = Self.sliceParent(of: id)
            if base != id, !repeated.contains(base), let parent = lastByID[base] {
                batches[index].parent = batches[parent].key
            }
        }
    }

    /// The id a slice id extends: `B04` of `B04-a` and of `B04a`; the id itself otherwise.
    static func sliceParent(of id: String) -> String {
        // ASCII ids (nearly all) by bytes: there a character is a byte, lowercase is a–z and a number 0–9.
        let ascii = id.utf8.withContiguousStorageIfAvailable { bytes -> String? in
            guard !bytes.contains(where: { $0 >= 0x80 || $0 == 0x0D }) else { return nil }
            let count = bytes.count
            func isLowercase(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }
            guard count > 1, isLowercase(bytes[count - 1]) else { return id }
            // The last dash, when one letter follows it.
            if let dash = bytes.lastIndex(of: UInt8(ascii: "-")) {
                if dash == count - 2 { return String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<dash]), as: UTF8.self) }
            }
            if bytes[count - 2] >= 0x30, bytes[count - 2] <= 0x39 {
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<count - 1]), as: UTF8.self)
            }
            return id
        }
        if case .some(.some(let base)) = ascii { return base }
        if let dash = id.lastIndex(of: "-"), id.distance(from: dash, to: id.endIndex) == 2, id.last?.isLowercase == true {
            return String(id[..<dash])
        } else if id.count > 1, id.last?.isLowercase == true, id.dropLast().last?.isNumber == true {
            return String(id.dropLast())
        }
        return id
    }

    /// The first word of a section title, lowercased: `6 · Documentation & Auxiliary Batches` → `documentation`.
    static func slug(_ group: String?) -> String {
        let words = PlanText.words((group ?? "").lowered()).filter { !$0.allSatisfy(\.isNumber) }
        return words.first ?? "section"
    }

    // MARK: References

    /// Turns every reference into edges by key, or into external dependencies.
    mutating func resolveReferences() {
        resetAliases()
        // Every draft is indexed by its canonical id as it is made (and again after front matter renames).
        let byCanonical = CanonicalIndex(draftsByCanonical)
        let groups = GroupIndex(batches)
        let resolved = resolvedWithoutAliases(byCanonical: byCanonical, groups: groups)
        for index in references.indices {
            let (draft, kind, origin) = (references[index].draft, references[index].kind, references[index].origin)
            let (targets, external) = try! resolved[index]
                ?? resolve(references[index].text, from: draft, byCanonical: byCanonical, groups: groups, origin: origin,
                           aliases: AliasAccess(known: aliases()))
            for target in targets where target != draft {
                let dependency = Dependency(key: batches[target].key, text: batches[target].id, origin: origin,
                                            span: references[index].span)
                switch kind {
                case .dependsOn:
                    if !batches[draft].dependsOn.contains(where: { $0.key == dependency.key }) { batches[draft].dependsOn.append(dependency) }
                case .mayRunWith:
                    if !batches[draft].mayRunWith.contains(where: { $0.key == dependency.key }) { batches[draft].mayRunWith.append(dependency) }
                case .mergeAfter:
                    if !batches[draft].mergeAfter.contains(where: { $0.key == dependency.key }) { batches[draft].mergeAfter.append(dependency) }
                case .blocks:
                    // The edge runs the other way: the named batch waits for this one.
                    let reverse = Dependency(key: batches[draft].key, text: batches[draft].id, origin: origin, span: references[index].span)
                    if !batches[target].dependsOn.contains(where: { $0.key == reverse.key }) { batches[target].dependsOn.append(reverse) }
                }
            }
            if kind == .dependsOn, origin == .field, !external.isEmpty {
                let span = references[index].span
                batches[draft].externalDependencies += external.map { Mention(text: $0, span: span) }
            }
        }
    }

    private static let noneWords: Set<String> = ["none", "n/a", "na", "-", "—", "–", "keine", "nothing", "no", "nil", "null", "[]", "ninguna", "nenhuma"]

    /// What each reference names, where that needs no aliases. Resolving is read-only until aliases are
    /// needed, so it runs on two cores; a reference that needs them is resolved again afterwards, where they
    /// can be computed (once, over the same batches, as they would have been). Nothing `resolve` calls may
    /// use the run's caches (`plain(_:)`): both threads share them.
    private func resolvedWithoutAliases(byCanonical: CanonicalIndex, groups: GroupIndex) -> [([Int], [String])?] {
        SideBySide.map(references.count, minimum: parallelMinimum) { index -> ([Int], [String])? in
            try? resolve(references[index].text, from: references[index].draft, byCanonical: byCanonical, groups: groups,
                         origin: references[index].origin, aliases: AliasAccess(known: nil))
        }
    }

    /// Aliases when they are known; asking for unknown ones stops a resolution, to be redone once they are.
    private struct AliasAccess {
        struct Unknown: Error {}
        let known: [String: Int]?
        func callAsFunction() throws(Unknown) -> [String: Int] {
            guard let known else { throw Unknown() }
            return known
        }
    }

    /// Batches a dependency text names, and the parts that name none.
    private func resolve(_ raw: String, from source: Int, byCanonical: CanonicalIndex, groups: GroupIndex,
                         origin: Dependency.Origin, aliases: AliasAccess) throws(AliasAccess.Unknown) -> ([Int], [String]) {
        let text = PlanText.plain(raw).trimmingCharacters(in: " .;")
        if text.isEmpty || Self.noneWords.contains(text.lowered()) { return ([], []) }
        if let group = groupReference(text, groups: groups) { return (group, []) }
        var targets: [Int] = []
        var external: [String] = []
        for part in splitReferences(text) {
            if let found = try lookup(part, from: source, byCanonical: byCanonical, aliases: aliases) {
                targets += found
            } else if origin == .field, let found = namedBatch(part, from: source, byCanonical: byCanonical) {
                targets.append(found)
            } else if origin == .prose, let found = aliasTarget(part, aliases: try aliases()) {
                targets.append(found)
            } else if let group = groupReference(part, groups: groups) {
                targets += group
            } else if origin == .field, !Self.noneWords.contains(part.lowered()) {
                external.append(part)
            }
        }
        return (targets, external)
    }

    /// Where a list of references is cut, in this order. Constants rather than an array of byte arrays: both
    /// threads of the resolution read them for every text, and reference counts bumped from two cores at
    /// once made the threads wait on each other.
    private static let referenceSeparators: [StaticString] = [",", ";", " and ", " und ", " & ", " + ", "/"]

    /// `splitReferences` for simple text, by bytes: the same cuts, separator by separator (a separator the
    /// text lacks cuts nothing), and the same trimming, with one `String` per part; nil for other text.
    private static func simpleReferences(_ text: String) -> [String]? {
        var text = text
        return text.withUTF8 { buffer -> [String]? in
            guard PlanText.isSimple(buffer) else { return nil }
            var parts: [Range<Int>] = [0..<buffer.count]
            for separator in referenceSeparators {
                separator.withUTF8Buffer { needle in
                    guard PlanText.firstIndex(of: needle, in: buffer, from: 0) != nil else { return }
                    var next: [Range<Int>] = []
                    next.reserveCapacity(parts.count + 2)
                    for part in parts {
                        var start = part.lowerBound
                        while let found = PlanText.firstIndex(of: needle, in: UnsafeBufferPointer(rebasing: buffer[start..<part.upperBound]), from: 0) {
                            next.append(start..<start + found)
                            start += found + needle.count
                        }
                        next.append(start..<part.upperBound)
                    }
                    parts = next
                }
            }
            // `trimmingWhitespace()` then `trimmingCharacters(in: ".()")`, as `splitReferences` trims.
            func isMark(_ byte: UInt8) -> Bool { byte == UInt8(ascii: ".") || byte == UInt8(ascii: "(") || byte == UInt8(ascii: ")") }
            return parts.compactMap { part -> String? in
                var range = PlanText.trimmedRange(buffer, part)
                while !range.isEmpty, isMark(buffer[range.lowerBound]) { range = range.lowerBound + 1..<range.upperBound }
                while !range.isEmpty, isMark(buffer[range.upperBound - 1]) { range = range.lowerBound..<range.upperBound - 1 }
                return range.isEmpty ? nil : String(decoding: UnsafeBufferPointer(rebasing: buffer[range]), as: UTF8.self)
            }
        }
    }

    private func splitReferences(_ text: String) -> [String] {
        if let parts = Self.simpleReferences(text) { return parts }
        var parts: [String] = [text]
        for separator in Self.referenceSeparators.map(\.description) {
            parts = parts.flatMap { part in PlanText.contains(part, separator) ? part.components(separatedBy: separator) : [part] }
        }
        return parts.map { $0.trimmingWhitespace().trimmingCharacters(in: ".()") }.filter { !$0.isEmpty }
    }

    /// One reference: an id (`O1`, `batch 12–17`, `` `D1` ``), a range of ids (`B10 bis B14`), or an id
    /// followed by words (`O6 (image)`).
    private func lookup(_ part: String, from source: Int, byCanonical: CanonicalIndex,
                        aliases: AliasAccess) throws(AliasAccess.Unknown) -> [Int]? {
        guard let match = BatchIdentifier.leading(part, vocabulary: vocabulary) else { return nil }
        if match.rest.isEmpty, let found = pick(BatchIdentifier.canonical(match.id), in: byCanonical, from: source) { return [found] }
        // A range of separate batches: `B10 bis B14`, `B05–B08`.
        for separator in [" bis ", " to ", "–", "—", "-"] {
            guard PlanText.contains(part, separator) else { continue }
            let ends = part.components(separatedBy: separator)
            guard ends.count == 2,
                  let first = BatchIdentifier.leading(ends[0], vocabulary: vocabulary)?.id,
                  let last = BatchIdentifier.leading(ends[1], vocabulary: vocabulary)?.id,
                  let lower = numericSuffix(first), let upper = numericSuffix(last),
                  upper.prefix.isEmpty || lower.prefix == upper.prefix, lower.value < upper.value
            else { continue }
            var found: [Int] = []
            for value in lower.value...upper.value {
                let number = String(value)
                let padded = String(repeating: "0", count: max(0, lower.width - number.count)) + number
                let id = lower.prefix + padded
                if let index = pick(BatchIdentifier.canonical(id), in: byCanonical, from: source) {
                    found.append(index)
                } else if let index = try aliases()[id.lowered()] {
                    found.append(index)
                }
            }
            if !found.isEmpty { return found }
        }
        if let found = pick(BatchIdentifier.canonical(match.id), in: byCanonical, from: source) { return [found] }
        return try aliases()[match.id.lowered()].map { [$0] }
    }

    /// In a dependency field, a part that opens with the exact id of a batch that `BatchIdentifier` does not
    /// read as one (`B`, `G-backend`): `B (knows what to emit)`, `C's first smoke test`.
    private func namedBatch(_ part: String, from source: Int, byCanonical: CanonicalIndex) -> Int? {
        let token = part.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        guard !token.isEmpty, token.first!.isUppercase else { return nil }
        let rest = part.dropFirst(token.count)
        // The token must end the word: `Bun` is not batch `B`.
        if let next = rest.first, next != " ", next != "'", next != "’", next != ":", next != "(" { return nil }
        // A lone letter is also a word (`A running staging DB`): only alone, before a parenthesis or a colon,
        // or with a possessive (`C's first smoke test`) is it an id.
        if token.count == 1 {
            let after = rest.drop(while: { $0 == " " })
            guard after.isEmpty || after.first == "(" || after.first == ":" || rest.hasPrefix("'s") || rest.hasPrefix("’s") else { return nil }
        }
        return pick(BatchIdentifier.canonical(String(token)), in: byCanonical, from: source)
    }

    private func numericSuffix(_ id: String) -> (prefix: String, value: Int, width: Int)? {
        var start = id.endIndex
        var width = 0
        while start > id.startIndex, id[id.index(before: start)].isNumber {
            start = id.index(before: start)
            width += 1
        }
        guard width > 0, let value = Int(id[start...]) else { return nil }
        return (String(id[..<start]), value, width)
    }

    /// Drafts by canonical id, for resolution on two threads: an id of one draft (nearly every id) maps to it
    /// directly, so that looking it up retains no array (both cores bumped the count of the same arrays).
    struct CanonicalIndex {
        /// Ids of one draft.
        let single: [String: Int]
        /// Ids of several drafts (the same id under two sections).
        let several: [String: [Int]]

        init(_ drafts: [String: [Int]]) {
            var single: [String: Int] = [:]
            var several: [String: [Int]] = [:]
            single.reserveCapacity(drafts.count)
            for (canonical, candidates) in drafts {
                if candidates.count == 1 { single[canonical] = candidates[0] } else if !candidates.isEmpty { several[canonical] = candidates }
            }
            (self.single, self.several) = (single, several)
        }
    }

    /// The batch with id `canonical`; of batches sharing it, the one in the referring batch's section, else the first.
    private func pick(_ canonical: String, in index: CanonicalIndex, from source: Int) -> Int? {
        if let only = index.single[canonical] { return only }
        guard let candidates = index.several[canonical] else { return nil }
        let group = batches[source].group
        return candidates.first { batches[$0].group == group } ?? candidates.first
    }

    /// `tooling batches`, `compiler & OS batches`: every batch of the sections those words name.
    private func groupReference(_ text: String, groups: GroupIndex) -> [Int]? {
        // In ASCII text the last word is found by bytes: most texts end in no group noun (`B1, B2`).
        if let last = Self.asciiLastWord(text), !vocabulary.groupNouns.contains(last) { return nil }
        let words = PlanText.words(text.lowered())
        guard words.count >= 2, let last = words.last, vocabulary.groupNouns.contains(last) else { return nil }
        let stop: Set<String> = ["and", "und", "the", "all", "of", "die", "alle", "der"]
        let keywords = words.dropLast().filter { !stop.contains($0) }
        guard !keywords.isEmpty else { return nil }
        var matched: Set<Int> = []
        for keyword in keywords {
            let matching = groups.sections.indices.filter { groups.sections[$0].words.contains(keyword) }
            guard !matching.isEmpty else { return nil }
            matched.formUnion(matching)
        }
        let members = matched.flatMap { groups.sections[$0].members }.sorted()
        return members.isEmpty ? nil : members
    }

    /// The last of `PlanText.words(text.lowercased())` for ASCII text, by bytes; nil for other text or none.
    private static func asciiLastWord(_ text: String) -> String? {
        let word = text.utf8.withContiguousStorageIfAvailable { bytes -> String? in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            func isWord(_ byte: UInt8) -> Bool { byte.isASCIIAlphanumeric || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "'") }
            var end = bytes.count
            while end > 0, !isWord(bytes[end - 1]) { end -= 1 }
            var start = end
            while start > 0, isWord(bytes[start - 1]) { start -= 1 }
            guard start < end else { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self).lowered()
        }
        return word ?? nil
    }

    /// The sections batches are listed under, each with its lowercase words and its batches, so that a
    /// group reference costs the number of sections, not of batches.
    struct GroupIndex {
        var sections: [(words: Set<String>, members: [Int])] = []

        init(_ batches: [Batch]) {
            var position: [String: Int] = [:]
            // Batches of a section come together, sharing one group string: the last one found is tried first.
            var last: (group: String, section: Int)?
            for index in batches.indices {
                guard let group = batches[index].group else { continue }
                if let last, last.group == group {
                    sections[last.section].members.append(index)
                } else if let known = position[group] {
                    sections[known].members.append(index)
                    last = (group, known)
                } else {
                    position[group] = sections.count
                    last = (group, sections.count)
                    sections.append((Set(PlanText.words(group.lowered())), [index]))
                }
            }
        }
    }

    // MARK: Status

    /// The status that counts: the first claim by precedence, else one derived from task progress.
    mutating func finishStatuses() {
        let precedence: [StatusOrigin] = [.field, .tableCell, .frontMatter, .heading, .prose, .checkbox]
        for index in drafts.indices {
            let claims = batches[index].statusClaims
            if let claim = precedence.lazy.compactMap({ origin in claims.first { $0.origin == origin } }).first {
                batches[index].status = claim
            } else {
                let progress = batches[index].progress
                let category: StatusCategory = progress.total == 0 ? .todo
                    : progress.done == progress.total ? .done : progress.done > 0 ? .active : .todo
                batches[index].status = Status(raw: "", category: category, origin: .derived)
            }
        }
    }

    // MARK: Document findings

    /// Rows whose width differs from their header's.
    mutating func reportTables() {
        for (_, block, header) in tables {
            for row in block.children.dropFirst() {
                guard case .tableRow(let cells) = row.kind, cells.cells.count != header.cells.count else { continue }
                diagnostics.append(Diagnostic(severity: .warning, code: "malformed-table",
                                              message: "row has \(cells.cells.count) cells but the header has \(header.cells.count)",
                                              file: path, at: span(row.range)))
            }
        }
    }

    /// In a long plan, starts finding mis-encoded runs on the other core, to run beside the serial passes
    /// after the heading bodies (it reads only the text); nil for a short one.
    func encodingAhead() -> ReadAhead<[Diagnostic]>? {
        guard source.lines.count >= parallelMinimum else { return nil }
        let reader = threadCopy()
        return ReadAhead(count: 1) { _ in reader.encodingDiagnostics() }
    }

    /// Mis-encoded runs (`âœ…` for `✅`), each with a fix-it that writes the intended text.
    func encodingDiagnostics() -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var fenced: [Range<Int>] = []
        for index in document.blocks.indices { if case .codeFence = document.blocks[index].kind { fenced.append(document.blocks[index].range) } }
        // Finding the runs reads every byte and changes nothing. A run opens with the lead byte 0xC3, 0xC4 or
        // 0xC5: the lines holding one (few in most plans) are found 16 bytes at a time, then read on two cores.
        let lines = source.lines
        let bytes = source.bytes
        var candidateLines: [Int] = []
        bytes.withUnsafeBufferPointer { buffer in
            var offset = 0
            while let lead = MojibakeRepair.firstRunLead(in: buffer, from: offset) {
                let line = source.lineIndex(containing: lead)
                if lead < lines[line].contentEnd { candidateLines.append(line) }
                offset = max(lead + 1, lines[line].end)
            }
        }
        let runsByLine = SideBySide.map(candidateLines.count, minimum: parallelMinimum) { index -> [MojibakeRepair.Run] in
            let line = lines[candidateLines[index]]
            return MojibakeRepair.runs(in: bytes[line.start..<line.contentEnd])
        }
        for runs in runsByLine {
            for run in runs where !fenced.contains(where: { $0.contains(run.range.lowerBound) }) {
                let original = source.string(run.range)
                diagnostics.append(Diagnostic(severity: .warning, code: "encoding",
                                              message: "'\(original)' is mis-encoded text for '\(run.replacement)'",
                                              file: path, at: span(run.range),
                                              fixIt: FixIt(start: run.range.lowerBound, end: run.range.upperBound, replacement: run.replacement)))
            }
        }
        return diagnostics
    }
}

extension String {
    func components(separatedBy separator: String) -> [String] {
        if let offsets = PlanText.occurrences(of: separator, in: self) {
            let utf8 = self.utf8
            var parts: [String] = []
            parts.reserveCapacity(offsets.count + 1)
            var start = 0
            let width = separator.utf8.count
            for offset in offsets {
                parts.append(String(utf8[utf8.index(utf8.startIndex, offsetBy: start)..<utf8.index(utf8.startIndex, offsetBy: offset)])!)
                start = offset + width
            }
            parts.append(String(utf8[utf8.index(utf8.startIndex, offsetBy: start)...])!)
            return parts
        }
        return split(separator: separator, omittingEmptySubsequences: false).map(String.init)
    }
}
