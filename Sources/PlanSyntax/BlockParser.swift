/// Reads lines into blocks. Line-based, single pass per nesting level, never fails:
/// every byte of the input ends up in exactly one leaf or in the gaps of one container.
struct BlockParser {
    let text: SourceText
    let isPlainText: Bool
    /// Below this many lines a second thread costs more than it saves.
    let parallelLines: Int
    /// The blocks of the lists and items being parsed, innermost last: each list or item takes its own off the
    /// end as one array of the right size. Appending to an array of its own, each grew by doubling: 17,000
    /// allocations of 5.4 MB on a 2 MB plan, for arrays of a few blocks.
    private var scratch: [Block] = []

    init(text: SourceText, parallelLines: Int = 2048) {
        self.text = text
        self.isPlainText = !BlockParser.hasATXHeading(text)
        self.parallelLines = parallelLines
    }

    func parse() -> [Block] {
        var parser = self
        // Blocks are large values: no joined copies (moving the array down for front matter copies nothing).
        guard let frontMatter = frontMatter() else { return parser.parseTopLevel(0..<text.lines.count) }
        var blocks = parser.parseTopLevel(frontMatter.lines.upperBound..<text.lines.count)
        blocks.insert(frontMatter, at: 0)
        return blocks
    }

    /// The top-level blocks of `range`. A long document is parsed in parts, by two threads: one part from the
    /// start, the others speculatively from heading lines at a quarter, a half and three quarters. Where a
    /// top-level block starts does not depend on anything parsed before it, so when a part reaches the next
    /// one's first line as a block boundary, the next part's blocks are exactly what it would have found; when a
    /// block runs across that line (a code fence, say), the part simply parses on to the end and the parts
    /// after it are dropped. Parts are taken by whichever thread is free: a thread whose core the host takes
    /// holds up a quarter of the parse, not half.
    private mutating func parseTopLevel(_ range: Range<Int>) -> [Block] {
        let starts = [range.lowerBound] + (range.count >= parallelLines ? splitCandidates(in: range) : [])
        guard starts.count > 1 else { return parseBlocks(range, topLevel: true) }
        let parser = self
        var parts = SideBySide.map(starts.count, minimum: 2) { part -> [Block] in
            // Each part with a parser (and a scratch) of its own, parsing up to the same limit: blocks near the
            // end see the same lines either way. The first part has room for the whole document's blocks.
            var own = parser
            let boundary = part + 1 < starts.count ? starts[part + 1] : range.upperBound
            return own.parseBlocks(starts[part]..<range.upperBound, topLevel: true, stoppingAt: boundary,
                                   roomForLines: part == 0 ? range.count : boundary - starts[part])
        }
        var blocks: [Block] = []
        swap(&blocks, &parts[0])
        for part in 1..<starts.count {
            guard blocks.last?.lines.upperBound == starts[part] else { break }
            blocks.append(contentsOf: parts[part])
        }
        return blocks
    }

    /// The first ATX heading line at column 0 after each quarter of `range`, in order and without repeats.
    private func splitCandidates(in range: Range<Int>) -> [Int] {
        var candidates: [Int] = []
        for quarter in 1...3 {
            var index = max(range.lowerBound + range.count * quarter / 4, (candidates.last ?? range.lowerBound) + 1)
            while index < range.upperBound {
                let line = line(index)
                if line.start < line.contentEnd, bytes[line.start] == UInt8(ascii: "#"), atxHeading(index) != nil {
                    candidates.append(index)
                    break
                }
                index += 1
            }
        }
        return candidates
    }

    // MARK: Line facts

    private var bytes: [UInt8] { text.bytes }

    private func line(_ index: Int) -> SourceText.Line { text.lines[index] }

    /// Offset of the first byte that is not a space or tab, or `contentEnd`.
    private func firstNonSpace(_ index: Int) -> Int {
        let line = line(index)
        var offset = line.start
        while offset < line.contentEnd, bytes[offset].isSpaceOrTab { offset += 1 }
        return offset
    }

