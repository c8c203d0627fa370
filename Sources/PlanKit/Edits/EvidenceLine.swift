import PlanSyntax

/// The one line `baton run --mark` keeps under a batch whose gates all passed, in the style of the batch's fields:
/// `- Evidence: 2026-11-21, 3f2c1ab, gates 3/3 passed (ledger #42)` (`Nachweis:` in German documents).
///
/// Baton recognises its own line by its shape and rewrites it in place, so re-runs never pile lines up; an
/// `Evidence:` line a person wrote is left alone.
public struct EvidenceLine: Sendable, Hashable {
    /// What the line points to in the ledger.
    public enum Reference: Sendable, Hashable {
        /// The newest attempt's row id: `ledger #42`.
        case attempt(Int64)
        /// A run id, when no attempt id is known: `run 20261121-101500-ab12`.
        case run(String)
    }

    /// The day of the run (UTC).
    public var date: EditDate
    /// The commit the gates ran on; a hexadecimal hash is shortened to 7 characters; nil outside git (`no git`).
    public var commit: String?
    public var passed: Int
    public var total: Int
    public var reference: Reference

    public init(date: EditDate, commit: String?, passed: Int, total: Int, reference: Reference) {
        self.date = date
        self.commit = commit
        self.passed = passed
        self.total = total
        self.reference = reference
    }

    /// The text after the label: `2026-11-21, 3f2c1ab, gates 3/3 passed (ledger #42)`.
    public var value: String {
        let commitText = commit.map { $0.allSatisfy(\.isHexDigit) ? String($0.prefix(7)) : $0 } ?? "no git"
        let referenceText = switch reference {
        case .attempt(let id): "ledger #\(id)"
        case .run(let id): "run \(id)"
        }
        return "\(date.formatted(.iso)), \(commitText), gates \(passed)/\(total) passed (\(referenceText))"
    }

    static let labels: [DocumentStyle.Language: String] = [.english: "Evidence", .german: "Nachweis"]

    /// The edit that writes this line under batch `key`: rewriting the value of Baton's own evidence line if the
    /// batch has one, else adding a line after its last field line. Nil when the batch has no place for a line
    /// (its only entry is a table row, with no details section).
    public func edit(for key: String, in plan: Plan, source: [UInt8], vocabulary: Vocabulary = .standard) throws(EditError) -> TextEdit? {
        let batch = try StatusEdit.batch(key, in: plan)
        let text = SourceText(bytes: source)
        guard let block = FieldBlock.find(for: batch, source: source, text: text) else { return nil }
        for field in block.fields.reversed() where Self.labels.values.contains(where: { $0.lowered() == field.label }) {
            let line = text.lines[field.index]
            if let value = Self.bakedValue(in: FieldBlock.content(line, source)) {
                return TextEdit(range: line.start + value.lowerBound..<line.start + value.upperBound, replacement: self.value)
            }
        }
        let style = DocumentStyle(plan: plan, source: source, excluding: batch.key, vocabulary: vocabulary)
        let claimsGerman = batch.statusClaims.contains { claim in
            guard let span = claim.span, span.end <= source.count else { return false }
            let parts = ClaimText(bytes: Array(source[span.start..<span.end]), vocabulary: vocabulary, glyphs: style.knownGlyphs)
            return parts.phrase.map { DocumentStyle.language(of: $0.text) == .german } ?? false
        }
        let language: DocumentStyle.Language = claimsGerman ? .german : block.language(plan: plan, source: source, text: text)
        let line = block.prefix(plan: plan, source: source, text: text) + Self.labels[language]! + ": " + value
        return block.insertion(of: line, source: source, text: text).edit
    }

    /// The byte range of the value of a line Baton wrote (`Evidence: <date>, <commit>, gates N/M passed (…)`), or nil
    /// when the line has another shape (a person's own evidence note).
    static func bakedValue(in line: [UInt8]) -> Range<Int>? {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        var start = colon + 1
        while start < line.count, line[start] == 0x20 { start += 1 }
        var end = line.count
        while end > start, line[end - 1] == 0x20 || line[end - 1] == 0x09 { end -= 1 }
        let value = String(decoding: line[start..<end], as: UTF8.self)
        let parts = value.split(separator: ", ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, EditDate(iso: String(parts[0])) != nil, !parts[1].isEmpty else { return nil }
        let rest = parts[2]
        guard rest.hasPrefix("gates "), rest.hasSuffix(")"), let open = rest.firstRange(of: " passed (") else { return nil }
        let counts = rest[rest.index(rest.startIndex, offsetBy: 6)..<open.lowerBound].split(separator: "/")
        guard counts.count == 2, counts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) else { return nil }
        let reference = rest[open.upperBound..<rest.index(before: rest.endIndex)]
        guard reference.hasPrefix("ledger #") || reference.hasPrefix("run ") else { return nil }
        return start..<end
    }
}
