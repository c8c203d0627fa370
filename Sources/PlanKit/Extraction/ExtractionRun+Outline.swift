import PlanSyntax

extension ExtractionRun {
    /// What a top-level heading says: its plain title and the batch it names, if any.
    struct HeadingFact {
        /// The heading's index among the top-level blocks.
        var block: Int
        var title: String
        var batch: BatchIdentifier.Match?
    }

    /// Headings: the plan title, and for every top-level block its group and level.
    mutating func readOutline() {
        // Reading a heading's title and id is read-only work, done once for all passes and on two cores.
        // The closure takes what it reads, not `self`: capturing the run would copy all of it per call.
        // Headings only: one fact per block, nearly all of them empty, was 0.7 MB on 2,000 batches.
        let blocks = document.blocks
        let source = source
        let vocabulary = vocabulary
        let headingBlocks = blocks.withUnsafeBufferPointer { blocks in
            blocks.indices.filter { if case .heading = blocks[$0].kind { true } else { false } }
        }
        headings = SideBySide.map(headingBlocks.count, minimum: parallelBodies) { position -> HeadingFact in
            let index = headingBlocks[position]
            let title = Self.plainUncached(blocks[index].content, in: source)
            return HeadingFact(block: index, title: title, batch: BatchIdentifier.heading(title, vocabulary: vocabulary))
        }
        var stack: [(level: Int, title: String, isGroup: Bool)] = []
        var firstHeading: String?
        // The section changes only at headings: every other block repeats the one before it.
        sectionTable = [SectionInfo(group: nil, heading: nil)]
        sectionOfBlock.reserveCapacity(blocks.count)
        headingLevels = [Int](repeating: 0, count: blocks.count)
        var nextHeading = 0
        for index in blocks.indices {
            if nextHeading < headings.count, headings[nextHeading].block == index, case .heading(let level, let style) = blocks[index].kind {
                let fact = headings[nextHeading]
                nextHeading += 1
                let title = fact.title
                let isBatch = fact.batch != nil
                // Bare titles: in copied text batches sit under section titles; pasted into markdown, a bare
                // batch title closes the batch before it like a `##` heading would.
                let effective = style == .bare ? (isBatch && document.isPlainText ? 3 : 2) : level
                headingLevels[index] = effective
                while let last = stack.last, last.level >= effective { stack.removeLast() }
                // No letter but ASCII ones lowercases into `detail`: most titles are passed over without lowercasing.
                let isDetails = PlanText.containsIgnoringASCIICase(title, "detail") && PlanText.contains(title.lowered(), "detail")
                stack.append((effective, title, !isBatch && !isDetails))
                if firstHeading == nil { firstHeading = title }
                if self.title == nil, level == 1, style != .bare { self.title = title }
                sectionTable.append(SectionInfo(group: stack.last(where: \.isGroup)?.title, heading: stack.last?.title))
            }
            sectionOfBlock.append(Int32(sectionTable.count - 1))
        }
        if title == nil { title = firstHeading }
    }

    /// A paragraph or list item: its text and its own lines (not its children's).
    struct TextNode {
        var content: Range<Int>
        var ownLines: Range<Int>
        /// What the passes over running text could find in it.
        var hints: TextHints = []
    }

    /// Cheap, read-only byte tests for the passes over running text: a node without a pass's hint would
    /// have changed nothing in that pass. Made for every node as it is collected.
    struct TextHints: OptionSet {
        let rawValue: UInt8
        /// Two `=` or several lines: a legend (`✅ = Complete, ⏳ = Queued`).
        static let legend = TextHints(rawValue: 1)
        /// `->` needs a `>`; `→` is E2 86 92, or, mis-encoded (`â†’`), opens with the `â` C3 A2 that repair needs.
        static let arrow = TextHints(rawValue: 2)
        /// A plural keyword for a range status (`Phases 1-10 Complete`).
        static let pluralKeyword = TextHints(rawValue: 4)
        /// A top-level paragraph with an arrow or a gating phrase, which may state the phase order.
        static let phaseOrder = TextHints(rawValue: 8)
        /// A top-level paragraph that may ask for merging in order (`merge in this order`), read by the list
        /// walk for the list after it.
        static let mergeOrder = TextHints(rawValue: 16)
    }