    private func indent(_ index: Int) -> Int {
        let line = line(index)
        var column = 0
        var offset = line.start
        while offset < line.contentEnd, bytes[offset].isSpaceOrTab {
            column += bytes[offset] == 0x09 ? 4 - column % 4 : 1
            offset += 1
        }
        return column
    }

    private func isBlank(_ index: Int) -> Bool { firstNonSpace(index) == line(index).contentEnd }

    private func byte(_ offset: Int, in index: Int) -> UInt8? {
        offset < line(index).contentEnd ? bytes[offset] : nil
    }

    private func lines(_ range: Range<Int>) -> Range<Int> {
        line(range.lowerBound).start..<line(range.upperBound - 1).end
    }

    // MARK: Blocks

    /// The blocks of `range`; with `boundary`, stops when a block ends exactly there.
    private mutating func parseBlocks(_ range: Range<Int>, topLevel: Bool, stoppingAt boundary: Int? = nil,
                                      roomForLines room: Int? = nil) -> [Block] {
        let mark = scratch.count
        var blocks: [Block] = []
        // A top-level block spans a few lines on average; growing a large array copies every block so far.
        if topLevel { blocks.reserveCapacity((room ?? range.count) / 3 + 1) }
        var index = range.lowerBound
        while index < range.upperBound, index != boundary {
            let (block, end) = nextBlock(at: index, limit: range.upperBound, topLevel: topLevel)
            if topLevel { blocks.append(block) } else { scratch.append(block) }
            index = end
        }
        return topLevel ? blocks : takeScratch(from: mark)
    }

    /// The blocks from `mark` on, copied off the scratch into an array of their own. (`Array(scratch[mark...])`
    /// shares the scratch's storage when the slice is all of it, and the scratch then grows a new one.)
    private mutating func takeScratch(from mark: Int) -> [Block] {
        let count = scratch.count - mark
        let blocks = [Block](unsafeUninitializedCapacity: count) { buffer, initialized in
            scratch.withUnsafeBufferPointer { _ = buffer.initialize(fromContentsOf: $0[mark...]) }
            initialized = count
        }
        scratch.removeSubrange(mark...)
        return blocks
    }

    /// The block that starts at line `index` and the line after it.
    private mutating func nextBlock(at index: Int, limit: Int, topLevel: Bool) -> (Block, Int) {
        if isBlank(index) {
            var end = index + 1
            while end < limit, isBlank(end) { end += 1 }
            return (leaf(.blank, index..<end, content: line(index).start..<line(index).start), end)
        } else if let fence = fenceEnd(from: index, limit: limit) {
            return (leaf(.codeFence, index..<fence, content: text.trimmed(line(index).start..<line(index).contentEnd)), fence)
        } else if let heading = atxHeading(index) {
            return (heading, index + 1)
        } else if isThematicBreak(index) {
            return (leaf(.thematicBreak, index..<index + 1, content: text.trimmed(line(index).start..<line(index).contentEnd)), index + 1)
        } else if isQuote(index) {
            var end = index + 1
            while end < limit, isQuote(end) { end += 1 }
            return (leaf(.blockQuote, index..<end, content: lines(index..<end)), end)
        } else if listItem(index) != nil {
            return parseList(from: index, limit: limit)
        } else if index + 1 < limit, isTableStart(index) {
            return parseTable(from: index, limit: limit)
        } else {
            return parseParagraph(from: index, limit: limit, topLevel: topLevel)
        }
    }

    private func leaf(_ kind: Block.Kind, _ lineRange: Range<Int>, content: Range<Int>) -> Block {
        Block(kind: kind, range: lines(lineRange), lines: lineRange, content: content)
    }

    private func frontMatter() -> Block? {
        guard !text.lines.isEmpty, isFence(line: 0, of: "---") else { return nil }
        for index in 1..<text.lines.count where isFence(line: index, of: "---") || isFence(line: index, of: "...") {
            return leaf(.frontMatter, 0..<index + 1, content: line(1).start..<line(index).start)
        }
        return nil
    }

    private func isFence(line index: Int, of marker: String) -> Bool {
        let range = text.trimmed(line(index).start..<line(index).contentEnd)
        return range.lowerBound == line(index).start && bytes[range].elementsEqual(marker.utf8)
    }

