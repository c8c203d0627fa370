import PlanSyntax

/// One extraction: the passes over the tree and the batches they find.
struct ExtractionRun {
    let document: PlanDocument
    let source: SourceText
    let path: String
    let vocabulary: Vocabulary

    /// The batches found so far, and what the passes know about each beyond the batch (same indices).
    var batches: [Batch] = []
    var drafts: [Draft] = []
    var references: [PendingReference] = []
    var legend: [LegendEntry] = []
    var diagnostics: [Diagnostic] = []
    var trace: [Range<Int>: String] = [:]
    /// Whether `trace` is filled (only `baton inspect` reads it).
    var recordsTrace = true
    /// Below this many batch bodies (or list entries to read ahead) a second thread costs more than it saves.
    var parallelBodies = 64
    /// Below this many blocks, lines or references a second thread costs more than it saves.
    var parallelMinimum = 512
    /// The section of each top-level block, as an index into `sectionTable`: a section changes only at a
    /// heading, and a copy of its two titles per block was a retain of each.
    var sectionOfBlock: [Int32] = []
    var sectionTable: [SectionInfo] = []
    /// Title and batch id of each top-level heading, in document order.
    var headings: [HeadingFact] = []
    /// The effective level of each top-level heading (bare titles ranked as their document implies), by block
    /// index; 0 for other blocks.
    var headingLevels: [Int] = []
    /// Paragraphs and list items with a hint, for the passes over running text (a node without one changes
    /// nothing in any of them).
    var textNodes: [TextNode] = []
    var title: String?
    /// List items that introduce a batch (by byte offset), so body readers skip them.
    var entryItems = OffsetSet()
    /// Lists read as the fields of the item before them (text copied from a rendered page).
    var consumedLists = OffsetSet()
    /// What the items under each likely list entry say, read ahead on the other core while `readLists` walks.
    var entriesAhead: EntriesAhead?
    /// Whether each top-level block is a list that may hold batch entries (see `findListEntries`).
    var listsWithLikelyEntries: [Bool] = []

    struct EntriesAhead {
        /// The entries, in the order read.
        var entries: [Block]
        /// Each entry's place in `entries` and `readings`, by the entry's byte offset.
        var position: [Int: Int]
        var readings: ReadAhead<EntryReading>
    }

    /// An item that opens with a bold id and title (`**F0a — Repo skeleton.**`), and the item's text.
    typealias BoldDefinition = (id: String, title: String, raw: String)

    /// How a list item opens (an id, a bold definition), and for a likely entry read ahead what its items say if
    /// it names a batch.
    struct EntryReading {
        /// The id the item opens with, and its canonical form, by which its drafts are found.
        var leading: (match: BatchIdentifier.Match, canonicalID: String)?
        var bold: BoldDefinition?
        /// nil for an item not read ahead or that turned out not to name a batch.
        var facts: ItemFacts?
    }
    /// Values read ahead that no pass asks for any more, freed with the run: freed when `readLists` ends, on
    /// the walk's thread, thousands of them took longer than the end of the pass.
    var spentReadings: [AnyObject] = []
    /// Batches in merge order, per merge-order section.
    var mergeChains: [[Int]] = []
    var lastSectionHeading = -1
    /// Other names of batches (`US1`, `Setup`), known once all batches are.
    /// Computed on first use (most plans never need them), over the batches known at `aliasLimit`.
    var aliasesValue: [String: Int]?
    var aliasLimit = 0
    /// Each draft's title when its aliases were last found, and those aliases.
    var aliasCache: [(title: String, aliases: [String])] = []
    /// Reads status texts with the document's legend once it is known.
    var statusReader: StatusReader {
        didSet { statusReadings = [:]; onlyStatusTexts = [:] }
    }
    /// What each status text claimed so far says, by its raw text (nil: no status).
    var statusReadings: [String: StatusReader.Reading?] = [:]
    /// Whether each text read after an id says nothing but a status (`- T3 done`), by the text.
    var onlyStatusTexts: [String: Bool] = [:]

    struct Draft {
        /// How firmly this draft is defined: headings and table rows define, list entries may only describe.
        var definedBy: String
        /// Body blocks of a heading batch (top-level indices).
        var body: Range<Int>?
    }

    struct PendingReference {
        /// `blocks`: the batches named depend on the one that names them.
        enum Kind {
            case dependsOn, mayRunWith, mergeAfter, blocks

            /// The kind of reference a field's value makes, if it names batches.
            init?(_ field: Vocabulary.Field) {
                switch field {
                case .dependsOn: self = .dependsOn
                case .mayRunWith: self = .mayRunWith
                case .blocks: self = .blocks
                default: return nil
                }
            }
        }
        var draft: Int
        var kind: Kind
        var text: String
        var span: SourceSpan
        var origin: Dependency.Origin
    }

    /// The section of the top-level block at `index`.
    func section(_ index: Int) -> SectionInfo { sectionTable[Int(sectionOfBlock[index])] }

    /// The heading context of one top-level block.
    struct SectionInfo {
        /// Title of the nearest enclosing heading that is neither a batch nor a details heading.
        var group: String?
        /// Title of the nearest enclosing heading of any kind.
        var heading: String?
    }

    /// Plain text of recently read ranges that needed repair or markdown stripping, by range. Most such
    /// ranges are read once and the rest again soon after: a direct-mapped table keeps the repeats at the cost
    /// of a multiply per read, where hashing every range cost more than it saved.
    final class PlainCache {
        private static let slotBits = 10
        /// Key -1 marks an empty slot.
        private var slots = [(key: Int, text: String)](repeating: (-1, ""), count: 1 << slotBits)

