/// The words Baton understands, in every language it reads: field labels, status words, id keywords.
///
/// One table for all dialects, so a new word is a data change (`baton.toml` can add more).
public struct Vocabulary: Sendable {
    /// What a `Label: value` field says about a batch.
    public enum Field: String, Sendable, Hashable, CaseIterable {
        case status, dependsOn, mayRunWith, owns, gate, acceptance, artifacts, title, description
        /// The batches this one blocks: they depend on it (`Blocks: B3`, `Unblocks: C, D`).
        case blocks
    }

    /// Lowercased label → field.
    public var fields: [String: Field] { didSet { fieldLookup = WordLookup(fields) } }
    /// Lowercased status phrase → category; matched on word boundaries, longest first.
    public var statusWords: [String: StatusCategory] { didSet { statusMatcher = StatusMatcher(statusWords: statusWords, statusGlyphs: statusGlyphs) } }
    /// Glyphs with a conventional meaning; a document's own legend overrides them.
    public var statusGlyphs: [String: StatusCategory] { didSet { statusMatcher = StatusMatcher(statusWords: statusWords, statusGlyphs: statusGlyphs) } }
    /// Words that introduce a batch id in a heading or reference (`Batch B1`, `Workstream A`).
    public var batchKeywords: Set<String> { didSet { (keywordShapes, keywordKinds) = Self.keywordLookups(batchKeywords, groupKeywords) } }
    /// Words that introduce a group of batches rather than a batch (`Wave W1`, `Queue Q2`).
    public var groupKeywords: Set<String> { didSet { (keywordShapes, keywordKinds) = Self.keywordLookups(batchKeywords, groupKeywords) } }
    /// Words that make a group reference (`tooling batches`).
    public var groupNouns: Set<String>
    /// The shapes of every keyword, kept with the keyword sets.
    private(set) var keywordShapes: KeywordShapes
    /// What each keyword introduces (a word in both sets introduces a group), kept with the keyword sets.
    private(set) var keywordKinds: WordLookup<KeywordKind>
    /// `fields` by the bytes of a label.
    private(set) var fieldLookup: WordLookup<Field>

    enum KeywordKind: Sendable { case batch, group }
    /// The status lookups, kept with the status words and glyphs (building them costs more than most matches).
    private(set) var statusMatcher: StatusMatcher

    public init(fields: [String: Field], statusWords: [String: StatusCategory], statusGlyphs: [String: StatusCategory],
                batchKeywords: Set<String>, groupKeywords: Set<String>, groupNouns: Set<String>) {
        self.fields = fields
        self.statusWords = statusWords
        self.statusGlyphs = statusGlyphs
        self.batchKeywords = batchKeywords
        self.groupKeywords = groupKeywords
        self.groupNouns = groupNouns
        (keywordShapes, keywordKinds) = Self.keywordLookups(batchKeywords, groupKeywords)
        fieldLookup = WordLookup(fields)
        statusMatcher = StatusMatcher(statusWords: statusWords, statusGlyphs: statusGlyphs)
    }

    private static func keywordLookups(_ batchKeywords: Set<String>, _ groupKeywords: Set<String>) -> (KeywordShapes, WordLookup<KeywordKind>) {
        // A word in both sets introduces a group: the later entry is kept.
        let kinds = WordLookup(Dictionary(batchKeywords.map { ($0, KeywordKind.batch) } + groupKeywords.map { ($0, KeywordKind.group) },
                                          uniquingKeysWith: { _, later in later }))
        return (KeywordShapes(batchKeywords.union(groupKeywords)), kinds)
    }

