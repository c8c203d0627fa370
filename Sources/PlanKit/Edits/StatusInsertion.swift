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
        guard let block = FieldBlock.find(for: batch, source: source, text: text) else { return nil }
        let prefix = block.prefix(plan: plan, source: source, text: text)
        let language = block.language(plan: plan, source: source, text: text)
        var value = style.word(for: category, origin: .field, language: language).word
        if let date {
            value += (style.dateConnector ?? (language == .german ? " am " : " on ")) + date.formatted(style.dateFormat ?? .iso)
        }
        let newLine = prefix + "Status: " + value
        let (edit, ending) = block.insertion(of: newLine, source: source, text: text)
        return StatusInsertion(edit: edit, line: block.after + 2, text: newLine, prefix: prefix, lineEnding: ending)
    }
}
