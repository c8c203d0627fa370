import PlanSyntax

/// The lines under a batch's entry (a list item or a heading) that hold its `Label: value` fields, and where a new
/// field line goes: after the last one, in its indent and bullet.
///
/// Shared by ``StatusInsertion`` (a `Status:` line) and ``EvidenceLine`` (an `Evidence:` line), so both write in
/// the same place and the same style.
struct FieldBlock {
    /// 0-based index of the entry line.
    var entryIndex: Int
    var isHeading: Bool
    var entryIndent: Int
    /// 0-based indexes of the lines of the block (the entry excluded).
    var lines: Range<Int>
    /// Field lines at the block's shallowest indent: index and lowercased label, in order.
    var fields: [(index: Int, label: String)]
    /// 0-based index of the line a new field line follows: the last field line and its sub-lines, else the entry.
    var after: Int
    /// The last field line, the model for a new one's prefix.
    var model: [UInt8]?

    /// The first entry of the batch that is not a table row: its own entry, else one of its detail sections.
    static func find(for batch: Batch, source: [UInt8], text: SourceText) -> FieldBlock? {
        let entries = [batch.source] + batch.detailSources.map(\.span)
        for entry in entries where entry.line >= 1 && entry.line <= text.lines.count {
            let entryIndex = entry.line - 1
            let entryLine = content(text.lines[entryIndex], source)
            let trimmed = entryLine.drop { $0 == 0x20 || $0 == 0x09 }
            if trimmed.first == UInt8(ascii: "|") { continue }
            let isHeading = trimmed.first == UInt8(ascii: "#")
            let entryIndent = entryLine.count - trimmed.count
            // The entry's block: deeper lines (or, under a heading, everything up to the next heading).
            var end = entryIndex + 1
            var lastContent = entryIndex
            while end < text.lines.count {
                let line = content(text.lines[end], source)
                let body = line.drop { $0 == 0x20 || $0 == 0x09 }
                if body.isEmpty { end += 1; continue }
                let indent = line.count - body.count
                if isHeading ? body.first == UInt8(ascii: "#") : indent <= entryIndent { break }
                lastContent = end
                end += 1
            }
            let block = entryIndex + 1..<lastContent + 1
            let childIndent = block.map { indent(content(text.lines[$0], source)) }.filter { $0 >= 0 }.min()
            var fields: [(index: Int, label: String)] = []
            var after = entryIndex
            var model: [UInt8]?
            for index in block {
                let line = content(text.lines[index], source)
                guard indent(line) == childIndent, let label = label(of: line) else { continue }
                fields.append((index, label))
                model = line
                after = index
                while after + 1 < block.upperBound, indent(content(text.lines[after + 1], source)) > childIndent! { after += 1 }
            }
            return FieldBlock(entryIndex: entryIndex, isHeading: isHeading, entryIndent: entryIndent, lines: block,
                              fields: fields, after: after, model: model)
        }
        return nil
    }

    /// Indent and bullet for a new field line: the block's own fields', else another batch's `Status:` line's,
    /// else none under a heading and a nested bullet under a list item.
    func prefix(plan: Plan, source: [UInt8], text: SourceText) -> String {
        if let line = model ?? Self.siblingFieldLine(plan: plan, source: source, text: text) { return Self.prefix(of: line) }
        return isHeading ? "" : String(repeating: " ", count: entryIndent + 2) + "- "
    }

    /// German when the block's labels are (`Ziel:`, `Abhängigkeiten:`), or, with no labels, the document's.
    func language(plan: Plan, source: [UInt8], text: SourceText) -> DocumentStyle.Language {
        let labels = fields.map(\.label)
        let german = labels.contains { Vocabulary.germanTerms.contains($0) }
            || (labels.isEmpty && text.lines.contains { Self.label(of: Self.content($0, source)).map(Vocabulary.germanTerms.contains) ?? false })
        return german ? .german : .english
    }

    /// The edit that adds `line` (no line ending) after ``after``, ending it as that line is ended.
    func insertion(of line: String, source: [UInt8], text: SourceText) -> (edit: TextEdit, lineEnding: String) {
        let anchor = text.lines[after]
        let ending = anchor.end > anchor.contentEnd ? String(decoding: source[anchor.contentEnd..<anchor.end], as: UTF8.self) : "\n"
        let replacement = anchor.end > anchor.contentEnd ? line + ending : "\n" + line
        return (TextEdit(range: anchor.end..<anchor.end, replacement: replacement), ending)
    }

    // MARK: Lines

    static func content(_ line: SourceText.Line, _ source: [UInt8]) -> [UInt8] {
        Array(source[line.start..<line.contentEnd])
    }

    /// Leading spaces (a tab counts as four); -1 for a blank line.
    static func indent(_ line: [UInt8]) -> Int {
        var count = 0
        for byte in line {
            if byte == 0x20 { count += 1 } else if byte == 0x09 { count += 4 } else { return count }
        }
        return -1
    }

    /// Indent, bullet and the spaces after it: everything before the label.
    static func prefix(of line: [UInt8]) -> String {
        var index = 0
        while index < line.count, line[index] == 0x20 || line[index] == 0x09 { index += 1 }
        let text = String(decoding: line[index...], as: UTF8.self)
        var bullet = 0
        if let first = text.first, "-*+•".contains(first) {
            bullet = String(first).utf8.count
        } else {
            let digits = text.prefix { $0.isASCII && $0.isNumber }
            if !digits.isEmpty, let mark = text.dropFirst(digits.count).first, mark == "." || mark == ")" { bullet = digits.count + 1 }
        }
        if bullet > 0 {
            index += bullet
            while index < line.count, line[index] == 0x20 { index += 1 }
        }
        return String(decoding: line[..<index], as: UTF8.self)
    }

    /// The lowercased label of a `Label: value` line (letters and spaces only, up to four words), or nil.
    static func label(of line: [UInt8]) -> String? {
        let rest = String(decoding: line.dropFirst(prefix(of: line).utf8.count), as: UTF8.self)
        let plain = rest.filter { $0 != "*" && $0 != "_" }
        guard let colon = plain.firstIndex(of: ":") else { return nil }
        let label = plain[..<colon]
        guard !label.isEmpty, label.allSatisfy({ $0.isLetter || $0 == " " || $0 == "-" }),
              label.split(separator: " ").count <= 4 else { return nil }
        return label.lowered()
    }

    /// A line holding another batch's `Status:` field, as a model for a new field line.
    private static func siblingFieldLine(plan: Plan, source: [UInt8], text: SourceText) -> [UInt8]? {
        for batch in plan.batches {
            for claim in batch.statusClaims where claim.origin == .field {
                guard let span = claim.span else { continue }
                return content(text.lines[text.lineIndex(containing: span.start)], source)
            }
        }
        return nil
    }
}