    public static let standard = Vocabulary(
        fields: [
            "status": .status, "state": .status, "stand": .status, "zustand": .status, "estado": .status,
            "dependencies": .dependsOn, "dependency": .dependsOn, "depends on": .dependsOn, "depends": .dependsOn,
            "depends-on": .dependsOn, "requires": .dependsOn, "prerequisites": .dependsOn, "prerequisite": .dependsOn,
            "blocked by": .dependsOn, "after": .dependsOn, "needs": .dependsOn, "deps": .dependsOn,
            "abhängigkeit": .dependsOn, "abhaengigkeit": .dependsOn, "abhängigkeiten": .dependsOn,
            "abhaengigkeiten": .dependsOn, "voraussetzung": .dependsOn, "voraussetzungen": .dependsOn,
            "hängt ab von": .dependsOn, "haengt ab von": .dependsOn, "dependências": .dependsOn, "depende de": .dependsOn,
            "blocks": .blocks, "unblocks": .blocks, "blocker for": .blocks, "enables": .blocks,
            "required by": .blocks, "needed by": .blocks, "prerequisite for": .blocks, "dependents": .blocks,
            "ermöglicht": .blocks, "ermoeglicht": .blocks, "voraussetzung für": .blocks, "voraussetzung fuer": .blocks,
            "parallel zu": .mayRunWith, "parallel with": .mayRunWith, "parallel": .mayRunWith,
            "can run in parallel with": .mayRunWith, "may run with": .mayRunWith, "runs in parallel with": .mayRunWith,
            "kann parallel laufen zu": .mayRunWith, "parallel mit": .mayRunWith, "parallelizable with": .mayRunWith,
            "primary ownership": .owns, "ownership": .owns, "owns": .owns, "owner paths": .owns, "owned paths": .owns,
            "scope": .owns, "files": .owns, "paths": .owns, "touches": .owns, "dateien": .owns, "file": .owns,
            "gate": .gate, "gates": .gate, "build": .gate, "checks": .gate, "check": .gate, "verification": .gate,
            "verify": .gate, "test": .gate, "tests": .gate, "abnahme": .gate, "prüfung": .gate, "pruefung": .gate,
            "validation": .gate, "test command": .gate, "gate command": .gate,
            "acceptance": .acceptance, "acceptance criteria": .acceptance, "done when": .acceptance,
            "definition of done": .acceptance, "exit criteria": .acceptance, "success criteria": .acceptance,
            "akzeptanz": .acceptance, "akzeptanzkriterien": .acceptance, "abnahmekriterien": .acceptance,
            "artifacts": .artifacts, "artefakte": .artifacts, "artifact": .artifacts, "evidence": .artifacts,
            "title": .title, "titel": .title, "name": .title,
            "goal": .description, "ziel": .description, "purpose": .description, "zweck": .description,
            "deliverables": .description, "description": .description, "beschreibung": .description,
        ],
        statusWords: [
            "done": .done, "complete": .done, "completed": .done, "finished": .done, "verified": .done,
            "closed": .done, "merged": .done, "shipped": .done, "landed": .done, "resolved": .done, "passed": .done,
            "abgeschlossen": .done, "erledigt": .done, "fertig": .done, "geschlossen": .done, "concluído": .done,
            "concluido": .done, "implementado": .done, "fixed": .done, "delivered": .done, "accepted": .done,
            "hydrated": .review, "implemented": .review, "in review": .review, "review": .review,
            "ready for review": .review, "awaiting review": .review, "awaiting gate": .review, "needs review": .review,
            "under review": .review, "in prüfung": .review, "in pruefung": .review, "pr open": .review,
            "in progress": .active, "in_progress": .active, "in-progress": .active, "active": .active,
            "ongoing": .active, "wip": .active, "started": .active, "doing": .active, "partial": .active,
            "partially done": .active, "in arbeit": .active, "läuft": .active, "laufend": .active,
            "begonnen": .active, "current": .active, "em andamento": .active, "underway": .active, "running": .active,
            "todo": .todo, "to do": .todo, "to-do": .todo, "pending": .todo, "queued": .todo, "planned": .todo,
            "not started": .todo, "open": .todo, "offen": .todo, "backlog": .todo, "next": .todo,
            "geplant": .todo, "ausstehend": .todo, "new": .todo, "ready": .todo, "pendente": .todo, "upcoming": .todo,
            "blocked": .blocked, "blockiert": .blocked, "waiting": .blocked, "stuck": .blocked, "bloqueado": .blocked,
            "deferred": .deferred, "postponed": .deferred, "on hold": .deferred, "paused": .deferred,
            "later": .deferred, "zurückgestellt": .deferred, "verschoben": .deferred, "parked": .deferred,
            "dropped": .dropped, "deprecated": .dropped, "cancelled": .dropped, "canceled": .dropped,
            "won't do": .dropped, "wontfix": .dropped, "won't fix": .dropped, "obsolete": .dropped,
            "abandoned": .dropped, "verworfen": .dropped, "gestrichen": .dropped, "superseded": .dropped,
        ],
        statusGlyphs: [
            "✅": .done, "✔": .done, "✔️": .done, "☑": .done, "☑️": .done, "✓": .done, "🟩": .done,
            "🔄": .active, "🚧": .active, "🟡": .active, "🔶": .active, "⚙️": .active, "🏗️": .active,
            "⏳": .todo, "☐": .todo, "◯": .todo, "○": .todo, "⬜": .todo, "⬜️": .todo, "🔲": .todo, "📋": .todo,
            "🟢": .review, "👀": .review,
            "⛔": .blocked, "🛑": .blocked, "🔴": .blocked, "🚫": .blocked,
            "⏸": .deferred, "⏸️": .deferred, "💤": .deferred,
            "🗑": .dropped, "🗑️": .dropped, "❌": .dropped,
        ],
        batchKeywords: [
            "batch", "batches", "workstream", "phase", "milestone", "epic", "stage", "step", "track", "task",
            "part", "slice", "story", "pr", "agent", "unit", "paket", "arbeitspaket", "meilenstein", "schritt",
            "fase", "etapa", "block", "item",
        ],
        groupKeywords: ["wave", "queue", "sprint", "welle", "release", "iteration"],
        groupNouns: ["batches", "workstreams", "phases", "milestones", "tracks", "tasks", "blocks", "streams", "lanes"]
    )

