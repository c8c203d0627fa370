/// One minimal change to a plan file: the bytes of `range` become `replacement`.
///
/// Edits are byte replacements so that everything they do not touch (line endings, BOM, encoding, even
/// invalid UTF-8) stays exactly as it was.
public struct TextEdit: Sendable, Hashable {
    /// The bytes replaced; an empty range inserts at its lower bound.
    public var range: Range<Int>
    public var replacement: [UInt8]

    public init(range: Range<Int>, replacement: [UInt8]) {
        self.range = range
        self.replacement = replacement
    }

    public init(range: Range<Int>, replacement: String) {
        self.init(range: range, replacement: Array(replacement.utf8))
    }

    /// Whether the edit would leave the bytes as they are.
    public func isNoOp(in source: [UInt8]) -> Bool {
        range.upperBound <= source.count && Array(source[range]) == replacement
    }

    /// `source` with every edit applied; edits must not overlap (insertions at the same offset keep their order).
    public static func apply(_ edits: [TextEdit], to source: [UInt8]) -> [UInt8] {
        // At one offset, insertions go before a replacement that starts there (a line added at the end of one
        // batch's block and a rewrite at the start of the next line).
        let sorted = edits.enumerated().sorted { left, right in
            if left.element.range.lowerBound != right.element.range.lowerBound {
                return left.element.range.lowerBound < right.element.range.lowerBound
            }
            if left.element.range.isEmpty != right.element.range.isEmpty { return left.element.range.isEmpty }
            return left.offset < right.offset
        }.map(\.element)
        var result: [UInt8] = []
        result.reserveCapacity(source.count + sorted.reduce(0) { $0 + $1.replacement.count })
        var cursor = 0
        for edit in sorted {
            precondition(edit.range.lowerBound >= cursor && edit.range.upperBound <= source.count, "overlapping or out-of-range edit")
            result += source[cursor..<edit.range.lowerBound]
            result += edit.replacement
            cursor = edit.range.upperBound
        }
        result += source[cursor...]
        return result
    }
}
