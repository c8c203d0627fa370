import PlanSyntax

extension ExtractionRun {
    /// A `Label: value` field: what it says, the bytes of its value, and list items that continue it.
    struct FieldEntry {
        var field: Vocabulary.Field
        var value: Range<Int>
        var items: [Block]
    }

    /// The field a line or item content opens, if its label is in the vocabulary.
    func field(in content: Range<Int>) -> (Vocabulary.Field, Range<Int>)? {
        let bytes = source.bytes
        let limit = min(content.upperBound, content.lowerBound + 64)
        var colon = content.lowerBound
        while colon < limit, bytes[colon] != UInt8(ascii: ":") { colon += 1 }
        guard colon < limit else { return nil }
        guard let field = Self.asciiLabelField(bytes, content.lowerBound..<colon, vocabulary: vocabulary) ?? labelField(content.lowerBound..<colon) else {
            return nil
        }
        var valueStart = colon + 1
        while valueStart < content.upperBound,
              bytes[valueStart].isSpaceOrTabOrEmphasis { valueStart += 1 }
        return (field, source.trimmed(valueStart..<max(valueStart, content.upperBound)))
    }

    /// The field the label in `range` names, read the general way (plain text, then the vocabulary); labels
    /// of ASCII text are remembered by their bytes.
    private func labelField(_ range: Range<Int>) -> Vocabulary.Field? {
        let key = source.bytes.withUnsafeBufferPointer { buffer -> String? in
            let label = UnsafeBufferPointer(rebasing: buffer[range])
            return PlanText.firstNonASCII(in: label, from: 0) == label.count ? String(decoding: label, as: UTF8.self) : nil
        }
        if let key, let known = labelCache.fields[key] { return known }
        let label = plain(range)
        let field = label.isEmpty || Self.wordCount(label) > 6 ? nil : vocabulary.field(forLabel: label)
        if let key { labelCache.fields[key] = field }
        return field
    }

    /// The field a plain ASCII label names (`Depends on`), read from its bytes: for such a label `plain` only
    /// trims, and `Vocabulary.field(forLabel:)` only lowercases and trims colons and spaces. `.some(nil)` when
    /// it names none; nil for other labels, which take the general way.
    static func asciiLabelField(_ bytes: [UInt8], _ range: Range<Int>, vocabulary: Vocabulary) -> Vocabulary.Field?? {
        bytes.withUnsafeBufferPointer { buffer -> Vocabulary.Field?? in
            var lower = range.lowerBound
            var upper = range.upperBound
            for index in lower..<upper {
                let byte = buffer[index]
                if byte < 0x20 || byte == 0x7F || byte.mayChangePlainText { return .none }
            }
            // `plain` trims spaces; the label must have one to six words.
            while lower < upper, buffer[lower] == 0x20 { lower += 1 }
            while upper > lower, buffer[upper - 1] == 0x20 { upper -= 1 }
            guard lower < upper else { return .some(nil) }
            var words = 0
            var inWord = false
            for index in lower..<upper {
                if buffer[index] == 0x20 { inWord = false } else if !inWord { inWord = true; words += 1 }
            }
            guard words <= 6 else { return .some(nil) }
            // Then `field(forLabel:)` lowercases and trims colons and spaces.
            while lower < upper, buffer[lower] == 0x20 || buffer[lower] == UInt8(ascii: ":") { lower += 1 }
            while upper > lower, buffer[upper - 1] == 0x20 || buffer[upper - 1] == UInt8(ascii: ":") { upper -= 1 }
            return .some(vocabulary.fieldLookup.value(lowercasingASCII: UnsafeBufferPointer(rebasing: buffer[lower..<upper])))
        }
    }

    /// `text.split(separator: " ").count`, by bytes for ASCII text.
    static func wordCount(_ text: String) -> Int {
        let counted = text.utf8.withContiguousStorageIfAvailable { bytes -> Int? in
            var count = 0
            var inWord = false
            for byte in bytes {
                if byte >= 0x80 { return nil }
                if byte == 0x20 {
                    inWord = false
                } else if !inWord {
                    inWord = true
                    count += 1
                }
            }
            return count
        }
        if case .some(.some(let count)) = counted { return count }
        return text.split(separator: " ").count
    }

    func isFieldItem(_ block: Block) -> Bool {
        guard case .listItem = block.kind else { return false }
        return field(in: block.content) != nil
    }

