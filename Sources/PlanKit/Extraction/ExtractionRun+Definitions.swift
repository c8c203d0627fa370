import PlanSyntax

extension ExtractionRun {
    // MARK: Drafts

    /// How similar a text must be to a batch's title to be about that batch, when the id alone does not decide.
    static let sameBatchSimilarity = 0.1

    /// The draft an entry with `id` describes: same canonical id and a similar title (or no title to compare).
    func existingDraft(id: String, title: String, group: String?) -> Int? {
        batches.existingDraft(among: drafts(withID: id), title: title, group: group)
    }

    /// A new draft; `canonical` is the id's canonical form when the caller has it already.
    mutating func newDraft(id: String, title: String, group: String?, source range: Range<Int>, definedBy: String,
                           canonical: String? = nil) -> Int {
        let batch = Batch(key: id, id: id, title: title, group: group,
                          status: Status(raw: "", category: .todo, origin: .derived), source: span(range))
        batches.append(batch)
        drafts.append(Draft(definedBy: definedBy))
        draftsByCanonical[canonical ?? BatchIdentifier.canonical(id), default: []].append(drafts.count - 1)
        return drafts.count - 1
    }

    mutating func addDetailSource(_ draft: Int, range: Range<Int>, group: String?) {
        batches[draft].detailSources.append(DetailSource(span: span(range), group: group))
    }

    mutating func claimStatus(_ draft: Int, raw: String, origin: StatusOrigin, range: Range<Int>) {
        if let claim = statusClaim(raw: raw, origin: origin, range: range, of: batches[draft].id) { batches[draft].statusClaims.append(claim) }
    }

    /// The status `raw` claims for batch `id`, if it claims one; an unknown status word is reported and read as todo.
    mutating func statusClaim(raw: String, origin: StatusOrigin, range: Range<Int>, of id: String) -> Status? {
        // Plans repeat a handful of status texts: each is read once.
        let reading: StatusReader.Reading?
        if let known = statusReadings[raw] {
            reading = known
        } else {
            reading = statusReader.reading(raw)
            statusReadings[raw] = reading
        }
        if let reading {
            return Status(raw: raw.trimmingWhitespace(), category: reading.category, date: reading.date, origin: origin, span: span(range))
        }
        guard !PlanText.plain(raw).isEmpty else { return nil }
        diagnostics.append(Diagnostic(severity: .warning, code: "unknown-status",
                                      message: "status '\(raw.trimmingWhitespace())' of \(id) is not a known status word; read as todo",
                                      file: path, at: span(range)))
        return Status(raw: raw.trimmingWhitespace(), category: .todo, origin: origin, span: span(range))
    }

    // MARK: Headings

    /// `## Batch B1: Title` and the like; the body runs to the next heading of the same or a higher level.
    mutating func readHeadingBatches() {
        let blocks = document.blocks
        // Splitting titles from trailing statuses reads nothing but the title: two cores, capturing no `self`.
        let batchHeadings = headings.filter { $0.batch != nil }
        let statusReader = statusReader
        let legend = legend
        let titles = SideBySide.map(batchHeadings.count, minimum: parallelBodies) { position -> (title: String, status: String?) in
            Self.splitStatus(from: batchHeadings[position].batch!.rest, statusReader: statusReader, legend: legend)
        }
        drafts.reserveCapacity(drafts.count + batchHeadings.count)
        batches.reserveCapacity(batches.count + batchHeadings.count)
        draftsByCanonical.reserveCapacity(draftsByCanonical.count + batchHeadings.count)
        // Finding where a body ends is a scan of integers.
        let levels = headingLevels
        for (heading, (title, statusText)) in zip(batchHeadings, titles) {
            let (index, match) = (heading.block, heading.batch!)
            let block = blocks[index]
            let level = levels[index]
            var end = index + 1
            while end < blocks.count, levels[end] == 0 || levels[end] > level { end += 1 }
            let group = section(index).group
            let draft: Int
            // Two headings with one id are one batch only if their titles agree; a heading may also
            // describe a batch first listed in front matter or a table.
            // Most headings name a new id: one lookup settles that.
            let canonical = BatchIdentifier.canonical(match.id)
            if let existing = batches.draftNamed(among: draftsByCanonical[canonical] ?? [], title: title, group: group),
               drafts[existing].definedBy != "heading" || PlanText.similarity(title, batches[existing].title) >= 0.3 {
                draft = existing
                addDetailSource(draft, range: block.range, group: group)
                if drafts[draft].body == nil { drafts[draft].body = index + 1..<end }
            } else {
                draft = newDraft(id: match.id, title: title, group: group, source: block.content, definedBy: "heading", canonical: canonical)
                drafts[draft].body = index + 1..<end
            }
            if recordsTrace { trace[block.range] = "batch heading \(match.id)" }
            if let statusText {
                let contentEnd = block.content.upperBound
                let length = statusText.utf8.count
                let range = text(block.content).hasSuffix(statusText) && contentEnd - length >= block.content.lowerBound
                    ? contentEnd - length..<contentEnd : block.content
                claimStatus(draft, raw: statusText, origin: .heading, range: range)
            }
        }
    }

