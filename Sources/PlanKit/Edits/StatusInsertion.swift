import PlanSyntax

/// Where and how to add a `Status:` line to a batch that states none: in the style of its own fields, or of its
/// siblings', in the document's language.
struct StatusInsertion {
    var edit: TextEdit
    /// 1-based line the new line would have.
    var line: Int
    /// The new line without its line ending.
    var text: String
    /// Indent and bullet of the new line (`    • `).
    var prefix: String
    var lineEnding: String

    static func find(for batch: Batch, category: StatusCategory, date: EditDate?, plan: Plan, source: [UInt8],
                     text: SourceText, style: DocumentStyle) -> StatusInsertion? {
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
            // Field lines at the block's shallowest indent; the new line goes after the last one and its sub-lines.
            let childIndent = block.map { indent(content(text.lines[$0], source)) }.filter { $0 >= 0 }.min()
            var labels: [String] = []
            var after = entryIndex
            var model: [UInt8]?
            for index in block {
                let line = content(text.lines[index], source)
                guard indent(line) == childIndent, let label = label(of: line) else { continue }
                labels.append(label)
                model = line
                after = index
                while after + 1 < block.upperBound, indent(content(text.lines[after + 1], source)) > childIndent! { after += 1 }
            }
            let siblingModel = model ?? siblingFieldLine(plan: plan, source: source, text: text)
            let prefix: String
            if let line = model ?? siblingModel {
                prefix = Self.prefix(of: line)
            } else if isHeading {
                prefix = ""
            } else {
                prefix = String(repeating: " ", count: entryIndent + 2) + "- "
            }
            let german = labels.contains { DocumentStyle.germanLabels.contains($0) }
                || (labels.isEmpty && documentLabels(plan: plan, source: source, text: text).contains { DocumentStyle.germanLabels.contains($0) })
            let language: DocumentStyle.Language = german ? .german : .english
            var value = style.word(for: category, origin: .field, language: language).word
            if let date {
                value += (style.dateConnector ?? (german ? " am " : " on ")) + date.formatted(style.dateFormat ?? .iso)
            }
            let newLine = prefix + "Status: " + value
            let anchor = text.lines[after]
            let ending = anchor.end > anchor.contentEnd ? String(decoding: source[anchor.contentEnd..<anchor.end], as: UTF8.self) : "\n"
            let replacement = anchor.end > anchor.contentEnd ? newLine + ending : "\n" + newLine
            return StatusInsertion(edit: TextEdit(range: anchor.end..<anchor.end, replacement: replacement), line: after + 2,
                                   text: newLine, prefix: prefix, lineEnding: ending)
        }
        return nil
    }

    private static func content(_ line: SourceText.Line, _ source: [UInt8]) -> [UInt8] {
        Array(source[line.start..<line.contentEnd])
    }

    /// Leading spaces (a tab counts as four); -1 for a blank line.
    private static func indent(_ line: [UInt8]) -> Int {
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
        return label.lowercased()
    }

    /// A line holding another batch's `Status:` field, as a model for the new one.
    private static func siblingFieldLine(plan: Plan, source: [UInt8], text: SourceText) -> [UInt8]? {
        for batch in plan.batches {
            for claim in batch.statusClaims where claim.origin == .field {
                guard let span = claim.span else { continue }
                return content(text.lines[text.lineIndex(containing: span.start)], source)
            }
        }
        return nil
    }

    private static func documentLabels(plan: Plan, source: [UInt8], text: SourceText) -> [String] {
        text.lines.compactMap { label(of: content($0, source)) }
    }
}