    /// Whether `childItems(block)` has any, without building it.
    static func hasChildItems(_ block: Block) -> Bool {
        // By index: iterating would copy each child (its children array and its kind's payload retained).
        let children = block.children
        for index in children.indices {
            if case .list = children[index].kind, !children[index].children.isEmpty { return true }
        }
        return false
    }

    /// Items of the lists directly inside an item.
    func childItems(_ block: Block) -> [Block] {
        // Nearly always one list: its items are returned as they are, not copied one by one into a new array.
        var lists = 0
        var onlyList = 0
        for index in block.children.indices {
            if case .list = block.children[index].kind {
                lists += 1
                onlyList = index
            }
        }
        if lists == 0 { return [] }
        if lists == 1 { return block.children[onlyList].children }
        return block.children.flatMap { child -> [Block] in
            guard case .list = child.kind else { return [] }
            return child.children
        }
    }

    /// The bytes of a field's value (when it has one on its line) and of each item that continues it, in order;
    /// handed to `body` rather than made into an array, as a field is read for nearly every batch. (The text of
    /// bytes is never empty: repair only replaces runs with what they decode to.)
    private func forEachPart(of entry: FieldEntry, _ body: (Range<Int>) -> Void) {
        if !entry.value.isEmpty { body(entry.value) }
        for index in entry.items.indices { body(entry.items[index].content) }
    }

    /// The first part `forEachPart` would give.
    private func firstPart(of entry: FieldEntry) -> Range<Int>? {
        entry.value.isEmpty ? entry.items.first?.content : entry.value
    }

    /// One thing list items and field lines say about a batch.
    enum Fact {
        case status(raw: String, range: Range<Int>)
        case reference(PendingReference.Kind, text: String, span: SourceSpan, origin: Dependency.Origin)
        case owns(Mention)
        case artifact(Mention)
        case gate(Gate)
        case acceptance(Mention)
        /// Taken only while the batch has no title.
        case title(String)
        case task(Task)
        case phase(Phase, item: Range<Int>)
        /// Where a field was read; told only when the run records a trace.
        case field(Vocabulary.Field, block: Range<Int>)
        /// A list read as the values of a field line above it; told only when the run records a trace.
        case values(Vocabulary.Field, list: Range<Int>)
    }

    /// What the readers of items and field lines tell facts to, in the order the text says them.
    protocol FactSink {
        mutating func add(_ fact: Fact)
        /// An item was read (by byte offset).
        mutating func noteItem(_ offset: Int)
        /// Whether a title would be taken (making one reads and repairs the field's text).
        var wantsTitle: Bool { get }
    }

    /// Facts kept to be written later: the items under many entries are read ahead on the other core and written
    /// to their batches in document order.
    struct ItemFacts: FactSink {
        var facts: [Fact] = []
        /// The items read, by byte offset: facts read before one of them became an entry are stale.
        var items: [Int] = []
        mutating func add(_ fact: Fact) { facts.append(fact) }
        mutating func noteItem(_ offset: Int) { items.append(offset) }
        /// Whether the batch will still have no title when these facts are written is known only then.
        var wantsTitle: Bool { true }
    }

    /// Writes facts straight to one batch, held here (out of `batches`) while it is written; references,
    /// status claims and trace lines wait for `finish`, which needs the run.
    struct BatchWriter: FactSink {
        let draft: Int
        var batch: Batch
        let recordsTrace: Bool
        var references: [PendingReference] = []
        var claims: [(raw: String, range: Range<Int>)] = []
        var traces: [(Range<Int>, String)] = []

        /// Takes `batch` out of where it is kept, leaving a placeholder until `putBack`.
        init(taking batch: inout Batch, draft: Int, recordsTrace: Bool) {
            self.draft = draft
            self.batch = Self.placeholder
            self.recordsTrace = recordsTrace
            swap(&self.batch, &batch)
        }

        mutating func putBack(into place: inout Batch) {
            swap(&batch, &place)
        }

        private static let placeholder = Batch(key: "", id: "", title: "", group: nil, status: Status(raw: "", category: .todo, origin: .derived),
                                               source: SourceSpan(start: 0, end: 0, line: 1, column: 1))

        mutating func noteItem(_ offset: Int) {}
        var wantsTitle: Bool { batch.title.isEmpty }

