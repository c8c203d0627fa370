import PlanSyntax

extension ExtractionRun {
    /// List items led by a batch id: definitions (`B01 Title` with fields under it), details (`**O1**` with
    /// fields), status lines (`N1 verified`), and the items of merge-order lists.
    mutating func readLists() {
        resetAliases()
        let blocks = document.blocks
        defer {
            if let ahead = entriesAhead {
                ahead.readings.finish()
                spentReadings.append(ahead.readings)
            }
            entriesAhead = nil
        }
        var index = 0
        var chainHeading = -2
        // Many lists share a heading: whether it names a merge order is decided once per heading.
        var orderHeading: (heading: String?, saysOrder: Bool)?
        while index < blocks.count {
            let block = blocks[index]
            if case .list = block.kind {
                let following = index + 1 < blocks.count ? blocks[index + 1] : nil
                if listsWithLikelyEntries[index] {
                    // Only a list with entries can add to a merge order: whether it is one is asked of it alone
                    // (a chain opened for a list without entries would have stayed empty).
                    let heading = section(index).heading
                    if orderHeading == nil || orderHeading!.heading != heading {
                        orderHeading = (heading, Self.namesMergeOrder(heading: heading))
                    }
                    let merging = orderHeading!.saysOrder || followsMergeOrderSentence(index)
                    if merging, chainHeading != lastSectionHeading || mergeChains.isEmpty {
                        mergeChains.append([])
                        chainHeading = lastSectionHeading
                    }
                    visitList(block, following: following, group: section(index).group, merging: merging)
                } else if !consumedLists.contains(block.range.lowerBound), let last = block.children.last {
                    // Nothing in it can be read, but its last item may still take the fields after it.
                    _ = fieldsAfter(last, following: following)
                }
            } else if case .heading = block.kind {
                lastSectionHeading = index
            }
            index += 1
        }
        for chain in mergeChains where chain.count > 1 {
            for (earlier, later) in zip(chain, chain.dropFirst()) where earlier != later {
                references.append(PendingReference(draft: later, kind: .mergeAfter, text: batches[earlier].id,
                                                   span: batches[later].source, origin: .order))
            }
        }
    }

    /// Finds the lists that may hold batch entries and starts reading their entries on the other core. Called
    /// before the serial passes that precede `readLists`, so that the reading runs beside them: started by
    /// `readLists` itself, it had not come far enough when the walk needed it. What an entry says depends only
    /// on the document and on `entryItems`, which only `readLists` fills (and which it checks again when it
    /// takes a reading).
    mutating func findListEntries() {
        let likelyEntries = likelyEntriesOfLists()
        listsWithLikelyEntries = likelyEntries.map { $0 != nil }
        startReadingEntriesAhead(likelyEntries.flatMap { $0 ?? [] })
    }

    /// A `Merge order` heading: the lists under it give the order.
    private static func namesMergeOrder(heading: String?) -> Bool {
        // Every order word holds `merge` or `reihenfolge`; no other letter lowercases to ASCII `m`, `e`, `r`,
        // `g`, so a heading without either stem in ASCII letters of any case names no merge order.
        guard let heading, PlanText.containsIgnoringASCIICase(heading, "merge") || PlanText.containsIgnoringASCIICase(heading, "reihenfolge") else {
            return false
        }
        let lowered = heading.lowered()
        let orderWords = ["merge order", "merge-reihenfolge", "merge stack", "reihenfolge", "merge sequence"]
        return orderWords.contains(where: { PlanText.contains(lowered, $0) })
    }

    /// A list after a sentence that asks for merging in order.
    private func followsMergeOrderSentence(_ index: Int) -> Bool {
        var previous = index - 1
        while previous >= 0, case .blank = document.blocks[previous].kind { previous -= 1 }
        guard previous >= 0, case .paragraph = document.blocks[previous].kind else { return false }
        let content = document.blocks[previous].content
        // Most paragraphs before a list say nothing of order: their plain, lowercased text need not be made.
        // Their bytes were tested for a phrase when the text nodes were collected, on two cores.
        guard hasHint(.mergeOrder, content) else { return false }
        let text = plain(content).lowered()
        return Self.mergeOrderPhrases.contains(where: { PlanText.contains(text, $0) })
    }

    static let mergeOrderPhrases = ["merged in order", "merge in order", "merge order", "in this order", "reihenfolge"]
    static let mergeOrderSentences = PhraseSet(mergeOrderPhrases)