    /// Status words and field labels that mark a document as German, so `baton mark` writes back
    /// in German (`abgeschlossen`, `Nachweis:`).
    public static let germanTerms: Set<String> = [
        "abgeschlossen", "erledigt", "fertig", "geschlossen", "in arbeit", "läuft", "laufend", "begonnen", "offen",
        "geplant", "ausstehend", "blockiert", "zurückgestellt", "verschoben", "verworfen", "gestrichen",
        "in prüfung", "in pruefung", "ziel", "fokus", "abhängigkeit", "abhaengigkeit", "abhängigkeiten",
        "abhaengigkeiten", "parallel zu", "zweck", "beschreibung", "akzeptanz", "akzeptanzkriterien", "abnahme",
        "abnahmekriterien", "prüfung", "pruefung", "dateien", "voraussetzung", "voraussetzungen", "artefakte",
        "titel", "kann parallel laufen zu", "hängt ab von", "haengt ab von", "stand", "zustand", "umfang",
        "warum jetzt",
    ]

    /// The category of a status text: a legend glyph, a known glyph, or the first known phrase in it.
    public func category(of text: String, legend: [String: StatusCategory] = [:]) -> StatusCategory? {
        statusMatcher.category(of: text, legend: legend)
    }

    /// The field a label names, ignoring case, markdown emphasis and a trailing colon.
    public func field(forLabel label: String) -> Field? {
        fields[PlanText.plain(label).lowered().trimmingCharacters(in: ": ")]
    }
}

/// Length, first and last letter of ASCII words: a word whose shape no keyword has is no keyword, which
/// settles most words of a plan (`Status`, `Owns`, `Reviewer`) without making them into strings.
struct KeywordShapes: Sendable {
    /// One bit per (length up to 15, first letter, last letter).
    private var bits = [UInt64](repeating: 0, count: (16 * 26 * 26 + 63) / 64)
    /// Whether some keyword is not plain ASCII letters (then nothing can be ruled out by shape).
    private var hasOtherKeyword = false

