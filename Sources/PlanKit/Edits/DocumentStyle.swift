import PlanSyntax

/// How one document writes statuses: its words and glyphs per category, its language, its dates, its encoding.
///
/// Read from every batch but the one being edited, so that what `baton mark` writes does not depend on that
/// batch's current status (marking there and back gives the original bytes).
struct DocumentStyle {
    enum Language: Sendable, Hashable { case english, german }

    let vocabulary: Vocabulary
    let legend: [LegendEntry]
    /// The code page of the document's mojibake.
    let encoding: LegacyEncoding
    /// Words as written, by origin, category and language, most used first.
    private var words: [StatusOrigin: [StatusCategory: [Language: [String]]]] = [:]
    private var anyWords: [StatusCategory: [Language: [String]]] = [:]
    /// Glyphs (repaired) the document uses per category, most used first.
    private var glyphs: [StatusCategory: [String]] = [:]
    /// The text between a status word and its date (` am `), and the date format, from the first dated claim.
    var dateConnector: String?
    var dateFormat: EditDate.Format?
    /// Glyphs a claim may start with: the legend's and the vocabulary's.
    let knownGlyphs: [String]

    init(plan: Plan, source: [UInt8], excluding key: String, vocabulary: Vocabulary) {
        self.vocabulary = vocabulary
        legend = plan.legend
        knownGlyphs = plan.legend.map(\.glyph) + Array(vocabulary.statusGlyphs.keys)
        let runs = MojibakeRepair.runs(in: source[...])
        encoding = LegacyEncoding.detect(inMojibake: runs.prefix(200).map { String(decoding: source[$0.range], as: UTF8.self) }.concatenated(separator: ""))
        var wordCounts: [StatusOrigin: [StatusCategory: [Language: [String: (count: Int, first: Int)]]]] = [:]
        var anyCounts: [StatusCategory: [Language: [String: (count: Int, first: Int)]]] = [:]
        var glyphCounts: [StatusCategory: [String: (count: Int, first: Int)]] = [:]
        var order = 0
        func count(_ table: inout [String: (count: Int, first: Int)], _ word: String) {
            order += 1
            let current = table[word] ?? (0, order)
            table[word] = (current.count + 1, current.first)
        }
        for batch in plan.batches {
            for claim in batch.statusClaims {
                guard let span = claim.span, span.end <= source.count else { continue }
                let text = ClaimText(bytes: Array(source[span.start..<span.end]), vocabulary: vocabulary, glyphs: knownGlyphs)
                if dateConnector == nil, let phrase = text.phrase, let date = text.date, date.range.lowerBound >= phrase.range.upperBound {
                    dateConnector = String(decoding: text.bytes[phrase.range.upperBound..<date.range.lowerBound], as: UTF8.self)
                    dateFormat = date.format
                }
                guard batch.key != key else { continue }
                if let phrase = text.phrase {
                    let language = Self.language(of: phrase.text)
                    count(&wordCounts[claim.origin, default: [:]][phrase.category, default: [:]][language, default: [:]], phrase.text)
                    count(&anyCounts[phrase.category, default: [:]][language, default: [:]], phrase.text)
                }
                if let glyph = text.glyph, let category = vocabulary.category(of: glyph.text, legend: Dictionary(plan.legend.map { ($0.glyph, $0.category) }, uniquingKeysWith: { first, _ in first })) {
                    count(&glyphCounts[category, default: [:]], glyph.text)
                }
            }
        }
        func ranked(_ table: [String: (count: Int, first: Int)]) -> [String] {
            table.sorted { $0.value.count != $1.value.count ? $0.value.count > $1.value.count : $0.value.first < $1.value.first }.map(\.key)
        }
        words = wordCounts.mapValues { $0.mapValues { $0.mapValues(ranked) } }
        anyWords = anyCounts.mapValues { $0.mapValues(ranked) }
        glyphs = glyphCounts.mapValues(ranked)
    }

    // MARK: Words

    static func language(of phrase: String) -> Language {
        Vocabulary.germanTerms.contains(phrase.lowered()) ? .german : .english
    }

    static let defaultWords: [Language: [StatusCategory: String]] = [
        .english: [.todo: "todo", .active: "in progress", .review: "in review", .done: "done", .blocked: "blocked",
                   .deferred: "deferred", .dropped: "dropped"],
        .german: [.todo: "offen", .active: "in Arbeit", .review: "in Prüfung", .done: "abgeschlossen", .blocked: "blockiert",
                  .deferred: "zurückgestellt", .dropped: "verworfen"],
    ]

    static let defaultGlyphs: [StatusCategory: String] = [
        .done: "✅", .active: "🔄", .todo: "⏳", .review: "👀", .blocked: "⛔", .deferred: "⏸️", .dropped: "❌",
    ]

    /// The document's word for `category` in a claim of `origin` and `language`: its own if it has one, else the default.
    func word(for category: StatusCategory, origin: StatusOrigin, language: Language) -> (word: String, own: Bool) {
        if let own = words[origin]?[category]?[language]?.first { return (own, true) }
        if let own = anyWords[category]?[language]?.first { return (own, true) }
        return (Self.defaultWords[language]![category]!, false)
    }

    /// The legend's entry for `category`, if the document has a legend with one.
    func legendEntry(for category: StatusCategory) -> LegendEntry? {
        legend.first { $0.category == category }
    }

    /// A glyph for `category` when the document has no legend: its own, else the conventional one.
    func glyph(for category: StatusCategory) -> String {
        glyphs[category]?.first ?? Self.defaultGlyphs[category]!
    }

    /// `word` with the case of `model`: all capitals, a capital first letter, or a small first letter.
    static func cased(_ word: String, like model: String) -> String {
        let letters = model.filter(\.isLetter)
        if letters.count > 1, letters.allSatisfy(\.isUppercase) { return word.uppercased() }
        guard let first = letters.first, let head = word.first else { return word }
        let rest = word.dropFirst()
        return (first.isUppercase ? head.uppercased() : head.lowercased()) + rest
    }
}