    /// A batch title without the status written at its end: `Bootstrap – closed`, `Export ✅`.
    static func splitStatus(from rest: String, statusReader: StatusReader, legend: [LegendEntry]) -> (title: String, status: String?) {
        var title = rest
        // `Phase 0 – Bootstrap – closed`: a trailing status segment.
        for separator in [" – ", " — ", " - ", " · "] {
            if let range = lastRange(of: separator, in: title) {
                let tail = String(title[range.upperBound...])
                if statusReader.isOnlyStatus(tail) {
                    return (String(title[..<range.lowerBound]).trimmingWhitespace(), tail)
                }
            }
        }
        if let last = PlanText.lastWord(title), statusReader.vocabulary.statusGlyphs[last] != nil || legend.contains(where: { $0.glyph == last }) {
            title = String(title.dropLast(last.count)).trimmingWhitespace()
            return (title, last)
        }
        return (title, nil)
    }

    // MARK: Dependency tables

    private static let dependencyHeaders: Set<String> = [
        "blocked by", "depends on", "dependency", "dependencies", "prerequisite", "prerequisites", "requires", "needs",
        "waits for", "abhängigkeit", "abhaengigkeit", "abhängigkeiten", "abhaengigkeiten", "abhängig von", "voraussetzung",
    ]
    // Tables with a batch, workstream or task column are batch tables, read as such.
    private static let dependentHeaders: Set<String> = ["blocked party", "blocked", "dependent", "waiting", "who", "consumer"]

    /// `| Blocked party | Blocked by |` tables that are not batch tables: in each row the batch named in the
    /// first cell waits for the batches named in the other (`David (B) needs …` | `Jorge (D-seed)`).
    mutating func readDependencyTables() {
        for (_, block, header) in tables {
            let labels = header.cells.map { plain($0) }
            let names = labels.map { $0.lowered().trimmingCharacters(in: ": ") }
            guard let dependencyColumn = names.firstIndex(where: Self.dependencyHeaders.contains),
                  let dependentColumn = names.firstIndex(where: Self.dependentHeaders.contains),
                  columns(of: labels) == nil else { continue }
            for rowBlock in block.children.dropFirst(2) {
                guard case .tableRow(let row) = rowBlock.kind, max(dependencyColumn, dependentColumn) < row.cells.count,
                      let dependent = batchesNamed(in: plain(row.cells[dependentColumn])).first else { continue }
                for target in batchesNamed(in: plain(row.cells[dependencyColumn])) where target != dependent {
                    references.append(PendingReference(draft: dependent, kind: .dependsOn, text: batches[target].id,
                                                       span: span(row.cells[dependencyColumn]), origin: .field))
                }
                if recordsTrace { trace[rowBlock.range] = "dependency row of \(batches[dependent].id)" }
            }
        }
    }

