/// A node of the lossless block tree. Its `range` covers whole lines including their terminators;
/// children lie inside it in order, and the bytes between children belong to the node itself.
public struct Block: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case frontMatter
        case heading(level: Int, style: HeadingStyle)
        case paragraph
        case list
        case listItem(ListItem)
        case table
        case tableRow(TableRow)
        case codeFence
        case blockQuote
        case thematicBreak
        case blank
    }

    public enum HeadingStyle: String, Sendable, Hashable {
        /// `# Title`
        case atx
        /// `Title` underlined with `===` or `---`.
        case setext
        /// A title line of text copied from a rendered page: no marks, blank lines around it.
        case bare
    }

    public var kind: Kind
    // Bounds in 32 bits, as in `SourceText.Line`: a plan has a block for every 35 bytes or so.
    private var rangeStart, rangeEnd, lineStart, lineEnd, contentStart, contentEnd: Int32
    public var children: [Block]

    /// Bytes of the whole node.
    public var range: Range<Int> {
        get { Int(rangeStart)..<Int(rangeEnd) }
        set { (rangeStart, rangeEnd) = (Int32(newValue.lowerBound), Int32(newValue.upperBound)) }
    }

    /// 0-based indices of the lines the node covers.
    public var lines: Range<Int> {
        get { Int(lineStart)..<Int(lineEnd) }
        set { (lineStart, lineEnd) = (Int32(newValue.lowerBound), Int32(newValue.upperBound)) }
    }

    /// The node's own inline text: a heading's title, a list item's first line after its marker
    /// and checkbox, a paragraph's text; empty for containers.
    public var content: Range<Int> {
        get { Int(contentStart)..<Int(contentEnd) }
        set { (contentStart, contentEnd) = (Int32(newValue.lowerBound), Int32(newValue.upperBound)) }
    }

    public init(kind: Kind, range: Range<Int>, lines: Range<Int>, content: Range<Int>, children: [Block] = []) {
        self.kind = kind
        (rangeStart, rangeEnd) = (Int32(range.lowerBound), Int32(range.upperBound))
        (lineStart, lineEnd) = (Int32(lines.lowerBound), Int32(lines.upperBound))
        (contentStart, contentEnd) = (Int32(content.lowerBound), Int32(content.upperBound))
        self.children = children
    }

    /// A short name of the kind, for `baton inspect`.
    public var kindName: String {
        switch kind {
        case .frontMatter: "front-matter"
        case .heading(let level, let style): "heading(\(style.rawValue), \(level))"
        case .paragraph: "paragraph"
        case .list: "list"
        case .listItem(let item): item.checkbox == nil ? "item" : "task"
        case .table: "table"
        case .tableRow(let row): "row(\(row.role.rawValue), \(row.cells.count) cells)"
        case .codeFence: "code"
        case .blockQuote: "quote"
        case .thematicBreak: "break"
        case .blank: "blank"
        }
    }
}

/// The marker and checkbox of a list item.
/// Offsets are stored in 32 bits (plans are read up to 64 MiB): every list item of a plan is a `Block`, and
/// a smaller block is cheaper to make, keep and copy.
public struct ListItem: Sendable, Hashable {
    public enum Marker: Sendable, Hashable {
        /// `-`, `*`, `+` or `•`.
        case bullet(Unicode.Scalar)
        /// `1.` or `1)`.
        case ordered(number: Int, delimiter: UInt8)
    }

    public var marker: Marker
    private var markerStart: Int32
    private var markerEnd: Int32
    private var indentColumns: Int32
    public var checkbox: Checkbox?

    public var markerRange: Range<Int> {
        get { Int(markerStart)..<Int(markerEnd) }
        set { (markerStart, markerEnd) = (Int32(newValue.lowerBound), Int32(newValue.upperBound)) }
    }

    /// Column of the marker, counting a tab as four.
    public var indent: Int {
        get { Int(indentColumns) }
        set { indentColumns = Int32(clamping: newValue) }
    }

    public init(marker: Marker, markerRange: Range<Int>, indent: Int, checkbox: Checkbox?) {
        self.marker = marker
        self.markerStart = Int32(markerRange.lowerBound)
        self.markerEnd = Int32(markerRange.upperBound)
        self.indentColumns = Int32(clamping: indent)
        self.checkbox = checkbox
    }
}

/// `[ ]`, `[x]`, or a glyph such as `✅` or `☐` that opens a task item.
public struct Checkbox: Sendable, Hashable {
    public var isChecked: Bool
    private var start: Int32
    private var end: Int32

    public var range: Range<Int> {
        get { Int(start)..<Int(end) }
        set { (start, end) = (Int32(newValue.lowerBound), Int32(newValue.upperBound)) }
    }

    public init(isChecked: Bool, range: Range<Int>) {
        self.isChecked = isChecked
        self.start = Int32(range.lowerBound)
        self.end = Int32(range.upperBound)
    }

    /// The glyph as written, repaired when mis-encoded (`[x]`, `✅`).
    public func glyph(in source: SourceText) -> String {
        source.repairedString(range)
    }
}

/// One line of a GFM table with the byte ranges of its trimmed cells.
public struct TableRow: Sendable, Hashable {
    public enum Role: String, Sendable, Hashable {
        case header, delimiter, body
    }
    public var role: Role
    public var cells: [Range<Int>]

    public init(role: Role, cells: [Range<Int>]) {
        self.role = role
        self.cells = cells
    }
}
