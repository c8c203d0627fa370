/// Where a fact was read: a byte range of the plan file and the 1-based line and column of its start.
///
/// Columns count UTF-8 bytes, as the Swift compiler and clang do.
public struct SourceSpan: Sendable, Hashable, Codable {
    public var start: Int
    public var end: Int
    public var line: Int
    public var column: Int

    public init(start: Int, end: Int, line: Int, column: Int) {
        self.start = start
        self.end = end
        self.line = line
        self.column = column
    }
}