    private func atxHeading(_ index: Int) -> Block? {
        guard indent(index) < 4 else { return nil }
        var offset = firstNonSpace(index)
        let end = line(index).contentEnd
        var level = 0
        while offset < end, bytes[offset] == UInt8(ascii: "#") {
            level += 1
            offset += 1
        }
        guard (1...6).contains(level), offset == end || bytes[offset].isSpaceOrTab else { return nil }
        var content = text.trimmed(offset..<end)
        // A closing run of `#` preceded by a space is not part of the title.
        var closing = content.upperBound
        while closing > content.lowerBound, bytes[closing - 1] == UInt8(ascii: "#") { closing -= 1 }
        if closing < content.upperBound, closing == content.lowerBound || bytes[closing - 1].isSpaceOrTab {
            content = text.trimmed(content.lowerBound..<closing)
        }
        return leaf(.heading(level: level, style: .atx), index..<index + 1, content: content)
    }

    private func isThematicBreak(_ index: Int) -> Bool {
        guard indent(index) < 4 else { return false }
        let range = firstNonSpace(index)..<line(index).contentEnd
        guard let first = bytes[range].first, first == UInt8(ascii: "-") || first == UInt8(ascii: "*") || first == UInt8(ascii: "_") else {
            return false
        }
        var count = 0
        for byte in bytes[range] {
            if byte == first { count += 1 } else if !byte.isSpaceOrTab { return false }
        }
        return count >= 3
    }

    private func isQuote(_ index: Int) -> Bool {
        indent(index) < 4 && byte(firstNonSpace(index), in: index) == UInt8(ascii: ">")
    }

    /// The line after a fenced code block starting at `index`, or nil when `index` opens none.
    private func fenceEnd(from index: Int, limit: Int) -> Int? {
        let start = firstNonSpace(index)
        guard let mark = byte(start, in: index), mark == UInt8(ascii: "`") || mark == UInt8(ascii: "~") else { return nil }
        var length = 0
        while byte(start + length, in: index) == mark { length += 1 }
        guard length >= 3 else { return nil }
        if mark == UInt8(ascii: "`"), bytes[(start + length)..<line(index).contentEnd].contains(UInt8(ascii: "`")) { return nil }
        var closing = index + 1
        while closing < limit {
            let offset = firstNonSpace(closing)
            var run = 0
            while byte(offset + run, in: closing) == mark { run += 1 }
            if run >= length, text.trimmed((offset + run)..<line(closing).contentEnd).isEmpty { return closing + 1 }
            closing += 1
        }
        return limit
    }

    // MARK: Lists

    private struct ItemStart {
        var marker: ListItem.Marker
        var markerRange: Range<Int>
        var indent: Int
        var contentStart: Int
    }

    private func listItem(_ index: Int) -> ItemStart? {
        let start = firstNonSpace(index)
        let end = line(index).contentEnd
        guard start < end else { return nil }
        let first = bytes[start]
        var markerEnd: Int
        let marker: ListItem.Marker
        if first == UInt8(ascii: "-") || first == UInt8(ascii: "*") || first == UInt8(ascii: "+") {
            marker = .bullet(Unicode.Scalar(first))
            markerEnd = start + 1
        } else if first == 0xE2, start + 2 < end, bytes[start + 1] == 0x80, bytes[start + 2] == 0xA2 {
            marker = .bullet("•")
            markerEnd = start + 3
        } else if first.isASCIIDigit {
            var offset = start
            var number = 0
            while offset < end, bytes[offset].isASCIIDigit, offset - start < 9 {
                number = number * 10 + Int(bytes[offset] - 0x30)
                offset += 1
            }
            guard offset < end, bytes[offset] == UInt8(ascii: ".") || bytes[offset] == UInt8(ascii: ")") else { return nil }
            marker = .ordered(number: number, delimiter: bytes[offset])
            markerEnd = offset + 1
        } else {
            return nil
        }
        guard markerEnd == end || bytes[markerEnd].isSpaceOrTab else { return nil }
        var contentStart = markerEnd
        while contentStart < end, bytes[contentStart].isSpaceOrTab { contentStart += 1 }
        return ItemStart(marker: marker, markerRange: start..<markerEnd, indent: indent(index), contentStart: contentStart)
    }

