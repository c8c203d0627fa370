@testable import PlanSyntax
import Testing

@Suite struct BlockParserTests {
    private func kinds(_ text: String) -> [String] {
        var names: [String] = []
        for block in PlanDocument(text).blocks {
            block.walk { node, depth in
                if case .blank = node.kind { return }
                names.append(String(repeating: ".", count: depth) + node.kindName)
            }
        }
        return names
    }

    private func content(_ document: PlanDocument, _ block: Block) -> String {
        document.source.string(block.content)
    }

    @Test func headingsOfEveryStyle() {
        let document = PlanDocument("# Title #\n\nSetext\n======\n\nText\n---\n")
        #expect(document.blocks.map(\.kindName) == ["heading(atx, 1)", "blank", "heading(setext, 1)", "blank", "heading(setext, 2)"])
        #expect(content(document, document.blocks[0]) == "Title")
        #expect(content(document, document.blocks[2]) == "Setext")
    }

    @Test func bareTitlesOnlyInPlainText() {
        let plain = PlanDocument("Next Batch\n\nBatch B1: Recovery\n\nPurpose: Restore tests.\n\nWhy now:\n\n  • tables missing\n")
        #expect(plain.isPlainText)
        #expect(plain.blocks.filter { $0.kindName == "heading(bare, 2)" }.map { content(plain, $0) } == ["Next Batch", "Batch B1: Recovery"])
        let markdown = PlanDocument("# Plan\n\nShort line\n\nOther\n")
        #expect(!markdown.isPlainText)
        #expect(markdown.blocks.filter { $0.kindName == "paragraph" }.count == 2)
    }

    @Test func batchTitlesPastedIntoMarkdown() {
        let document = PlanDocument("# Plan\n\nBatch N7: Search index\n\nMerge order\n\nBatch N8 is next.\n")
        #expect(!document.isPlainText)
        #expect(document.blocks.map(\.kindName) == ["heading(atx, 1)", "blank", "heading(bare, 2)", "blank", "paragraph", "blank", "paragraph"])
    }

