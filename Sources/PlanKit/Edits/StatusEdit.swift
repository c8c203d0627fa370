import PlanSyntax

/// The edits that write one batch's new status into its plan, and what the document could not express.
public struct StatusEditResult: Sendable, Hashable {
    public var edits: [TextEdit]
    /// Things to tell the user (a glyph the legend lacks, a phase-order override); never errors.
    public var notes: [String]
    /// What each rewritten claim said before, for marking back later.
    public var records: [MarkRecord]
    /// Records of `memory` this edit used up (their claims are back to what they said).
    public var restored: [MarkRecord]

    public init(edits: [TextEdit] = [], notes: [String] = [], records: [MarkRecord] = [], restored: [MarkRecord] = []) {
        self.edits = edits
        self.notes = notes
        self.records = records
        self.restored = restored
    }
}

/// Turns "batch X is now C" into minimal byte edits on the places the document states X's status, in its own form.
public enum StatusEdit {
    /// Rewrites every status claim of the batch (table cell, field, prose, heading, front matter); checks or unchecks
    /// its checklist when that is where its status lives; with `insert`, adds a `Status:` line where it has none.
    public static func plan(for key: String, to category: StatusCategory, date: EditDate? = nil, note: String? = nil,
                            insert: Bool = false, in plan: Plan, source: [UInt8], vocabulary: Vocabulary = .standard,
                            memory: [MarkRecord] = []) throws(EditError) -> StatusEditResult {
        let batch = try self.batch(key, in: plan)
        let style = DocumentStyle(plan: plan, source: source, excluding: batch.key, vocabulary: vocabulary)
        let text = SourceText(bytes: source)
        var result = StatusEditResult()
        let claims = batch.statusClaims.filter { $0.span.map { $0.end <= source.count } ?? false }
        var noteAnchor: Int?
        if !claims.isEmpty {
            for claim in claims {
                var (edit, notes) = rewrite(claim, to: category, date: date, style: style, source: source, text: text)
                // Marking back to what a claim said before baton rewrote it: its own words, not a guess.
                if date == nil, let span = claim.span,
                   let record = memory.first(where: { record in
                       !result.restored.contains(record) && record.key == batch.key && record.category == category && span.start + record.after.count <= source.count
                           && Array(source[span.start..<span.start + record.after.count]) == record.after
                   }) {
                    edit = TextEdit(range: span.start..<span.start + record.after.count, replacement: record.before)
                    notes = []
                    result.restored.append(record)
                }
                if let edit, !edit.isNoOp(in: source) {
                    result.edits.append(edit)
                    result.records.append(MarkRecord(key: batch.key, category: claim.category, before: Array(source[edit.range]), after: edit.replacement))
                }
                for note in notes where !result.notes.contains(note) { result.notes.append(note) }
                if noteAnchor == nil, claim.origin == .field || claim.origin == .prose { noteAnchor = text.lineIndex(containing: claim.span!.start) }
            }
        } else if batch.progress.total > 0, category == .done || category == .todo {
            result.edits = ChecklistEdit.setAll(batch, checked: category == .done, plan: plan, source: source, style: style)
        } else {
            guard let insertion = StatusInsertion.find(for: batch, category: category, date: date, plan: plan, source: source, text: text, style: style) else {
                throw .cannotInsert(key: batch.key, reason: "its entry is a table row or has no place for a Status: line")
            }
            guard insert else {
                if batch.progress.total > 0 { throw .checklistCannotExpress(key: batch.key, category) }
                throw .noStatus(key: batch.key, line: insertion.line, text: insertion.text)
            }
            result.edits.append(insertion.edit)
            noteAnchor = nil
            if let note {
                // The note goes right under the inserted line, in its style.
                result.edits.append(TextEdit(range: insertion.edit.range, replacement: insertion.prefix + "Note: \(note)" + insertion.lineEnding))
            }
            return result
        }
        if let note {
            if let anchor = noteAnchor {
                let line = text.lines[anchor]
                let prefix = FieldBlock.prefix(of: Array(source[line.start..<line.contentEnd]))
                let ending = line.end > line.contentEnd ? String(decoding: source[line.contentEnd..<line.end], as: UTF8.self) : "\n"
                let lead = line.end > line.contentEnd ? "" : "\n"
                result.edits.append(TextEdit(range: line.end..<line.end, replacement: lead + prefix + "Note: \(note)" + (lead.isEmpty ? ending : "")))
            } else {
                result.notes.append("the note was not written: \(batch.key)'s status is not on a line of its own (a table cell or heading)")
            }
        }
        return result
    }