        private static func slot(_ key: Int) -> Int {
            Int(truncatingIfNeeded: (UInt64(truncatingIfNeeded: key) &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - slotBits))
        }

        /// The text stored for `key` (a range's bounds, never negative), if it is still there.
        func text(for key: Int) -> String? {
            let slot = Self.slot(key)
            return slots[slot].key == key ? slots[slot].text : nil
        }

        func store(_ text: String, for key: Int) {
            slots[Self.slot(key)] = (key, text)
        }
    }
    var plainCache = PlainCache()

    /// The field each label of ASCII text names, by the label's bytes (`**Depends on**`), for labels that
    /// take the general reading: a plan repeats a few of them in every batch. Like `plainCache`, one per
    /// thread (`threadCopy`).
    final class LabelCache {
        var fields: [String: Vocabulary.Field?] = [:]
    }
    var labelCache = LabelCache()

    init(document: PlanDocument, path: String, vocabulary: Vocabulary) {
        self.document = document
        self.source = document.source
        self.path = path
        self.vocabulary = vocabulary
        self.statusReader = StatusReader(vocabulary: vocabulary, legend: [:])
    }

    // MARK: Text

    func text(_ range: Range<Int>) -> String { source.repairedString(range) }
    func plain(_ range: Range<Int>) -> String {
        if let fast = Self.plainWithoutMarks(range, in: source) { return fast }
        // Several passes read the same block: repair and strip its text once.
        let key = range.lowerBound << 32 | range.upperBound
        if let known = plainCache.text(for: key) { return known }
        let result = PlanText.plain(text(range))
        plainCache.store(result, for: key)
        return result
    }

    /// A copy of the run for a second thread: its own plain-text cache, no references or diagnostics yet,
    /// and no batches, so that the run's own array stays uniquely held and writing it in place copies nothing.
    func threadCopy() -> ExtractionRun {
        var run = self
        run.batches = []
        run.references = []
        run.diagnostics = []
        run.plainCache = PlainCache()
        run.labelCache = LabelCache()
        run.entriesAhead = nil
        return run
    }

    /// `plain` without the cache, for work done on two threads.
    static func plainUncached(_ range: Range<Int>, in source: SourceText) -> String {
        plainWithoutMarks(range, in: source) ?? PlanText.plain(source.repairedString(range))
    }

    /// `plain` of ASCII text without emphasis, ticks, underscores or brackets: nothing to repair or remove,
    /// only trimming; nil for other text.
    private static func plainWithoutMarks(_ range: Range<Int>, in source: SourceText) -> String? {
        source.bytes.withUnsafeBufferPointer { buffer -> String? in
            if PlanText.mayChangePlainText(buffer, range) { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[PlanText.trimmedRange(buffer, range)]), as: UTF8.self)
        }
    }

    /// The document's top-level tables with their header rows, by block index (only tables are copied).
    var tables: [(index: Int, block: Block, header: TableRow)] {
        document.blocks.indices.compactMap { index in
            guard case .table = document.blocks[index].kind, case .tableRow(let header)? = document.blocks[index].children.first?.kind else {
                return nil
            }
            return (index, document.blocks[index], header)
        }
    }

    func span(_ range: Range<Int>) -> SourceSpan {
        let (line, column) = source.location(of: range.lowerBound)
        return SourceSpan(start: range.lowerBound, end: range.upperBound, line: line, column: column)
    }

    /// Drafts by canonical id, so matching an entry to its batch is a lookup.
    var draftsByCanonical: [String: [Int]] = [:]

    /// The drafts whose id has the canonical form of `id` (`B1`, `b1`, `Batch B1`), in the order made.
    func drafts(withID id: String) -> [Int] {
        drafts(withCanonicalID: BatchIdentifier.canonical(id))
    }

    func drafts(withCanonicalID canonicalID: String) -> [Int] {
        draftsByCanonical[canonicalID] ?? []
    }

    mutating func rebuildIndex() {
        assert(drafts.count == batches.count, "drafts and batches out of step")
        draftsByCanonical = [:]
        for index in drafts.indices { draftsByCanonical[BatchIdentifier.canonical(batches[index].id), default: []].append(index) }
    }

    // MARK: Passes

    mutating func extract() -> Plan {
        readOutline()
        collectTextNodes()
        findListEntries()
        readLegend()
        readFrontMatter()
        readHeadingBatches()
        readTables()
        readLists()
        readHeadingBodies()
        let encoding = encodingAhead()
        readArrows()
        readRangeStatuses()
        readDependencyTables()
        let phaseOrder = readPhaseOrder()
        assignKeys()
        resolveReferences()
        finishStatuses()
        reportTables()
        diagnostics += encoding?.value(at: 0) { _ in encodingDiagnostics() } ?? encodingDiagnostics()
        if drafts.isEmpty {
            diagnostics.append(Diagnostic(severity: .note, code: "no-batches",
                                          message: "no batches found: no batch headings, status tables or id-led lists",
                                          file: path, line: 1, column: 1))
        }
        return Plan(path: path, title: title, batches: batches, diagnostics: diagnostics,
                    legend: legend, phaseOrder: phaseOrder.names, phaseOrderIsStrict: phaseOrder.strict)
    }
}