    @Test func nestedListsWithEveryMarker() {
        #expect(kinds("- a\n  - b\n    1. c\n    2) d\n* e\n+ f\n• g\n") == [
            "list", ".item", "..list", "...item", "....list", ".....item", "....list", ".....item",
            "list", ".item", "list", ".item", "list", ".item",
        ])
    }

    /// Long lists keep every item in order, with its children: lists of any length, nested in each other.
    @Test(arguments: [1, 2, 15, 16, 17, 40])
    func listsOfAnyLengthKeepEveryItem(count: Int) throws {
        let text = (1...count).map { "- item \($0)\n" + ($0 % 3 == 0 ? (1...count).map { "  - sub \($0)\n" }.joined() : "") }.joined()
        let document = PlanDocument(text)
        let list = try #require(document.blocks.first)
        #expect(document.blocks.count == 1)
        #expect(list.children.map { content(document, $0) } == (1...count).map { "item \($0)" })
        for (position, item) in list.children.enumerated() where (position + 1) % 3 == 0 {
            #expect(item.children.first?.children.map { content(document, $0) } == (1...count).map { "sub \($0)" })
        }
        #expect(document.printed() == Array(text.utf8))
    }

    @Test(arguments: [
        ("- [ ] open", false, "[ ]"), ("- [x] done", true, "[x]"), ("- [X] done", true, "[X]"),
        ("- ✅ done", true, "✅"), ("- ☐ open", false, "☐"), ("- ◯ open", false, "◯"), ("- ✔ done", true, "✔"),
        ("- âœ… mis-encoded", true, "✅"),
    ])
    func taskItems(line: String, checked: Bool, glyph: String) throws {
        let document = PlanDocument(line + "\n")
        let item = try #require(document.blocks.first?.children.first)
        guard case .listItem(let listItem) = item.kind else { Issue.record("not an item"); return }
        let checkbox = try #require(listItem.checkbox)
        #expect(checkbox.isChecked == checked)
        #expect(checkbox.glyph(in: document.source) == glyph)
        #expect(!content(document, item).isEmpty)
    }

    @Test func orderedListsRestartAndNumbersAreKept() throws {
        let document = PlanDocument("1. a\n2. b\n\nText\n\n1. c\n")
        let lists = document.blocks.filter { $0.kindName == "list" }
        #expect(lists.count == 2)
        guard case .listItem(let item) = try #require(lists[0].children.last).kind, case .ordered(let number, _) = item.marker else {
            Issue.record("expected an ordered item"); return
        }
        #expect(number == 2)
    }

    @Test func tablesKeepRowsOfAnyWidth() throws {
        let document = PlanDocument("| A | B | C |\n|---|:-:|--|\n| 1 | 2 |\n| 1 | 2 | 3 | 4 |\n| x \\| y | z | w |\n")
        let table = try #require(document.blocks.first)
        #expect(table.kindName == "table")
        let widths = table.children.map { block -> Int in
            guard case .tableRow(let row) = block.kind else { return -1 }
            return row.cells.count
        }
        #expect(widths == [3, 3, 2, 4, 3])
    }

    @Test func fencesHideTheirContent() {
        #expect(kinds("```swift\n# not a heading\n- not an item\n```\nafter\n") == ["code", "paragraph"])
        #expect(kinds("~~~\nunclosed\n- still code\n") == ["code"])
    }

    @Test func frontMatterOnlyAtTheStart() {
        #expect(kinds("---\ntodos:\n  - id: a\n---\n# T\n") == ["front-matter", "heading(atx, 1)"])
        #expect(kinds("# T\n\n---\n") == ["heading(atx, 1)", "break"])
    }

    @Test func lineLocationsAreOneBased() {
        let source = SourceText("ab\r\ncd\nef")
        #expect(source.lines.count == 3)
        #expect(source.location(of: 0) == (1, 1))
        #expect(source.location(of: 5) == (2, 2))
        #expect(source.location(of: 8) == (3, 2))
    }

    /// A document long enough to have its lines found by two threads has the lines a plain scan finds,
    /// whatever ends its lines and wherever its middle falls.
    @Test func linesOfALongDocumentAreThoseOfAPlainScan() {
        var generator = RoundTripTests.SplitMix64(state: 11)
        for round in 0..<4 {
            var bytes: [UInt8] = []
            while bytes.count < SourceText.parallelBytes + 1000 * round {
                bytes += [UInt8](repeating: UInt8(ascii: "x"), count: Int.random(in: 0...120, using: &generator))
                bytes += Bool.random(using: &generator) ? [0x0A] : [0x0D, 0x0A]
            }
            if round % 2 == 1 { bytes += Array("no newline at the end\r".utf8) }
            var expected: [(Int, Int, Int)] = []
            var start = 0
            for index in bytes.indices where bytes[index] == 0x0A {
                expected.append((start, index > start && bytes[index - 1] == 0x0D ? index - 1 : index, index + 1))
                start = index + 1
            }
            if start < bytes.count { expected.append((start, bytes.last == 0x0D ? bytes.count - 1 : bytes.count, bytes.count)) }
            let lines = SourceText(bytes: bytes).lines
            #expect(lines.count == expected.count)
            #expect(zip(lines, expected).allSatisfy { $0.start == $1.0 && $0.contentEnd == $1.1 && $0.end == $1.2 }, "round \(round)")
        }
    }

    /// Every offset of texts with long, short and empty lines finds the line a plain scan finds.
    @Test func everyOffsetFindsItsLine() {
        var generator = RoundTripTests.SplitMix64(state: 3)
        for _ in 0..<50 {
            var text = ""
            for _ in 0..<Int.random(in: 0...40, using: &generator) {
                text += String(repeating: "x", count: Int.random(in: 0...300, using: &generator))
                text += Bool.random(using: &generator) ? "\n" : "\r\n"
            }
            if Bool.random(using: &generator) { text += "tail" }
            let source = SourceText(text)
            for offset in 0...source.bytes.count {
                let expected = source.lines.lastIndex { $0.start <= offset } ?? 0
                #expect(source.lineIndex(containing: offset) == expected, "offset \(offset)")
            }
        }
    }
}