    private mutating func visitList(_ list: Block, following: Block?, group: String?, merging: Bool) {
        guard !consumedLists.contains(list.range.lowerBound) else { return }
        // By index: most items are neither entries nor hold lists, and iterating would copy each of them.
        let items = list.children
        for position in items.indices {
            guard case .listItem = items[position].kind else { continue }
            let taken = position == items.count - 1 ? fieldsAfter(items[position], following: following) : nil
            // Only items with children of their own are read ahead, and only items without take the list after.
            assert(taken == nil || entriesAhead?.position[items[position].range.lowerBound] == nil)
            if mayLeadEntry(items[position].content),
               readEntry(items[position], children: taken ?? childItems(items[position]), group: group, merging: merging) { continue }
            let children = items[position].children
            for childIndex in children.indices {
                guard case .list = children[childIndex].kind else { continue }
                let next = childIndex + 1 < children.count ? children[childIndex + 1] : nil
                visitList(children[childIndex], following: next, group: group, merging: false)
            }
        }
    }

    /// Text copied from a rendered page loses nesting: the fields of a list's last item may follow as a
    /// sibling list, which is then taken (and never read as a list of its own). `item` is a list's last item.
    private mutating func fieldsAfter(_ item: Block, following: Block?) -> [Block]? {
        guard case .listItem = item.kind, !Self.hasChildItems(item), let following, case .list = following.kind,
              following.lines.lowerBound == item.lines.upperBound, following.children.allSatisfy({ isFieldItem($0) }) else { return nil }
        consumedLists.insert(following.range.lowerBound)
        return following.children
    }

    /// For each top-level block that is a list with an item (at any depth) that `mayLeadEntry`, its items that
    /// are likely entries (they may open with an id and have items under them, and are not inside one), in
    /// document order; nil for every other block. Found on two cores: most lists hold only fields and tasks,
    /// and skipping them leaves the serial pass little to do.
    private func likelyEntriesOfLists() -> [[Block]?] {
        let (blocks, vocabulary) = (document.blocks, vocabulary)
        // By index throughout: iterating would copy every item of every list, and most are not entries.
        func mayHold(_ list: Block, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            let items = list.children
            for index in items.indices {
                guard case .listItem = items[index].kind else { continue }
                if Self.mayLeadEntry(items[index].content, bytes, vocabulary: vocabulary) { return true }
                let children = items[index].children
                for child in children.indices {
                    if case .list = children[child].kind, mayHold(children[child], bytes) { return true }
                }
            }
            return false
        }
        func collect(_ list: Block, _ bytes: UnsafeBufferPointer<UInt8>, into entries: inout [Block]) {
            let items = list.children
            for index in items.indices {
                guard case .listItem = items[index].kind else { continue }
                if Self.hasChildItems(items[index]), Self.mayLeadEntry(items[index].content, bytes, vocabulary: vocabulary) {
                    entries.append(items[index])
                } else {
                    let children = items[index].children
                    for child in children.indices {
                        if case .list = children[child].kind { collect(children[child], bytes, into: &entries) }
                    }
                }
            }
        }
        return source.bytes.withUnsafeBufferPointer { bytes in
            blocks.withUnsafeBufferPointer { blocks in
                SideBySide.map(blocks.count, minimum: parallelMinimum) { index -> [Block]? in
                    guard case .list = blocks[index].kind, mayHold(blocks[index], bytes) else { return nil }
                    var entries: [Block] = []
                    collect(blocks[index], bytes, into: &entries)
                    return entries
                }
            }
        }
    }

    /// Starts reading, on the other core, the children of every likely entry, in document order; the walk
    /// meanwhile matches entries to batches and writes what their items say as each is read.
    private mutating func startReadingEntriesAhead(_ entries: [Block]) {
        guard entries.count >= parallelBodies else { return }
        var position: [Int: Int] = [:]
        position.reserveCapacity(entries.count)
        for index in entries.indices { position[entries[index].range.lowerBound] = index }
        // The reader is a constant of its own (calling a method on a captured variable would copy the whole
        // run each time) with its own plain-text cache.
        let reader = threadCopy()
        entriesAhead = EntriesAhead(entries: entries, position: position,
                                    readings: ReadAhead(count: entries.count) { reader.reading(entries[$0]) })
    }

    /// How `item` opens, and with `withFacts` what its children say if it names a batch as `readEntry` reads one
    /// (`- **Planning**` over tasks does not: its tasks are read where the batch is).
    private func reading(_ item: Block, withFacts: Bool = true) -> EntryReading {
        let leading = BatchIdentifier.leading(plain(item.content), vocabulary: vocabulary)
        let bold = boldDefinition(item)
        return EntryReading(leading: leading.map { ($0, BatchIdentifier.canonical($0.id)) }, bold: bold,
                            facts: withFacts && (leading != nil || bold != nil) ? itemFacts(childItems(item)) : nil)
    }