    private mutating func parseList(from first: Int, limit: Int) -> (Block, Int) {
        guard let head = listItem(first) else { preconditionFailure("parseList called on a line that opens no item") }
        let base = head.indent
        let mark = scratch.count
        var index = first
        var listEnd = first + 1
        while index < limit, let start = listItem(index), start.indent <= base + 1, start.marker.continues(head.marker) {
            var next = index + 1
            var lastText = index
            while next < limit {
                if isBlank(next) { next += 1; continue }
                if indent(next) > base + 1 {
                    if let fence = fenceEnd(from: next, limit: limit) {
                        lastText = fence - 1
                        next = fence
                    } else {
                        lastText = next
                        next += 1
                    }
                    continue
                }
                if lastText == next - 1, listItem(next) == nil, !interruptsParagraph(next, limit: limit) {
                    lastText = next
                    next += 1
                    continue
                }
                break
            }
            let itemEnd = lastText + 1
            let item = itemBlock(start, lines: index..<itemEnd)
            scratch.append(item)
            listEnd = itemEnd
            var following = itemEnd
            while following < limit, isBlank(following) { following += 1 }
            guard following < limit, let sibling = listItem(following), sibling.indent <= base + 1, sibling.indent + 1 >= base,
                  sibling.marker.continues(head.marker) else { break }
            index = following
        }
        let list = Block(kind: .list, range: lines(first..<listEnd), lines: first..<listEnd, content: line(first).start..<line(first).start,
                         children: takeScratch(from: mark))
        return (list, listEnd)
    }

    private mutating func itemBlock(_ start: ItemStart, lines lineRange: Range<Int>) -> Block {
        let index = lineRange.lowerBound
        let contentEnd = text.trimmed(start.contentStart..<line(index).contentEnd).upperBound
        var content = start.contentStart..<max(start.contentStart, contentEnd)
        let checkbox = self.checkbox(in: content)
        if let checkbox {
            var after = checkbox.range.upperBound
            while after < content.upperBound, bytes[after].isSpaceOrTab { after += 1 }
            content = after..<content.upperBound
        }
        let item = ListItem(marker: start.marker, markerRange: start.markerRange, indent: start.indent, checkbox: checkbox)
        let children = lineRange.count > 1 ? parseBlocks(index + 1..<lineRange.upperBound, topLevel: false) : []
        return Block(kind: .listItem(item), range: lines(lineRange), lines: lineRange, content: content, children: children)
    }

    // Compared as UTF-8: none of these has another canonical form, and a `Set<String>` normalizes a string
    // outside ASCII to hash it (whose first use looks up conformances at run time, 0.28 ms of a start).
    private static let checkedGlyphs = ["✅", "✔", "✔️", "☑", "☑️", "✓", "🗹"].map { Array($0.utf8) }
    private static let uncheckedGlyphs = ["☐", "◯", "○", "⬜", "⬜️", "🔲"].map { Array($0.utf8) }

    private func checkbox(in content: Range<Int>) -> Checkbox? {
        let start = content.lowerBound
        if content.count >= 3, bytes[start] == UInt8(ascii: "["), bytes[start + 2] == UInt8(ascii: "]"),
           content.count == 3 || bytes[start + 3].isSpaceOrTab {
            switch bytes[start + 1] {
            case UInt8(ascii: " "): return Checkbox(isChecked: false, range: start..<start + 3)
            case UInt8(ascii: "x"), UInt8(ascii: "X"): return Checkbox(isChecked: true, range: start..<start + 3)
            default: return nil
            }
        }
        // A glyph, possibly mis-encoded, then a space or the end of the line. Every glyph, and every
        // mis-encoding of one, opens with a byte outside ASCII: most items are over after one comparison.
        guard start < content.upperBound, bytes[start] >= 0x80 else { return nil }
        var end = start
        while end < content.upperBound, !bytes[end].isSpaceOrTab, end - start < 12 { end += 1 }
        guard end > start, end == content.upperBound || bytes[end].isSpaceOrTab else { return nil }
        var repaired = MojibakeRepair.repair(bytes[start..<end])
        let isChecked = repaired.withUTF8 { glyph -> Bool? in
            func isGlyph(_ candidate: [UInt8]) -> Bool { candidate.count == glyph.count && candidate.elementsEqual(glyph) }
            if Self.checkedGlyphs.contains(where: isGlyph) { return true }
            if Self.uncheckedGlyphs.contains(where: isGlyph) { return false }
            return nil
        }
        return isChecked.map { Checkbox(isChecked: $0, range: start..<end) }
    }