    /// What each byte means to the hints: 1 `>`, 2 an ASCII digit, 4 a byte to look at more closely (`=`, and
    /// 0xE2 and 0xC3, which may open an arrow).
    private static let hintBytes: [UInt8] = (0...255).map { byte in
        switch UInt8(byte) {
        case UInt8(ascii: ">"): 1
        case UInt8(ascii: "0")...UInt8(ascii: "9"): 2
        case UInt8(ascii: "="), 0xE2, 0xC3: 4
        default: 0
        }
    }

    /// One loop over the node's bytes for all hints: the text is read once, while it is in cache, by a table
    /// lookup per byte. On the 2k benchmark plan a chain of tests per byte took 1.6 ms longer, and SIMD16
    /// comparisons (which compiled to a call per chunk for `any`) over 20 ms longer.
    static func hints(_ node: TextNode, isTopLevelParagraph: Bool, _ bytes: UnsafeBufferPointer<UInt8>) -> TextHints {
        var hints: TextHints = node.ownLines.count > 1 ? .legend : []
        let text = UnsafeBufferPointer(rebasing: bytes[node.content])
        var equals = 0
        var seen: UInt8 = 0
        hintBytes.withUnsafeBufferPointer { kinds in
            for index in text.indices {
                let kind = kinds[Int(text[index])]
                guard kind == 4 else { seen |= kind; continue }
                switch text[index] {
                case UInt8(ascii: "="):
                    equals += 1
                case 0xC3:
                    if index + 1 < text.count, text[index + 1] == 0xA2 { seen |= 1 }
                default:
                    if index + 2 < text.count, text[index + 1] == 0x86, text[index + 2] == 0x92 { seen |= 1 }
                }
            }
        }
        if seen & 1 != 0 { hints.insert(.arrow) }
        let hasDigit = seen & 2 != 0
        if equals >= 2 { hints.insert(.legend) }
        // A range status has ASCII digits (`Phases 1-10`): the slower search for its keyword runs only then.
        if hasDigit, mayMentionPlural(text) { hints.insert(.pluralKeyword) }
        // Most paragraphs say nothing of either order: one scan for the phrases of both tells them apart.
        if isTopLevelParagraph, orderPhrases.mayOccur(in: text) {
            if phaseOrderPhrases.mayOccur(in: text) { hints.insert(.phaseOrder) }
            if mergeOrderSentences.mayOccur(in: text) { hints.insert(.mergeOrder) }
        }
        return hints
    }

    /// The paragraphs and list items with a hint, in document order, for the passes that read running text.
    /// A long document's top-level blocks are walked in quarters, taken by whichever core is free (one whose
    /// core the host takes holds up a quarter, not half), their nodes given their hints while their text is
    /// in cache. Most nodes have none: keeping only the others saved a megabyte on 2,000 batches.
    mutating func collectTextNodes() {
        let (document, blockCount, lineCount) = (self.document, document.blocks.count, source.lines.count)
        // Quarters by lines, not by blocks: one long list is one block.
        let starts = lineCount < parallelMinimum ? [0] : document.blocks.withUnsafeBufferPointer { blocks in
            (0..<4).map { quarter in blocks.indices.partitionPoint { blocks[$0].lines.lowerBound < lineCount * quarter / 4 } }
        }
        let parts = source.bytes.withUnsafeBufferPointer { bytes in
            SideBySide.map(starts.count, minimum: 2) { part -> [TextNode] in
                var nodes: [TextNode] = []
                document.forEachText(in: starts[part]..<(part + 1 < starts.count ? starts[part + 1] : blockCount)) {
                    content, ownLines, isTopLevelParagraph in
                    var textNode = TextNode(content: content, ownLines: ownLines)
                    textNode.hints = Self.hints(textNode, isTopLevelParagraph: isTopLevelParagraph, bytes)
                    if !textNode.hints.isEmpty { nodes.append(textNode) }
                }
                return nodes
            }
        }
        textNodes = parts.count == 1 ? parts[0] : parts.reduce(into: []) { $0 += $1 }
    }

