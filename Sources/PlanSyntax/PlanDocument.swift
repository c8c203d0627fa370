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
    /// document order, saying whether it is a top-level block.
    public func forEachTextBlock(in range: Range<Int>, _ body: (_ node: Block, _ isTopLevel: Bool) -> Void) {
        // Through buffers, nodes are borrowed where they lie: a copy of each would retain its children.
        func visit(_ nodes: UnsafeBufferPointer<Block>, isTopLevel: Bool) {
            for index in nodes.indices {
                switch nodes[index].kind {
                case .paragraph, .listItem: body(nodes[index], isTopLevel)
                default: break
                }
                if !nodes[index].children.isEmpty {
                    nodes[index].children.withUnsafeBufferPointer { visit($0, isTopLevel: false) }
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
