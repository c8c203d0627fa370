/// A plan file read into a lossless block tree.
public struct PlanDocument: Sendable {
    public let source: SourceText
    public let blocks: [Block]
    /// No `#` headings anywhere: text copied from a rendered page, whose titles are bare lines.
    public let isPlainText: Bool

    public init(bytes: [UInt8]) {
        let source = SourceText(bytes: bytes)
        let parser = BlockParser(text: source)
        self.source = source
        self.isPlainText = parser.isPlainText
        self.blocks = parser.parse()
    }

    public init(_ string: String) {
        self.init(bytes: Array(string.utf8))
    }

    /// Calls `body` on every paragraph and list item under the top-level blocks `range`, at any depth, in
    /// document order, with its inline text, the lines that are its own (not its children's), and whether it
    /// is a top-level paragraph.
    public func forEachText(in range: Range<Int>, _ body: (_ content: Range<Int>, _ ownLines: Range<Int>, _ isTopLevelParagraph: Bool) -> Void) {
        // Through buffers, and only ranges handed on: nodes are read where they lie, never copied (a copy of
        // each would retain its children and its kind's payload).
        func visit(_ nodes: UnsafeBufferPointer<Block>, isTopLevel: Bool) {
            for index in nodes.indices {
                let children = nodes[index].children
                let isParagraph: Bool? = switch nodes[index].kind {
                case .paragraph: true
                case .listItem: false
                default: nil
                }
                if let isParagraph {
                    let ownEnd = children.isEmpty ? nodes[index].lines.upperBound : children[0].lines.lowerBound
                    body(nodes[index].content, nodes[index].lines.lowerBound..<ownEnd, isTopLevel && isParagraph)
                }
                if !children.isEmpty {
                    children.withUnsafeBufferPointer { visit($0, isTopLevel: false) }
                }
            }
        }
        blocks.withUnsafeBufferPointer { visit(UnsafeBufferPointer(rebasing: $0[range]), isTopLevel: true) }
    }

    /// The document printed back from its tree; equal to the input for every input.
    public func printed() -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(source.bytes.count)
        var cursor = 0
        for block in blocks {
            block.print(from: source.bytes, cursor: &cursor, into: &output)
        }
        output += source.bytes[cursor...]
        return output
    }
}

extension Block {
    /// Appends the bytes from `cursor` to the end of this block, children in order.
    func print(from bytes: [UInt8], cursor: inout Int, into output: inout [UInt8]) {
        output += bytes[cursor..<range.lowerBound]
        cursor = range.lowerBound
        for child in children {
            child.print(from: bytes, cursor: &cursor, into: &output)
        }
        output += bytes[cursor..<range.upperBound]
        cursor = range.upperBound
    }

    /// Calls `body` on this block and every descendant, depth first, parents before children.
    public func walk(_ body: (Block, Int) -> Void, depth: Int = 0) {
        body(self, depth)
        // Through the buffer each child is borrowed, not copied (a copy retains its children and payload).
        children.withUnsafeBufferPointer { children in
            for index in children.indices { children[index].walk(body, depth: depth + 1) }
        }
    }
}