    /// The text nodes with `hint`, in document order.
    func candidates(_ hint: TextHints) -> [TextNode] {
        textNodes.filter { $0.hints.contains(hint) }
    }

    /// Whether the paragraph or item whose text is `content` has `hint` (text nodes are in document order).
    func hasHint(_ hint: TextHints, _ content: Range<Int>) -> Bool {
        let found = textNodes.indices.partitionPoint { textNodes[$0].content.lowerBound < content.lowerBound }
        return found < textNodes.count && textNodes[found].content == content && textNodes[found].hints.contains(hint)
    }

    /// Lines such as `*Statuses*: ✅ = Complete, ⏳ = Queued, 🟢 = Hydrated`.
    mutating func readLegend() {
        let lines = source.lines
        for node in candidates(.legend) {
            for lineIndex in node.ownLines {
                let line = lines[lineIndex]
                readLegend(line: line.start..<line.contentEnd)
            }
        }
    }

    /// How many `=` a range holds, up to two.
    private static func countEquals(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        var seen = 0
        for offset in range where bytes[offset] == UInt8(ascii: "=") {
            seen += 1
            if seen == 2 { break }
        }
        return seen
    }

    private mutating func readLegend(line range: Range<Int>) {
        guard source.bytes.withUnsafeBufferPointer({ Self.countEquals($0, range) }) >= 2 else { return }
        let line = text(range)
        var entries: [LegendEntry] = []
        for part in line.split(whereSeparator: { $0 == "," || $0 == "|" || $0 == ";" }) {
            let sides = part.split(separator: "=", maxSplits: 1)
            guard sides.count == 2 else { continue }
            guard let glyph = sides[0].split(separator: " ").last.map(String.init)?.trimmingCharacters(in: "*_`: "),
                  !glyph.isEmpty, !glyph.contains(where: { $0.isLetter || $0.isNumber }) else { continue }
            let word = PlanText.plain(String(sides[1])).trimmingCharacters(in: "*_`. ")
            guard let category = vocabulary.category(of: word) else { continue }
            entries.append(LegendEntry(glyph: glyph, word: word, category: category, span: span(range)))
        }
        if entries.count >= 2 {
            legend += entries
            statusReader = StatusReader(vocabulary: vocabulary, legend: Dictionary(legend.map { ($0.glyph, $0.category) }, uniquingKeysWith: { first, _ in first }))
        }
    }

    /// `Planning → Scaffolding → Coding`, and whether the document says later phases wait for earlier ones.
    private static let gatingPhrases = ["only begin after", "only after", "only when", "only once", "erst nach", "erst wenn",
                                        "must not start before", "not before"]
    /// What a paragraph needs to say anything about the phase order: an arrow (`→` is not ASCII, so any text
    /// with it is read in full) or a gating phrase.
    private static let phaseOrderPhrases = PhraseSet(["->"] + gatingPhrases)
    /// The phrases of `phaseOrderPhrases` and `mergeOrderSentences`.
    private static let orderPhrases = PhraseSet(["->"] + gatingPhrases + mergeOrderPhrases)

    func readPhaseOrder() -> (names: [String], strict: Bool) {
        // Plans repeat a few phase names in every batch: each spelling is lowercased once.
        var spellings: Set<String> = []
        var firstSeen: [String] = []
        var phaseNames: Set<String> = []
        for index in batches.indices {
            for phase in batches[index].phases where spellings.insert(phase.name).inserted {
                if phaseNames.insert(phase.name.lowered()).inserted { firstSeen.append(phase.name) }
            }
        }
        guard !phaseNames.isEmpty else { return ([], false) }
        var order: [String] = []
        var strict = false
        // Only a chain of arrows or a gating phrase matters here; most paragraphs have neither.
        for node in candidates(.phaseOrder) {
            let line = plain(node.content)
            let lowered = line.lowered()
            if order.isEmpty, PlanText.contains(line, "→") || PlanText.contains(line, "->") {
                let parts = line.replacingAll("->", with: "→").split(separator: "→").map { String($0) }
                var names: [String] = []
                for (index, part) in parts.enumerated() {
                    let words = part.split(separator: " ").map(String.init)
                    let candidate = index == 0 ? words.last : words.first
                    if let candidate { names.append(candidate.trimmingCharacters(in: ".,:;*")) }
                }
                // A chain that names at least two phases the batches use is the phase order.
                if names.count(where: { phaseNames.contains($0.lowered()) }) >= 2 { order = names }
            }
            let mentionsPhase = phaseNames.contains { PlanText.contains(lowered, $0) }
            if mentionsPhase, Self.gatingPhrases.contains(where: { PlanText.contains(lowered, $0) }) { strict = true }
        }
        // Without a chain, the order in which phases first appear.
        if order.isEmpty { order = firstSeen }
        return (order, strict)
    }