    /// The one batch a key or id names.
    static func batch(_ key: String, in plan: Plan) throws(EditError) -> Batch {
        let matches = plan.batches(matching: key)
        if matches.isEmpty { throw .unknownBatch(key, valid: plan.batches.map(\.key)) }
        if matches.count > 1 { throw .ambiguousBatch(key, keys: matches.map(\.key)) }
        return matches[0]
    }

    // MARK: One claim

    /// The edit that rewrites one claim in its own form.
    static func rewrite(_ claim: Status, to category: StatusCategory, date: EditDate?, style: DocumentStyle,
                        source: [UInt8], text: SourceText) -> (TextEdit?, [String]) {
        guard let span = claim.span else { return (nil, []) }
        let bytes = Array(source[span.start..<span.end])
        let parts = ClaimText(bytes: bytes, vocabulary: style.vocabulary, glyphs: style.knownGlyphs)
        var notes: [String] = []
        let language = parts.phrase.map { DocumentStyle.language(of: $0.text) } ?? .english
        var pieces: [(range: Range<Int>, replacement: [UInt8])] = []

        // The word, with the legend's when the claim carries a legend glyph.
        let legendEntry = parts.glyph != nil ? style.legendEntry(for: category) : nil
        let chosenWord: String = if let legendEntry {
            legendEntry.word
        } else {
            parts.phrase.map { phrase in
                let chosen = style.word(for: category, origin: claim.origin, language: language).word
                return DocumentStyle.cased(chosen, like: phrase.text)
            } ?? style.word(for: category, origin: claim.origin, language: language).word
        }

        // YAML front matter spells phrases as identifiers (`in_progress`).
        let word = claim.origin == .frontMatter ? chosenWord.replacingAll(" ", with: "_") : chosenWord

        if let glyph = parts.glyph {
            var newGlyph: String?
            if !style.legend.isEmpty {
                if let legendEntry { newGlyph = legendEntry.glyph } else {
                    notes.append("the document's legend has no glyph for \(category.rawValue); wrote the word `\(word)`")
                }
            } else {
                newGlyph = style.glyph(for: category)
            }
            if let newGlyph {
                let written = glyph.misencoded ? style.encoding.misencode(newGlyph) : newGlyph
                pieces.append((glyph.range, Array(written.utf8)))
                if parts.phrase == nil, legendEntry == nil, style.legend.isEmpty == false {
                    // Only a glyph: keep it only.
                }
            } else {
                // No glyph to write: drop it and the space after it, and make sure the word is there.
                var end = glyph.range.upperBound
                while end < bytes.count, bytes[end] == 0x20 { end += 1 }
                pieces.append((glyph.range.lowerBound..<end, parts.phrase == nil ? Array(word.utf8) : []))
            }
        }
        if let phrase = parts.phrase {
            pieces.append((phrase.range, Array(word.utf8)))
        } else if parts.glyph == nil {
            pieces.append((0..<bytes.count, Array(word.utf8)))
        }
        if let date {
            if let found = parts.date {
                pieces.append((found.range, Array(date.formatted(found.format).utf8)))
            } else if claim.origin == .field, let phrase = parts.phrase {
                let connector = style.dateConnector ?? (language == .german ? " am " : " on ")
                let format = style.dateFormat ?? .iso
                pieces.append((phrase.range.upperBound..<phrase.range.upperBound, Array((connector + date.formatted(format)).utf8)))
            }
        }
        // Assemble the new claim from its pieces, in order.
        pieces.sort { $0.range.lowerBound != $1.range.lowerBound ? $0.range.lowerBound < $1.range.lowerBound : $0.range.upperBound < $1.range.upperBound }
        var replacement: [UInt8] = []
        var cursor = 0
        for piece in pieces where piece.range.lowerBound >= cursor {
            replacement += bytes[cursor..<piece.range.lowerBound]
            replacement += piece.replacement
            cursor = piece.range.upperBound
        }
        replacement += bytes[cursor...]
        var edit = TextEdit(range: span.start..<span.end, replacement: replacement)
        if claim.origin == .tableCell { edit = TableCellPadding.adjust(edit, source: source, text: text) }
        return (edit, notes)
    }
}

extension StatusEdit {
    /// Whether the document writes a date after a status word (`abgeschlossen am April 10, 2026`): then a mark made
    /// without a person choosing the date (`baton run --mark`) adds one, in the document's date style.
    public static func documentDatesStatuses(_ plan: Plan, source: [UInt8], vocabulary: Vocabulary = .standard) -> Bool {
        DocumentStyle(plan: plan, source: source, excluding: "", vocabulary: vocabulary).dateConnector != nil
    }
}