    /// What was read ahead of `item` (made here if the maker has not started it), else how it opens, read now.
    private func entryReading(_ item: Block) -> EntryReading {
        guard let ahead = entriesAhead, let index = ahead.position[item.range.lowerBound] else { return reading(item, withFacts: false) }
        return ahead.readings.value(at: index) { reading(ahead.entries[$0]) }
    }

    /// Reads the items that describe an entry, or applies what was read of them ahead, unless one of them has
    /// since been read as an entry of its own.
    private mutating func readEntryItems(_ entry: EntryReading, _ children: [Block], into draft: Int) {
        if let facts = entry.facts, !facts.items.contains(where: { entryItems.contains($0) }) {
            apply(facts, to: draft)
        } else {
            readItems(children, into: draft)
        }
    }

    /// Only an item that opens with an id or with bold text can be an entry (most are fields).
    private func mayLeadEntry(_ range: Range<Int>) -> Bool {
        source.bytes.withUnsafeBufferPointer { Self.mayLeadEntry(range, $0, vocabulary: vocabulary) }
    }

    private static func mayLeadEntry(_ range: Range<Int>, _ bytes: UnsafeBufferPointer<UInt8>, vocabulary: Vocabulary) -> Bool {
        let opensBold = range.count >= 2 && bytes[range.lowerBound] == UInt8(ascii: "*") && bytes[range.lowerBound + 1] == UInt8(ascii: "*")
        return opensBold || !cannotLeadWithIdentifier(UnsafeBufferPointer(rebasing: bytes[range]), vocabulary: vocabulary)
    }

    /// Reads an id-led item; true when the item was about a batch (so its children are not searched further).
    private mutating func readEntry(_ item: Block, children: [Block], group: String?, merging: Bool) -> Bool {
        let entry = entryReading(item)
        guard let (match, canonicalID) = entry.leading else {
            return readBoldDefinition(item, entry, children: children, group: group) || readDependencyStatement(item)
        }
        let isIdentifier = match.keyword != nil || match.rest.isEmpty || BatchIdentifier.isLettersAndDigits(match.id)
        guard isIdentifier else { return false }
        let candidates = drafts(withCanonicalID: canonicalID)
        let known = batches.existingDraft(among: candidates, title: "", group: group)
        if let known, isOnlyStatus(match.rest) {
            let restBytes = match.rest.utf8.count
            let range = text(item.content).hasSuffix(match.rest) ? item.content.upperBound - restBytes..<item.content.upperBound : item.content
            claimStatus(known, raw: match.rest, origin: .prose, range: range)
            if recordsTrace { trace[item.range] = "status line of \(match.id)" }
            return true
        }
        if children.contains(where: { isFieldItem($0) }) || (match.rest.isEmpty && !children.isEmpty) {
            let hint = match.rest.isEmpty
                ? children.first(where: { !isFieldItem($0) }).map { plain($0.content) } ?? ""
                : match.rest
            let draft: Int
            // A bare `**E2**` detail entry belongs to a batch of that id however its text is worded.
            if let existing = match.rest.isEmpty ? batches.draftNamed(among: candidates, title: hint, group: group)
                : batches.existingDraft(among: candidates, title: hint, group: group) {
                draft = existing
                addDetailSource(draft, range: item.range, group: group)
                if recordsTrace { trace[item.range] = "details of \(match.id)" }
            } else {
                draft = newDraft(id: match.id, title: hint, group: group, source: item.content, definedBy: "list")
                if recordsTrace { trace[item.range] = "batch entry \(match.id)" }
            }
            entryItems.insert(item.range.lowerBound)
            readEntryItems(entry, children, into: draft)
            if merging { mergeChains[mergeChains.count - 1].append(draft) }
            return true
        }
        if readBoldDefinition(item, entry, children: children, group: group) { return true }
        if merging, let known {
            mergeChains[mergeChains.count - 1].append(known)
            let lowered = match.rest.lowered()
            // `N2 second, because it builds directly on those contracts`: a dependency on the item before.
            if ["builds on", "builds directly on", "depends on", "baut auf"].contains(where: { PlanText.contains(lowered, $0) }),
               mergeChains[mergeChains.count - 1].count >= 2 {
                let previous = mergeChains[mergeChains.count - 1].dropLast().last!
                references.append(PendingReference(draft: known, kind: .dependsOn, text: batches[previous].id,
                                                   span: span(item.content), origin: .prose))
            }
            if recordsTrace { trace[item.range] = "merge order: \(match.id)" }
            return true
        }
        return false
    }