        mutating func add(_ fact: Fact) {
            switch fact {
            case .status(let raw, let range):
                claims.append((raw, range))
            case .reference(let kind, let text, let span, let origin):
                references.append(PendingReference(draft: draft, kind: kind, text: text, span: span, origin: origin))
            case .owns(let mention):
                batch.owns.append(mention)
            case .artifact(let mention):
                batch.artifacts.append(mention)
            case .gate(let gate):
                batch.gates.append(gate)
            case .acceptance(let mention):
                batch.acceptance.append(mention)
            case .title(let title):
                if batch.title.isEmpty { batch.title = title }
            case .task(let task):
                batch.tasks.append(task)
            case .phase(let phase, let item):
                batch.phases.append(phase)
                if recordsTrace { traces.append((item, "phase \(phase.name) of \(batch.id)")) }
            case .field(let field, let block):
                traces.append((block, "field \(field.rawValue) of \(batch.id)"))
            case .values(let field, let list):
                traces.append((list, "values of \(field.rawValue)"))
            }
        }
    }

    /// A writer holding batch `draft`, taken out of `batches` until `close`.
    mutating func writer(for draft: Int) -> BatchWriter {
        BatchWriter(taking: &batches[draft], draft: draft, recordsTrace: recordsTrace)
    }

    /// Claims the statuses a writer collected and keeps its references and trace lines, in the order read.
    mutating func finish(_ writer: inout BatchWriter) {
        for (raw, range) in writer.claims {
            if let claim = statusClaim(raw: raw, origin: .field, range: range, of: writer.batch.id) { writer.batch.statusClaims.append(claim) }
        }
        references += writer.references
        for (range, line) in writer.traces { trace[range] = line }
    }

    /// `finish`, then the batch back in its place.
    mutating func close(_ writer: inout BatchWriter) {
        finish(&writer)
        writer.putBack(into: &batches[writer.draft])
    }

    mutating func apply(_ facts: ItemFacts, to draft: Int) {
        var writer = writer(for: draft)
        for fact in facts.facts { writer.add(fact) }
        close(&writer)
    }

    func read<Sink: FactSink>(_ entry: FieldEntry, into sink: inout Sink) {
        switch entry.field {
        case .status:
            if !entry.value.isEmpty { sink.add(.status(raw: text(entry.value), range: entry.value)) }
        case .dependsOn, .mayRunWith, .blocks:
            let kind = PendingReference.Kind(entry.field)!
            forEachPart(of: entry) { range in
                sink.add(.reference(kind, text: text(range), span: span(range), origin: .field))
            }
        case .owns, .artifacts:
            forEachPart(of: entry) { range in
                for path in Self.splitPaths(text(range)) {
                    let mention = Mention(text: path, span: span(range))
                    sink.add(entry.field == .owns ? .owns(mention) : .artifact(mention))
                }
            }
        case .gate:
            forEachPart(of: entry) { range in
                for piece in GateClassifier.split(text(range)) where PlanText.hasPlainText(piece) {
                    let (kind, gateText) = GateClassifier.classify(piece)
                    sink.add(.gate(Gate(kind: kind, text: gateText, span: span(range))))
                }
            }
        case .acceptance:
            // Each part's plain text straight from its bytes (`plain(_:)` repairs and strips only if needed).
            forEachPart(of: entry) { range in
                let plain = plain(range)
                if !plain.isEmpty { sink.add(.acceptance(Mention(text: plain, span: span(range)))) }
            }
        case .title, .description:
            if sink.wantsTitle, let first = firstPart(of: entry) { sink.add(.title(PlanText.plain(text(first)))) }
        }
    }

    /// `a/**, b.py` → two paths; prose stays one mention.
    static func splitPaths(_ text: String) -> [String] {
        splitPlainPaths(text) ?? splitPathsByCharacters(text)
    }