    // MARK: Tables

    private func isTableStart(_ index: Int) -> Bool {
        index + 1 < text.lines.count && containsPipe(index) && isDelimiterRow(index + 1)
    }

    private func containsPipe(_ index: Int) -> Bool {
        bytes[line(index).start..<line(index).contentEnd].contains(UInt8(ascii: "|"))
    }

    private func isDelimiterRow(_ index: Int) -> Bool {
        guard containsPipe(index), indent(index) < 4 else { return false }
        let cells = self.cells(index)
        guard !cells.isEmpty else { return false }
        for cell in cells {
            var body = bytes[cell]
            if body.first == UInt8(ascii: ":") { body = body.dropFirst() }
            if body.last == UInt8(ascii: ":") { body = body.dropLast() }
            guard !body.isEmpty, body.allSatisfy({ $0 == UInt8(ascii: "-") }) else { return false }
        }
        return true
    }

    /// Trimmed cell ranges: split on unescaped `|`, without the row's outer pipes.
    private func cells(_ index: Int) -> [Range<Int>] {
        var range = text.trimmed(line(index).start..<line(index).contentEnd)
        if range.first.map({ bytes[$0] == UInt8(ascii: "|") }) == true { range = range.lowerBound + 1..<range.upperBound }
        if range.count > 0, bytes[range.upperBound - 1] == UInt8(ascii: "|"),
           range.count < 2 || bytes[range.upperBound - 2] != UInt8(ascii: "\\") {
            range = range.lowerBound..<range.upperBound - 1
        }
        var cells: [Range<Int>] = []
        var cellStart = range.lowerBound
        var offset = range.lowerBound
        while offset < range.upperBound {
            if bytes[offset] == UInt8(ascii: "\\") {
                offset += 2
                continue
            }
            if bytes[offset] == UInt8(ascii: "|") {
                cells.append(text.trimmed(cellStart..<offset))
                cellStart = offset + 1
            }
            offset += 1
        }
        cells.append(text.trimmed(cellStart..<min(range.upperBound, max(cellStart, range.upperBound))))
        return cells
    }

    private func parseTable(from first: Int, limit: Int) -> (Block, Int) {
        var rows = [
            row(.header, first),
            row(.delimiter, first + 1),
        ]
        var index = first + 2
        while index < limit, !isBlank(index), containsPipe(index), fenceEnd(from: index, limit: limit) == nil,
              atxHeading(index) == nil, !isQuote(index) {
            rows.append(row(.body, index))
            index += 1
        }
        let table = Block(kind: .table, range: lines(first..<index), lines: first..<index, content: line(first).start..<line(first).start, children: rows)
        return (table, index)
    }

    private func row(_ role: TableRow.Role, _ index: Int) -> Block {
        leaf(.tableRow(TableRow(role: role, cells: cells(index))), index..<index + 1, content: text.trimmed(line(index).start..<line(index).contentEnd))
    }

    // MARK: Paragraphs and headings

    private func interruptsParagraph(_ index: Int, limit: Int) -> Bool {
        isBlank(index) || fenceEnd(from: index, limit: limit) != nil || atxHeading(index) != nil || isThematicBreak(index)
            || isQuote(index) || listItem(index) != nil || (index + 1 < limit && isTableStart(index))
    }