    init(_ keywords: Set<String>) {
        for keyword in keywords {
            let bytes = Array(keyword.utf8)
            guard !bytes.isEmpty, bytes.allSatisfy({ ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }) else {
                hasOtherKeyword = true
                continue
            }
            let bit = Self.bit(length: bytes.count, first: bytes[0], last: bytes[bytes.count - 1])
            bits[bit >> 6] |= 1 << UInt64(bit & 63)
        }
    }

    /// False when no keyword has the shape of this word of ASCII letters (compared ignoring case).
    func mayBeKeyword(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !hasOtherKeyword else { return true }
        guard let first = word.first, let last = word.last else { return false }
        let bit = Self.bit(length: word.count, first: first, last: last)
        return bits[bit >> 6] & (1 << UInt64(bit & 63)) != 0
    }

    private static func bit(length: Int, first: UInt8, last: UInt8) -> Int {
        (min(length, 15) * 26 + Int((first | 0x20) - 0x61)) * 26 + Int((last | 0x20) - 0x61)
    }
}

/// `Vocabulary.category(of:)` with its lookups built once: phrase lengths by first word, the glyphs as a list.
struct StatusMatcher: Sendable {
    let statusWords: WordLookup<StatusCategory>
    /// First word of a status phrase → the most words a phrase starting with it has.
    let longestPhrase: WordLookup<Int>
    /// The vocabulary's glyphs, in the dictionary's order.
    let glyphs: [(glyph: String, category: StatusCategory)]
    /// Whether some glyph is plain ASCII (only then can one occur in ASCII text).
    let hasASCIIGlyph: Bool
    /// Every word of every status phrase, and the words `StatusReader.isOnlyStatus` lets stand beside them.
    let statusOrFillerWords: WordLookup<Bool>

    init(statusWords: [String: StatusCategory], statusGlyphs: [String: StatusCategory]) {
        self.statusWords = WordLookup(statusWords)
        var longest: [String: Int] = [:]
        var wordSet: Set<String> = []
        for phrase in statusWords.keys {
            let words = PlanText.words(phrase)
            wordSet.formUnion(words)
            guard let first = words.first else { continue }
            longest[first] = max(longest[first] ?? 0, words.count)
        }
        longestPhrase = WordLookup(longest)
        statusOrFillerWords = WordLookup(Dictionary(uniqueKeysWithValues: wordSet.union(StatusReader.filler).union(StatusReader.months).lazy.map { ($0, true) }))
        glyphs = statusGlyphs.map { ($0.key, $0.value) }
        hasASCIIGlyph = statusGlyphs.keys.contains { glyph in glyph.utf8.contains { $0 < 0x80 } }
    }

    func category(of text: String, legend: [String: StatusCategory] = [:]) -> StatusCategory? {
        let trimmed = text.trimmingWhitespace()
        for (glyph, category) in legend where trimmed.hasPrefix(glyph) { return category }
        if let category = category(ofWords: PlanText.words(trimmed.lowered())) { return category }
        // No known glyph is ASCII, so ASCII text holds none.
        let searchGlyphs = hasASCIIGlyph || trimmed.utf8.contains { $0 >= 0x80 }
        if searchGlyphs { for (glyph, category) in glyphs where trimmed.hasPrefix(glyph) { return category } }
        for (glyph, category) in legend where trimmed.contains(glyph) { return category }
        if searchGlyphs { for (glyph, category) in glyphs where trimmed.contains(glyph) { return category } }
        return nil
    }

    /// Phrases of up to four words, earliest position first, longest first.
    func category(ofWords words: [String]) -> StatusCategory? {
        for start in words.indices {
            guard let longest = longestPhrase[lowered: words[start]] else { continue }
            for length in stride(from: min(4, words.count - start, longest), through: 1, by: -1) {
                let phrase = length == 1 ? words[start] : words[start..<start + length].concatenated(separator: " ")
                if let category = statusWords[lowered: phrase] { return category }
            }
        }
        return nil
    }
}