    /// True when the plain text of `range` cannot open with a batch id, decided from its bytes: most items
    /// (`Status: done`, `Owns: src/**`) open with an ASCII word that plain text keeps exactly as written,
    /// so building that text is not needed to know `BatchIdentifier.leading` finds nothing.
    private static func cannotLeadWithIdentifier(_ bytes: UnsafeBufferPointer<UInt8>, vocabulary: Vocabulary) -> Bool {
        var length = 0
        while length < bytes.count, (bytes[length] | 0x20) >= 0x61, (bytes[length] | 0x20) <= 0x7A { length += 1 }
        guard length > 0 else { return false }
        // Bytes that plain text removes or repairs could change what follows the word, or what follows
        // a `-` or `_` after it (`B-\`2\`` reads as `B-2`).
        if length < bytes.count {
            let next = bytes[length]
            if next.mayChangePlainText { return false }
            if next == UInt8(ascii: "-"), length + 1 < bytes.count, bytes[length + 1].mayChangePlainText { return false }
        }
        return BatchIdentifier.cannotLead(bytes, vocabulary: vocabulary)
    }

    /// `StatusReader.isOnlyStatus`, read once per text: status lines repeat a handful of texts.
    private mutating func isOnlyStatus(_ text: String) -> Bool {
        if let known = onlyStatusTexts[text] { return known }
        let answer = statusReader.isOnlyStatus(text)
        onlyStatusTexts[text] = answer
        return answer
    }

    /// `1. **F0a — Repo skeleton.** …`, `**D-seed (Jorge) — Event schema.**`: an item that opens with a bold
    /// id and title defines a batch even without fields under it.
    private mutating func readBoldDefinition(_ item: Block, _ entry: EntryReading, children: [Block], group: String?) -> Bool {
        guard let (id, title, raw) = entry.bold else { return false }
        let draft = existingDraft(id: id, title: title, group: group)
            ?? newDraft(id: id, title: title, group: group, source: item.content, definedBy: "list")
        entryItems.insert(item.range.lowerBound)
        if recordsTrace { trace[item.range] = "bold entry \(id)" }
        readBoldFields(raw, range: item.content, into: draft)
        readEntryItems(entry, children, into: draft)
        return true
    }

    /// The id and title of an item that opens with a bold definition, and the item's text.
    private func boldDefinition(_ item: Block) -> BoldDefinition? {
        // The text opens with `**` only if the bytes do (a repaired run never becomes ASCII).
        guard startsWithDoubleStar(item.content) else { return nil }
        let raw = text(item.content)
        guard raw.hasPrefix("**"), let close = PlanText.firstRange(of: "**", in: raw, fromOffset: 2) else { return nil }
        let bold = String(raw[raw.index(raw.startIndex, offsetBy: 2)..<close.lowerBound])
        guard let separator = [" — ", " – ", ": "].lazy.compactMap({ PlanText.firstRange(of: $0, in: bold, fromOffset: 0) }).first else { return nil }
        var left = String(bold[..<separator.lowerBound])
        if let open = left.firstIndex(of: "(") { left = String(left[..<open]) }
        left = left.trimmingWhitespace()
        guard left.split(separator: " ").count <= 2,
              let id = BatchIdentifier.whole(left, vocabulary: vocabulary), id.contains(where: \.isNumber) || id.contains("-") else { return nil }
        let title = String(bold[separator.upperBound...]).trimmingWhitespace().trimmingCharacters(in: ". ")
        guard !title.isEmpty else { return nil }
        return (id, title, raw)
    }

    /// Dependencies written in bold inside an entry's text: `**Blocks: any merge.**`, `**Unblocks: B, C.**`,
    /// `**Depends on: F0a.**`.
    private mutating func readBoldFields(_ raw: String, range: Range<Int>, into draft: Int) {
        var offset = 0
        while let open = PlanText.firstRange(of: "**", in: raw, fromOffset: offset),
              let close = PlanText.firstRange(of: "**", in: raw, fromOffset: raw.utf8.distance(from: raw.utf8.startIndex, to: open.upperBound)) {
            offset = raw.utf8.distance(from: raw.utf8.startIndex, to: close.upperBound)
            let bold = raw[open.upperBound..<close.lowerBound]
            // Dependencies either way; a bold `Parallel zu:` is left to the general readers.
            guard let colon = bold.firstIndex(of: ":"), let field = vocabulary.field(forLabel: String(bold[..<colon])),
                  let kind = PendingReference.Kind(field), kind != .mayRunWith else { continue }
            var value = String(bold[bold.index(after: colon)...]).trimmingWhitespace()
            // `**Blocks:** B2, B3.`: only the label is bold; the value runs to the end of its sentence.
            if value.isEmpty {
                let after = raw[close.upperBound...]
                let end = after.firstRange(of: ". ")?.lowerBound ?? after.firstRange(of: "**")?.lowerBound ?? after.endIndex
                value = String(after[..<end]).trimmingWhitespace()
            }
            if !value.isEmpty { references.append(PendingReference(draft: draft, kind: kind, text: value, span: span(range), origin: .field)) }
        }
    }
}