    private func setextLevel(_ index: Int) -> Int? {
        guard indent(index) < 4 else { return nil }
        let range = text.trimmed(firstNonSpace(index)..<line(index).contentEnd)
        guard let first = range.first.map({ bytes[$0] }), first == UInt8(ascii: "=") || first == UInt8(ascii: "-") else { return nil }
        guard bytes[range].allSatisfy({ $0 == first }) else { return nil }
        return first == UInt8(ascii: "=") ? 1 : 2
    }

    private func parseParagraph(from first: Int, limit: Int, topLevel: Bool) -> (Block, Int) {
        var end = first + 1
        while end < limit {
            if let level = setextLevel(end) {
                let content = text.trimmed(line(first).start..<line(end - 1).contentEnd)
                return (leaf(.heading(level: level, style: .setext), first..<end + 1, content: content), end + 1)
            }
            if interruptsParagraph(end, limit: limit) { break }
            end += 1
        }
        let content = text.trimmed(line(first).start..<line(end - 1).contentEnd)
        if topLevel, end == first + 1, indent(first) == 0, first == 0 || isBlank(first - 1),
           isPlainText || ((end == limit || isBlank(end)) && looksLikeBatchTitle(content)), looksLikeBareTitle(content) {
            return (leaf(.heading(level: 2, style: .bare), first..<end, content: content), end)
        }
        return (leaf(.paragraph, first..<end, content: content), end)
    }

    private static let titleKeywords = ["Batch ", "Workstream ", "Milestone ", "Phase ", "Epic ", "Stage ", "Track "].map { Array($0.utf8) }

    /// `Batch N17: Title` on a line of its own: text pasted from a rendered page into a markdown file.
    private func looksLikeBatchTitle(_ content: Range<Int>) -> Bool {
        let line = bytes[content]
        guard let keyword = Self.titleKeywords.first(where: { line.starts(with: $0) }) else { return false }
        let token = line.dropFirst(keyword.count).prefix(while: { $0 != UInt8(ascii: ":") && $0 != UInt8(ascii: " ") })
        guard !token.isEmpty, token.count <= 12, token.contains(where: { $0.isASCIIDigit }) || token.count == 1 else { return false }
        let after = line.dropFirst(keyword.count + token.count)
        return after.first == UInt8(ascii: ":") || after.starts(with: Array(" — ".utf8)) || after.starts(with: Array(" – ".utf8))
    }

    /// A short line without sentence punctuation at its end or markdown marks: a title that lost its `#`.
    private func looksLikeBareTitle(_ content: Range<Int>) -> Bool {
        guard (1...120).contains(content.count) else { return false }
        let last = bytes[content.upperBound - 1]
        if [UInt8(ascii: "."), UInt8(ascii: ":"), UInt8(ascii: ";"), UInt8(ascii: ","), UInt8(ascii: "!"), UInt8(ascii: "?")].contains(last) {
            return false
        }
        var words = 1
        for byte in bytes[content] {
            if byte == UInt8(ascii: "|") || byte == UInt8(ascii: "`") || byte == UInt8(ascii: "*") || byte == UInt8(ascii: "[") { return false }
            if byte == UInt8(ascii: " ") { words += 1 }
        }
        return words <= 14
    }

    private static func hasATXHeading(_ text: SourceText) -> Bool {
        let bytes = text.bytes
        for line in text.lines {
            var offset = line.start
            while offset < line.contentEnd, offset - line.start < 4, bytes[offset] == 0x20 { offset += 1 }
            var level = 0
            while offset < line.contentEnd, bytes[offset] == UInt8(ascii: "#") {
                level += 1
                offset += 1
            }
            if (1...6).contains(level), offset == line.contentEnd || bytes[offset].isSpaceOrTab { return true }
        }
        return false
    }
}

extension ListItem.Marker {
    /// Whether an item with this marker continues a list opened by `other` (CommonMark: same bullet, same delimiter).
    func continues(_ other: ListItem.Marker) -> Bool {
        switch (self, other) {
        case (.bullet(let a), .bullet(let b)): a == b
        case (.ordered(_, let a), .ordered(_, let b)): a == b
        default: false
        }
    }
}