    /// Batches a table cell names: the words in its parentheses (`David (B)`, `Jorge (D — MVs)`), or, in a cell
    /// without parentheses, its words when every one is an id (`B3, B4`). A word names a batch with exactly
    /// that id (bare numbers only with a keyword, as everywhere), or the one batch whose hyphenated id it
    /// shortens by letters (`G-front` for `G-frontend`, never `WS-1` for `WS-12`).
    private func batchesNamed(in cell: String) -> [Int] {
        var scope = ""
        var depth = 0
        for character in cell {
            if character == "(" { depth += 1; scope.append(" "); continue }
            if character == ")" { depth = max(0, depth - 1); scope.append(" "); continue }
            if depth > 0 { scope.append(character) }
        }
        let inParentheses = cell.contains("(")
        if !inParentheses { scope = cell }
        var found: [Int] = []
        for word in scope.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) {
            let token = String(word).trimmingCharacters(in: "-_")
            let canonical = BatchIdentifier.canonical(token)
            var named: Int?
            if !token.isEmpty, token.first!.isUppercase, !token.allSatisfy(\.isNumber) {
                if let exact = draftsByCanonical[canonical]?.first {
                    named = exact
                } else if token.contains("-"), token.count >= 4, token.last!.isLetter {
                    let longer = drafts.indices.filter { index in
                        let id = BatchIdentifier.canonical(batches[index].id)
                        return id.hasPrefix(canonical) && id.dropFirst(canonical.count).first?.isLetter == true
                    }
                    if longer.count == 1 { named = longer[0] }
                }
            }
            // Without parentheses the cell must be a list of ids and nothing else.
            guard let named else {
                if inParentheses { continue }
                return []
            }
            if !found.contains(named) { found.append(named) }
        }
        return found
    }

    /// `title.ranges(of: separator).last`, by bytes for simple text.
    static func lastRange(of separator: String, in title: String) -> Range<String.Index>? {
        guard let offsets = PlanText.occurrences(of: separator, in: title) else { return title.ranges(of: separator).last }
        guard let last = offsets.last else { return nil }
        let utf8 = title.utf8
        let lower = utf8.index(utf8.startIndex, offsetBy: last)
        return lower..<utf8.index(lower, offsetBy: separator.utf8.count)
    }

    // MARK: Tables

    /// Where a batch table keeps each batch's id, title and status.
    private struct Columns {
        var id: Int
        var title: Int?
        var status: Int?
    }

    private static let idColumnNames: Set<String> = [
        "batch", "batch range", "batch id", "id", "#", "phase", "workstream", "milestone", "task", "task id", "track",
        "stream", "ws", "block", "paket", "step", "stage", "epic", "item", "batches", "slice", "pr", "agent", "unit", "fase",
    ]
    private static let titleColumnNames: Set<String> = [
        "deliverables", "deliverable", "title", "name", "description", "scope", "summary", "goal", "titel",
        "beschreibung", "component", "focus", "feature", "ziel", "what", "work", "task", "objective", "area", "theme",
    ]

    private func columns(of header: [String]) -> Columns? {
        var (id, title, status): (Int?, Int?, Int?)
        for (index, cell) in header.enumerated() {
            let name = cell.lowered().trimmingCharacters(in: ": ")
            if id == nil, Self.idColumnNames.contains(name) || name.hasPrefix("batch") {
                id = index
            } else if status == nil, PlanText.contains(name, "status") || name == "state" || name == "stand" || name == "estado" {
                status = index
            } else if title == nil, Self.titleColumnNames.contains(name) {
                title = index
            }
        }
        guard let id else { return nil }
        if title == nil, id + 1 < header.count, status != id + 1 { title = id + 1 }
        return Columns(id: id, title: title, status: status)
    }

    /// Status tables: a row per batch with an id column, a title column and perhaps a status column.
    mutating func readTables() {
        for (index, block, header) in tables {
            guard let roles = columns(of: header.cells.map { plain($0) }) else {
                if recordsTrace { trace[block.range] = "table (no id column)" }
                continue
            }
            let group = section(index).group
            var found = 0
            let idColumn = roles.id
            for rowBlock in block.children.dropFirst(2) {
                guard case .tableRow(let row) = rowBlock.kind, idColumn < row.cells.count else { continue }
                guard let id = BatchIdentifier.whole(plain(row.cells[idColumn]), vocabulary: vocabulary) else { continue }
                let title = roles.title.flatMap { $0 < row.cells.count ? plain(row.cells[$0]) : nil } ?? ""
                let draft: Int
                if let existing = existingDraft(id: id, title: title, group: group),
                   drafts[existing].definedBy != "table" || batches[existing].group == group {
                    draft = existing
                    addDetailSource(draft, range: rowBlock.range, group: group)
                    if batches[draft].title.isEmpty { batches[draft].title = title }
                } else {
                    draft = newDraft(id: id, title: title, group: group, source: row.cells[idColumn], definedBy: "table")
                }
                if let statusColumn = roles.status, statusColumn < row.cells.count, !row.cells[statusColumn].isEmpty {
                    claimStatus(draft, raw: text(row.cells[statusColumn]), origin: .tableCell, range: row.cells[statusColumn])
                }
                if recordsTrace { trace[rowBlock.range] = "table row of \(id)" }
                found += 1
            }
            if recordsTrace { trace[block.range] = "batch table (\(found) rows)" }
        }
    }

    // MARK: Front matter

    /// YAML front matter with a list of todos (`- id: phase-0`, `content:`, `status:`, `dependencies: [...]`).
    mutating func readFrontMatter() {
        guard let block = document.blocks.first, case .frontMatter = block.kind else { return }
        if recordsTrace { trace[block.range] = "front matter" }
        var inList = false
        var current: Int?
        var listIndent = -1
        var pendingDependencies = false
        for lineIndex in block.lines.dropFirst().dropLast() {
            let line = source.lines[lineIndex]
            let raw = text(line.start..<line.contentEnd)
            let indent = raw.prefix(while: { $0 == " " }).count
            var body = raw.trimmingWhitespace()
            if body.isEmpty || body.hasPrefix("#") { continue }
            if indent == 0 {
                let key = body.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
                inList = ["todos", "tasks", "batches", "phases", "items", "workstreams"].contains(key.lowered())
                if key.lowered() == "name" || key.lowered() == "title", title == nil {
                    title = yamlScalar(String(body.dropFirst(key.count + 1)))
                }
                current = nil
                continue
            }
            guard inList else { continue }
            if body.hasPrefix("- "), listIndent < 0 || indent <= listIndent {
                if pendingDependencies, indent > listIndent, listIndent >= 0 {
                    // A block-style dependency entry handled below.
                } else {
                    listIndent = indent
                    current = newDraft(id: "", title: "", group: nil, source: line.start..<line.contentEnd, definedBy: "front-matter")
                    pendingDependencies = false
                    body = String(body.dropFirst(2))
                }
            }
            guard let draft = current else { continue }
            if pendingDependencies, body.hasPrefix("- ") {
                let value = yamlScalar(String(body.dropFirst(2)))
                references.append(PendingReference(draft: draft, kind: .dependsOn, text: value, span: span(line.start..<line.contentEnd), origin: .field))
                continue
            }
            guard let colon = body.firstIndex(of: ":") else { continue }
            let key = body[..<colon].trimmingWhitespace().lowered()
            let value = String(body[body.index(after: colon)...]).trimmingWhitespace()
            pendingDependencies = false
            let valueStart = line.start + raw.utf8.count - value.utf8.count
            let valueRange = valueStart..<line.contentEnd
            switch key {
            case "id", "key":
                batches[draft].id = yamlScalar(value)
                batches[draft].key = batches[draft].id
            case "content", "title", "name", "summary":
                var title = yamlScalar(value)
                if let match = BatchIdentifier.heading(title, vocabulary: vocabulary), !match.rest.isEmpty { title = match.rest }
                batches[draft].title = title
            case "status", "state":
                claimStatus(draft, raw: yamlScalar(value), origin: .frontMatter, range: valueRange)
            case "dependencies", "depends_on", "dependson", "depends", "deps", "after", "blocked_by":
                let list = value.trimmingCharacters(in: "[] ")
                if list.isEmpty {
                    pendingDependencies = value.isEmpty
                } else {
                    for item in list.split(separator: ",") {
                        references.append(PendingReference(draft: draft, kind: .dependsOn, text: yamlScalar(String(item)), span: span(valueRange), origin: .field))
                    }
                }
            default:
                break
            }
        }
        // Entries without an id are dropped, with the dependencies they gave; later batches move down.
        let kept = drafts.indices.filter { drafts[$0].definedBy != "front-matter" || !batches[$0].id.isEmpty }
        if kept.count < drafts.count {
            var newIndex = [Int?](repeating: nil, count: drafts.count)
            for (position, old) in kept.enumerated() { newIndex[old] = position }
            drafts = kept.map { drafts[$0] }
            batches = kept.map { batches[$0] }
            references = references.compactMap { reference in
                guard let draft = newIndex[reference.draft] else { return nil }
                var moved = reference
                moved.draft = draft
                return moved
            }
        }
        rebuildIndex()
    }

    private func yamlScalar(_ text: String) -> String {
        text.trimmingWhitespace().trimmingCharacters(in: "\"'")
    }
}

