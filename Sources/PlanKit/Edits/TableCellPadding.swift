import PlanSyntax

/// Keeps a table's pipes where they were when a cell's text changes length.
enum TableCellPadding {
    /// `edit` (the cell's trimmed text) widened over the cell's trailing spaces when the row's closing pipe lines up
    /// with the separator row's: then the spaces are adjusted so it still does. Rows that were not aligned keep
    /// their spaces, so that marking there and back gives the original bytes.
    static func adjust(_ edit: TextEdit, source: [UInt8], text: SourceText) -> TextEdit {
        let lineIndex = text.lineIndex(containing: edit.range.lowerBound)
        let line = text.lines[lineIndex]
        var pipe = edit.range.upperBound
        while pipe < line.contentEnd, source[pipe] == 0x20 { pipe += 1 }
        guard pipe < line.contentEnd, source[pipe] == UInt8(ascii: "|") else { return edit }
        let trailing = pipe - edit.range.upperBound
        let rowPipes = pipes(source, line)
        guard let cell = rowPipes.firstIndex(of: pipe) else { return edit }
        // The separator row above (`|---|---|`).
        var index = lineIndex - 1
        var separator: SourceText.Line?
        while index >= 0 {
            let candidate = text.lines[index]
            let content = source[candidate.start..<candidate.contentEnd]
            guard content.contains(UInt8(ascii: "|")) else { break }
            if content.allSatisfy({ [0x7C, 0x2D, 0x3A, 0x20, 0x09].contains($0) }) && content.contains(0x2D) {
                separator = candidate
                break
            }
            index -= 1
        }
        guard let separator else { return edit }
        let separatorPipes = pipes(source, separator)
        guard cell < separatorPipes.count else { return edit }
        let target = columns(source, separator.start..<separatorPipes[cell])
        guard columns(source, line.start..<pipe) == target else { return edit }
        let before = columns(source, line.start..<edit.range.lowerBound)
        let width = String(decoding: edit.replacement, as: UTF8.self).count
        let spaces = max(min(1, trailing), target - before - width)
        return TextEdit(range: edit.range.lowerBound..<pipe, replacement: edit.replacement + Array(repeating: 0x20, count: spaces))
    }

    /// Offsets of the unescaped pipes of a line.
    private static func pipes(_ source: [UInt8], _ line: SourceText.Line) -> [Int] {
        var result: [Int] = []
        var index = line.start
        while index < line.contentEnd {
            if source[index] == UInt8(ascii: "\\") { index += 2; continue }
            if source[index] == UInt8(ascii: "|") { result.append(index) }
            index += 1
        }
        return result
    }

    /// Characters (as an editor counts them) in a range.
    private static func columns(_ source: [UInt8], _ range: Range<Int>) -> Int {
        String(decoding: source[range], as: UTF8.self).count
    }
}