    /// `A -> B` or `A → B` between two batch ids: B depends on A.
    mutating func readArrows() {
        for node in candidates(.arrow) {
            readArrows(in: node.content)
        }
    }

    /// The text between the arrows (`->` or `→`) of a line, each part trimmed; nil for a line without one.
    static func arrowParts(_ line: String) -> [String]? {
        var line = line
        // By bytes when every character is one scalar (so bytes cut where characters would): a paragraph
        // that states the phase order is long, and splitting it by characters cost more than the rest.
        let fast = line.withUTF8 { bytes -> [String]?? in
            guard PlanText.isSimpleLine(bytes) else { return .none }
            var parts: [String] = []
            var (start, index, sawArrow) = (0, 0, false)
            func cut(_ end: Int) {
                // Like `split`, nothing between two arrows makes no part.
                if end > start { parts.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self).trimmingWhitespace()) }
            }
            while index < bytes.count {
                let length = bytes[index] == UInt8(ascii: "-") && index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: ">") ? 2
                    : bytes[index] == 0xE2 && index + 2 < bytes.count && bytes[index + 1] == 0x86 && bytes[index + 2] == 0x92 ? 3 : 0
                guard length > 0 else { index += 1; continue }
                cut(index)
                sawArrow = true
                index += length
                start = index
            }
            cut(bytes.count)
            return .some(sawArrow ? parts : nil)
        }
        if case .some(let parts) = fast { return parts }
        return arrowPartsByCharacters(line)
    }

    /// `arrowParts` by characters, for any text.
    static func arrowPartsByCharacters(_ line: String) -> [String]? {
        guard line.contains("→") || line.contains("->") else { return nil }
        return line.replacingAll("->", with: "→").split(separator: "→").map { String($0).trimmingWhitespace() }
    }

    private mutating func readArrows(in range: Range<Int>) {
        guard let parts = Self.arrowParts(plain(range)), parts.count >= 2 else { return }
        for index in 1..<parts.count {
            let leftWords = parts[index - 1].split(separator: " ")
            let leftText = leftWords.suffix(2).lazy.map(String.init).concatenated(separator: " ")
            let left = BatchIdentifier.leading(leftText, vocabulary: vocabulary)
                ?? leftWords.last.flatMap { BatchIdentifier.leading(String($0), vocabulary: vocabulary) }
            guard let left, left.rest.isEmpty || leftWords.count == 1,
                  let right = BatchIdentifier.leading(parts[index], vocabulary: vocabulary) else { continue }
            let leftDrafts = drafts(withID: left.id)
            let rightDrafts = drafts(withID: right.id)
            guard leftDrafts.count == 1, let target = rightDrafts.first, rightDrafts.count == 1, leftDrafts[0] != target else { continue }
            // `A -> B` is a dependency; a longer chain is an order of work or merging (`B06 -> B05 -> B07`).
            references.append(PendingReference(draft: target, kind: parts.count > 2 ? .mergeAfter : .dependsOn, text: left.id, span: span(range), origin: .order))
        }
    }
}

extension Range<Int> {
    /// The first index for which `isBefore` is false, found by halving: `isBefore` must be true for a prefix of
    /// the indices and false for the rest (elements sorted by what it compares). By index, so that no element
    /// is copied.
    func partitionPoint(_ isBefore: (Int) -> Bool) -> Int {
        var (low, high) = (lowerBound, upperBound)
        while low < high {
            let probe = (low + high) / 2
            if isBefore(probe) { low = probe + 1 } else { high = probe }
        }
        return low
    }
}