/// Which batch an entry or heading describes, among the batches (by index, as drafts are) that share its id.
/// On the array, not the run: a pass is a mutating method, and calling a method of the run from one copies
/// all of the run first.
extension [Batch] {
    /// The one of `candidates` (the drafts with that id) with a similar title, else the first in `group`,
    /// else the first: a detail entry or heading with an id belongs to a batch of its id however it is
    /// worded, so with one candidate no titles are compared.
    func draftNamed(among candidates: [Int], title: String, group: String?) -> Int? {
        guard candidates.count > 1 else { return candidates.first }
        return existingDraft(among: candidates, title: title, group: group) ?? existingDraft(among: candidates, title: "", group: group)
    }

    /// The one of `candidates` with a title similar to `title` (with no title: the first in `group`, else the
    /// first), or nil.
    func existingDraft(among candidates: [Int], title: String, group: String?) -> Int? {
        guard !candidates.isEmpty else { return nil }
        if title.isEmpty {
            return candidates.first { self[$0].group == group } ?? candidates.first
        }
        // One candidate: only whether it is similar enough matters, which a long title may settle early.
        if candidates.count == 1 {
            let only = candidates[0]
            return self[only].title.isEmpty || PlanText.isSimilar(title, self[only].title, atLeast: ExtractionRun.sameBatchSimilarity) ? only : nil
        }
        let scored = candidates.map { (index: $0, score: PlanText.similarity(title, self[$0].title)) }
        let best = scored.max { a, b in
            a.score != b.score ? a.score < b.score : (self[a.index].group != group && self[b.index].group == group)
        }
        guard let best else { return nil }
        if best.score >= ExtractionRun.sameBatchSimilarity || self[best.index].title.isEmpty { return best.index }
        return nil
    }
}