    /// `splitPaths` by bytes for printable ASCII, where unticking is dropping the ticks and trimming spaces; nil
    /// for other text.
    private static func splitPlainPaths(_ text: String) -> [String]? {
        let result = text.utf8.withContiguousStorageIfAvailable { bytes -> [String]? in
            guard !bytes.contains(where: { $0 < 0x20 || $0 >= 0x7F }) else { return nil }
            let tick = UInt8(ascii: "`")
            // A range trimmed of spaces and ticks at its ends; ticks inside it are dropped when it is made a string.
            func trimmed(_ range: Range<Int>) -> Range<Int> {
                var (lower, upper) = (range.lowerBound, range.upperBound)
                while lower < upper, bytes[lower] == 0x20 || bytes[lower] == tick { lower += 1 }
                while upper > lower, bytes[upper - 1] == 0x20 || bytes[upper - 1] == tick { upper -= 1 }
                return lower..<upper
            }
            func unticked(_ range: Range<Int>) -> String {
                let piece = UnsafeBufferPointer(rebasing: bytes[range])
                guard piece.contains(tick) else { return String(decoding: piece, as: UTF8.self) }
                // Dropping inner ticks may bring spaces to an end: trim those as `unticked` would.
                var kept = piece.filter { $0 != tick }[...]
                while kept.first == 0x20 { kept = kept.dropFirst() }
                while kept.last == 0x20 { kept = kept.dropLast() }
                return String(decoding: kept, as: UTF8.self)
            }
            var parts: [String] = []
            var partHasSpace = false
            var start = 0
            for index in 0...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: ",") {
                let part = trimmed(start..<index)
                if !part.isEmpty {
                    let made = unticked(part)
                    if !made.isEmpty { parts.append(made) }
                    // A space inside the part is inside what `unticked` made of it: only ticks and end spaces go.
                    partHasSpace = partHasSpace || UnsafeBufferPointer(rebasing: bytes[part]).contains(0x20)
                }
                start = index + 1
            }
            guard parts.count > 1, !partHasSpace else { return [unticked(trimmed(0..<bytes.count))] }
            return parts
        }
        return result ?? nil
    }

    /// `splitPaths` read as any text is; the byte reading must agree with it.
    static func splitPathsByCharacters(_ text: String) -> [String] {
        // Globs keep their `*`: only code ticks come off.
        guard PlanText.contains(text, ",") else { return [PlanText.unticked(text)] }
        let pieces = PlanText.split(text, separator: UInt8(ascii: ",")) ?? text.split(separator: ",").map(String.init)
        let parts = pieces.map { PlanText.unticked($0) }.filter { !$0.isEmpty }
        if parts.count > 1, parts.allSatisfy({ !PlanText.contains($0, " ") }) { return parts }
        return [PlanText.unticked(text)]
    }

    // MARK: Items

    /// Reads fields, phases and tasks from list items that describe `draft`.
    mutating func readItems(_ items: [Block], into draft: Int) {
        var writer = writer(for: draft)
        read(items, into: &writer)
        close(&writer)
    }

    func itemFacts(_ items: [Block]) -> ItemFacts {
        var facts = ItemFacts()
        // Room for about a fact and an offset per top-level item at once: grown from nothing by doubling, the
        // arrays were copied and freed 3,667 times on the 2 MB plan.
        facts.facts.reserveCapacity(items.count + 2)
        facts.items.reserveCapacity(items.count + 2)
        read(items, into: &facts)
        return facts
    }

    private func read<Sink: FactSink>(_ items: [Block], into sink: inout Sink) {
        for item in items {
            guard case .listItem(let listItem) = item.kind else { continue }
            sink.noteItem(item.range.lowerBound)
            guard !entryItems.contains(item.range.lowerBound) else { continue }
            if let (field, value) = field(in: item.content) {
                read(FieldEntry(field: field, value: value, items: childItems(item)), into: &sink)
                if recordsTrace { sink.add(.field(field, block: item.range)) }
            } else if let checkbox = listItem.checkbox {
                sink.add(.task(task(item, checkbox: checkbox)))
                readProse(item.content, into: &sink)
                read(childItems(item), into: &sink)
            } else if let phase = phase(item) {
                sink.add(.phase(phase, item: item.range))
                for task in childItems(item) { readProse(task.content, into: &sink) }
            } else {
                readProse(item.content, into: &sink)
                read(childItems(item), into: &sink)
            }
        }
    }

    func task(_ item: Block, checkbox: Checkbox) -> Task {
        Task(text: plain(item.content), done: checkbox.isChecked, span: span(item.content), marker: span(checkbox.range))
    }

    /// `- **Planning**` with task items under it.
    func phase(_ item: Block) -> Phase? {
        let tasks = childItems(item).compactMap { child -> Task? in
            guard case .listItem(let listItem) = child.kind, let checkbox = listItem.checkbox else { return nil }
            return task(child, checkbox: checkbox)
        }
        guard !tasks.isEmpty else { return nil }
        let name = plain(item.content).trimmingCharacters(in: ": ")
        guard !name.isEmpty, Self.wordCount(name) <= 5 else { return nil }
        return Phase(name: name, tasks: tasks, span: span(item.content))
    }

    // MARK: Heading bodies

    /// Fields, phases and tasks in the blocks under each batch heading.
    mutating func readHeadingBodies() {
        let withBodies = drafts.indices.filter { drafts[$0].body != nil }
        // Each body is read on its own and written to its batch alone: a long plan's bodies are read in parts
        // by two threads, each part writing its batches in place and collecting references and diagnostics in
        // a run of its own, appended in order after, as one thread would have. The trace (`baton inspect`) is
        // kept single-threaded.
        guard withBodies.count >= parallelBodies, !recordsTrace else {
            for draft in withBodies {
                var writer = writer(for: draft)
                readBody(drafts[draft].body!, into: &writer)
                close(&writer)
            }
            return
        }
        let starts = Self.partStarts(withBodies.map { drafts[$0].body! }, parts: Self.bodyParts, in: document.blocks)
        var runs = (0..<Self.bodyParts).map { _ in threadCopy() }
        batches.withUnsafeMutableBufferPointer { batches in
            runs.withUnsafeMutableBufferPointer { runs in
                // Parts taken by whichever thread is free: one whose core the host takes holds up one part,
                // not half of the bodies.
                _ = SideBySide.map(runs.count, minimum: 2) { part in
                    // Read through a constant: a method called on a captured variable copies the whole run.
                    let reader = runs[part]
                    for draft in withBodies[starts[part]..<starts[part + 1]] {
                        var writer = BatchWriter(taking: &batches[draft], draft: draft, recordsTrace: false)
                        reader.readBody(reader.drafts[draft].body!, into: &writer)
                        runs[part].finish(&writer)
                        writer.putBack(into: &batches[draft])
                    }
                }
            }
        }
        for run in runs {
            references += run.references
            diagnostics += run.diagnostics
        }
    }

    /// Parts the bodies of a long plan are read in, on two threads.
    static let bodyParts = 8

    /// Where each of `parts` runs of `bodies` (ranges of top-level blocks, in document order) starts, so that
    /// each covers about as many bytes, then `bodies.count`: a plan's bodies differ in length by section, and
    /// splitting by count left one thread with a third more to read.
    static func partStarts(_ bodies: [Range<Int>], parts: Int, in blocks: [Block]) -> [Int] {
        func bytes(_ body: Range<Int>) -> Int {
            body.isEmpty ? 0 : blocks[body.upperBound - 1].range.upperBound - blocks[body.lowerBound].range.lowerBound
        }
        let total = bodies.reduce(0) { $0 + bytes($1) }
        var starts = [0]
        var index = 0
        var before = 0
        for part in 1..<parts {
            let target = total * part / parts
            while index < bodies.count, before + bytes(bodies[index]) <= target {
                before += bytes(bodies[index])
                index += 1
            }
            starts.append(index)
        }
        starts.append(bodies.count)
        return starts
    }

    /// Fields, phases, tasks and prose dependencies in the blocks under one batch heading.
    private func readBody<Sink: FactSink>(_ body: Range<Int>, into sink: inout Sink) {
        let blocks = document.blocks
        var index = body.lowerBound
        while index < body.upperBound {
            let block = blocks[index]
            switch block.kind {
            case .paragraph:
                var consumedNext = false
                for lineIndex in block.lines {
                    let line = source.lines[lineIndex]
                    let content = source.trimmed(line.start..<line.contentEnd)
                    guard let (field, value) = field(in: content) else {
                        readProse(content, into: &sink)
                        continue
                    }
                    var items: [Block] = []
                    if value.isEmpty, lineIndex == block.lines.upperBound - 1, let list = nextList(after: index, within: body) {
                        items = list.block.children
                        consumedNext = true
                        if recordsTrace { sink.add(.values(field, list: list.block.range)) }
                        index = list.index
                    }
                    read(FieldEntry(field: field, value: value, items: items), into: &sink)
                    if recordsTrace { sink.add(.field(field, block: block.range)) }
                }
                if consumedNext { index += 1; continue }
            case .list:
                if !consumedLists.contains(block.range.lowerBound) { read(block.children, into: &sink) }
            default:
                break
            }
            index += 1
        }
    }

    /// The list right after block `index` (blank lines between allowed), within `range`.
    func nextList(after index: Int, within range: Range<Int>) -> (index: Int, block: Block)? {
        var next = index + 1
        while next < range.upperBound, case .blank = document.blocks[next].kind { next += 1 }
        guard next < range.upperBound, case .list = document.blocks[next].kind else { return nil }
        return (next, document.blocks[next])
    }

    // MARK: Prose

    static let proseTriggers = ["dependency on ", "depends on ", "dependent on ", "after ", "requires ", "blocked by ",
                                "abhängig von ", "abhaengig von ", "builds on ", "waits for ", "wait for ", "depend on "]
    /// The triggers by their opening byte, for the byte scan of `proseTails`.
    private static let proseTriggerTable = PatternTable(proseTriggers.map { Array($0.utf8) }, key: { $0[0] })
    static let proseTriggerSet = PhraseSet(proseTriggers)

    /// `Confirm dependency on Workstream A outputs`, `(after Batch 11)`: dependencies written in running text.
    mutating func scanProse(_ range: Range<Int>, for draft: Int) {
        var writer = writer(for: draft)
        readProse(range, into: &writer)
        close(&writer)
    }

    private func readProse<Sink: FactSink>(_ range: Range<Int>, into sink: inout Sink) {
        // Most prose says nothing about dependencies: its plain, lowercased text need not be made.
        guard source.bytes.withUnsafeBufferPointer({ Self.proseTriggerSet.mayOccur(in: UnsafeBufferPointer(rebasing: $0[range])) }) else { return }
        let tails = source.bytes.withUnsafeBufferPointer { Self.asciiProseTails($0, range, vocabulary: vocabulary) } ?? {
            let line = plain(range)
            let lowered = line.lowered()
            return Self.proseTails(line: line, lowered: lowered) ?? Self.proseTailsByCharacter(line: line, lowered: lowered)
        }()
        for text in Self.proseReferences(tails, vocabulary: vocabulary) {
            sink.add(.reference(.dependsOn, text: text, span: span(range), origin: .prose))
        }
    }

    /// What the tails after dependency triggers name: a batch id (`B3`, `Batch 11`, a range `US1-7`), or the
    /// first words of a capitalized name (`Foundational`), resolved against aliases later.
    static func proseReferences(_ tails: [String], vocabulary: Vocabulary) -> [String] {
        var references: [String] = []
        for tail in tails {
            guard let match = BatchIdentifier.leading(tail, vocabulary: vocabulary),
                  match.keyword != nil || BatchIdentifier.isLettersAndDigits(match.id) else {
                let words = tail.split(separator: " ").prefix(3)
                if let first = words.first, first.first?.isUppercase == true { references.append(words.lazy.map(String.init).concatenated(separator: " ")) }
                continue
            }
            // `US1-7`: keep the range so it can expand.
            var text = match.keyword.map { "\($0) \(match.id)" } ?? match.id
            let afterID = tail.drop(while: { !$0.isLetter && !$0.isNumber }).dropFirst(match.id.count)
            if match.keyword == nil, let next = afterID.first, next == "-" || next == "–",
               let end = afterID.dropFirst().split(separator: " ").first, !end.isEmpty, end.allSatisfy(\.isNumber) {
                text += "-" + String(end)
            }
            references.append(text)
        }
        return references
    }

    /// The tails of `range` read from the source bytes, for ASCII text that `plain` leaves as it is (no marks,
    /// no carriage returns), without those that name nothing: a tail that opens with a lowercase word that
    /// opens no identifier (`after fallback`) is neither an id nor a capitalized name. In running text most
    /// triggers are such words, and making the plain and lowercased line and a string of each tail cost more
    /// than reading them. Nil for other text.
    static func asciiProseTails(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, vocabulary: Vocabulary) -> [String]? {
        guard !PlanText.mayChangePlainText(buffer, range) else { return nil }
        let text = UnsafeBufferPointer(rebasing: buffer[PlanText.trimmedRange(buffer, range)])
        guard !text.contains(0x0D) else { return nil }
        let ends = triggerEnds(count: text.count) { PlanText.asciiLowercased(text[$0]) }
        var tails: [String] = []
        for (_, end) in ends {
            let tail = UnsafeBufferPointer(rebasing: text[end..<min(end + 40, text.count)])
            guard let first = tail.first, !(first &- 0x61 < 26 && BatchIdentifier.cannotLead(tail, vocabulary: vocabulary)) else { continue }
            tails.append(String(decoding: tail, as: UTF8.self))
        }
        return tails
    }

    /// Where each match of a trigger ends in lowercased text of `count` bytes (`lowered` gives each byte), in
    /// the order of the character reading: trigger by trigger, each left to right, a search resuming after
    /// each match.
    @inline(__always)
    private static func triggerEnds(count: Int, lowered: (Int) -> UInt8) -> [(trigger: Int, end: Int)] {
        var ends: [(trigger: Int, end: Int)] = []
        proseTriggerTable.withView { triggers in
            for index in 0..<count {
                // Most bytes open no trigger: a look in the table and on to the next.
                for trigger in triggers.patterns(keyedBy: lowered(index)) {
                    let pattern = triggers.pattern(trigger)
                    guard index + pattern.count <= count else { continue }
                    var offset = 1
                    while offset < pattern.count, lowered(index + offset) == pattern[offset] { offset += 1 }
                    if offset == pattern.count { ends.append((trigger, index + pattern.count)) }
                }
            }
        }
        guard ends.count > 1 else { return ends }
        // Sorted and thinned in place: most lines have a trigger or two.
        ends.sort { $0.trigger != $1.trigger ? $0.trigger < $1.trigger : $0.end < $1.end }
        var kept = 1
        for index in 1..<ends.count {
            let (match, previous) = (ends[index], ends[kept - 1])
            // A search resumes after each match, so matches of one trigger do not overlap.
            if match.trigger == previous.trigger, match.end - proseTriggers[match.trigger].utf8.count < previous.end { continue }
            ends[kept] = match
            kept += 1
        }
        ends.removeLast(ends.count - kept)
        return ends
    }

    /// The 40 characters after each trigger, trigger by trigger, each left to right.
    static func proseTailsByCharacter(line: String, lowered: String) -> [String] {
        var tails: [String] = []
        for trigger in proseTriggers {
            var searchStart = lowered.startIndex
            while let found = lowered[searchStart...].firstRange(of: trigger) {
                searchStart = found.upperBound
                let offset = lowered.distance(from: lowered.startIndex, to: found.upperBound)
                tails.append(String(line.dropFirst(offset).prefix(40)))
            }
        }
        return tails
    }

    /// `proseTailsByCharacter` by bytes, for simple text (one scalar per character); nil for other text.
    static func proseTails(line: String, lowered: String) -> [String]? {
        var line = line
        var lowered = lowered
        return lowered.withUTF8 { low -> [String]? in
            guard PlanText.isSimpleLine(low) else { return nil }
            let ends = triggerEnds(count: low.count) { low[$0] }
            if ends.isEmpty { return [] }
            return line.withUTF8 { text -> [String]? in
                guard PlanText.isSimple(text) else { return nil }
                var tails: [String] = []
                for (_, matchEnd) in ends {
                    // Characters before the end of the match in the lowercased line, then as many in the line.
                    var characters = 0
                    for byte in UnsafeBufferPointer(rebasing: low[0..<matchEnd]) where byte & 0xC0 != 0x80 { characters += 1 }
                    var start = 0
                    while start < text.count, characters > 0 {
                        start += 1
                        while start < text.count, text[start] & 0xC0 == 0x80 { start += 1 }
                        characters -= 1
                    }
                    var end = start
                    var taken = 0
                    while end < text.count, taken < 40 {
                        end += 1
                        while end < text.count, text[end] & 0xC0 == 0x80 { end += 1 }
                        taken += 1
                    }
                    tails.append(String(decoding: UnsafeBufferPointer(rebasing: text[start..<end]), as: UTF8.self))
                }
                return tails
            }
        }
    }
}

extension UInt8 {
    var isSpaceOrTabOrEmphasis: Bool {
        self == 0x20 || self == 0x09 || self == UInt8(ascii: "*") || self == UInt8(ascii: "_")
    }
}
