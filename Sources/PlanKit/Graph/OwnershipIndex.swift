import PlanSyntax

/// The owned paths of every batch, each distinct text filed in a trie by its leading literal segments,
/// so that only patterns that could overlap are compared, and parsed only when it is compared.
///
/// Two patterns can share a path only if the literal prefix of one is a segment-wise prefix of
/// the other's (`backend/tests` and `backend/tests/domains`), so each pattern is compared with the
/// patterns on its own trie path only; unrelated trees (`frontend/…`, `backend/app/…`) never meet.
/// Plans repeat paths across batches (`src/storage/**` in twenty batches): two patterns are compared
/// once, and the entries that carry them are paired as integers.
struct OwnershipIndex: Sendable {
    /// One owned path of one batch: `plan.batches[batch].owns[mention]`, parsed as `patterns[pattern]`.
    struct Entry: Sendable {
        var batch: Int
        var mention: Int
        var pattern: Int
    }

    /// Two entries of different batches whose patterns share a path, `first < second`.
    struct Overlap: Sendable {
        var first: Int
        var second: Int
        /// Index into the `witnesses` that `overlaps()` returns with the overlaps.
        var witness: Int
    }

    private(set) var entries: [Entry] = []
    /// Distinct mention texts that name a path: the same pattern number for the same text.
    private var texts: [String] = []
    /// Each text's leading literal segments, which file it in the trie.
    private var literalPrefixes: [[String]] = []
    /// Patterns parsed so far (most paths meet no other and are never parsed).
    private(set) var patterns: [PathPattern?] = []
    /// The entries carrying each pattern, in entry order.
    private var entriesOfPattern = FlatLists()
    /// The patterns whose literal prefix ends at each trie node.
    private var patternsAtNode = FlatLists()
    /// The trie nodes from the root to each pattern's own node.
    private var nodePath = FlatLists()

    init(_ plan: Plan, where include: (Int) -> Bool = { _ in true }) {
        let batches = plan.batches
        // Every distinct mention text, numbered, and the text of each owned path.
        var mentionTexts: [String] = []
        var numberOfText: [String: Int] = [:]
        var owned: [(batch: Int, mention: Int, text: Int)] = []
        var mentionCount = 0
        for i in batches.indices { mentionCount += batches[i].owns.count }
        numberOfText.reserveCapacity(mentionCount)
        owned.reserveCapacity(mentionCount)
        for i in batches.indices where include(i) {
            batches[i].owns.withUnsafeBufferPointer { owns in
                for k in owns.indices {
                    let number = numberOfText[owns[k].text, default: mentionTexts.count]
                    if number == mentionTexts.count {
                        numberOfText[owns[k].text] = number
                        mentionTexts.append(owns[k].text)
                    }
                    owned.append((i, k, number))
                }
            }
        }
        // Filing is pure: both cores.
        let prefixes = SideBySide.map(mentionTexts.count, minimum: 1024) { PathPattern.literalPrefix(ofMention: mentionTexts[$0]) }
        // Pattern numbers count only texts that name a path; owned paths whose text does not are dropped.
        var patternOfText = [Int](repeating: -1, count: mentionTexts.count)
        for (t, prefix) in prefixes.enumerated() {
            guard let prefix else { continue }
            patternOfText[t] = texts.count
            texts.append(mentionTexts[t])
            literalPrefixes.append(prefix)
        }
        patterns = [PathPattern?](repeating: nil, count: texts.count)
        entries = owned.compactMap { path in
            let pattern = patternOfText[path.text]
            return pattern < 0 ? nil : Entry(batch: path.batch, mention: path.mention, pattern: pattern)
        }
        entriesOfPattern = FlatLists(count: texts.count, keys: entries.map(\.pattern), values: Array(entries.indices))
        buildTrie()
    }

    /// Segments are numbered once, so the trie's edges are keyed by two integers.
    private mutating func buildTrie() {
        var segmentIDs: [String: Int] = [:]
        segmentIDs.reserveCapacity(texts.count)
        var child: [Int: Int] = [:]
        child.reserveCapacity(texts.count * 2)
        var nodes = 1
        var ownNode: [Int] = []
        ownNode.reserveCapacity(texts.count)
        var path: [Int] = []
        for id in texts.indices {
            var node = 0
            path.removeAll(keepingCapacity: true)
            path.append(0)
            for segment in literalPrefixes[id] {
                let segmentID: Int
                if let known = segmentIDs[segment] {
                    segmentID = known
                } else {
                    segmentID = segmentIDs.count
                    segmentIDs[segment] = segmentID
                }
                let edge = node << 32 | segmentID
                if let next = child[edge] {
                    node = next
                } else {
                    node = nodes
                    nodes += 1
                    child[edge] = node
                }
                path.append(node)
            }
            ownNode.append(node)
            nodePath.append(path)
        }
        patternsAtNode = FlatLists(count: nodes, keys: ownNode, values: Array(texts.indices))
    }

    /// Every overlapping pair of entries from different batches, each pair once, with the paths
    /// that witness the overlaps (one per pair of patterns, shared by their entries' pairs). Parses the
    /// patterns it compares, which `patterns` then holds.
    mutating func overlaps() -> (overlaps: [Overlap], witnesses: [String]) {
        var result: [Overlap] = []
        var witnesses: [String] = []
        for p in texts.indices {
            let path = nodePath[p]
            let own = path.last!
            for node in path {
                // Each unordered pair of patterns is met once: at the deeper one, or at the later one on one node.
                for q in patternsAtNode[node] where node != own || q <= p {
                    guard pairsBatches(q, p), let witness = pattern(q).commonPath(with: pattern(p)) else { continue }
                    let before = result.count
                    pairEntries(of: q, with: p, witness: witnesses.count, into: &result)
                    if result.count > before { witnesses.append(witness) }
                }
            }
        }
        return (result, witnesses)
    }

    /// Pattern `id`, parsed when first needed. Its text was filed because it names a path, so it parses.
    mutating func pattern(_ id: Int) -> PathPattern {
        if let known = patterns[id] { return known }
        let parsed = PathPattern(mention: texts[id])!
        patterns[id] = parsed
        return parsed
    }

    /// Whether some entry of pattern `q` and another of `p` belong to different batches.
    private func pairsBatches(_ q: Int, _ p: Int) -> Bool {
        let batch = entries[entriesOfPattern[q].first!].batch
        return entriesOfPattern[q].contains { entries[$0].batch != batch } || entriesOfPattern[p].contains { entries[$0].batch != batch }
    }

    /// The pairs of entries of different batches carrying patterns `q` and `p` (or two entries of `p`).
    private func pairEntries(of q: Int, with p: Int, witness: Int, into result: inout [Overlap]) {
        for x in entriesOfPattern[q] {
            for y in entriesOfPattern[p] where q != p || x < y {
                guard entries[x].batch != entries[y].batch else { continue }
                result.append(Overlap(first: min(x, y), second: max(x, y), witness: witness))
            }
        }
    }
}

/// Many short lists of integers stored end to end: list `k` is `values[starts[k] ..< starts[k + 1]]`.
/// One allocation instead of one per list: an index of ten thousand paths is built and freed in a blink.
struct FlatLists: Sendable {
    private var starts: [Int] = [0]
    private var values: [Int] = []

    init() {}

    /// Adds a list after the last.
    mutating func append(_ list: [Int]) {
        values += list
        starts.append(values.count)
    }

    /// `count` lists, `values[i]` appended to list `keys[i]`, in order.
    init(count: Int, keys: [Int], values: [Int]) {
        var starts = [Int](repeating: 0, count: count + 1)
        for key in keys { starts[key + 1] += 1 }
        for k in 0..<count { starts[k + 1] += starts[k] }
        var next = Array(starts.dropLast())
        var placed = [Int](repeating: 0, count: values.count)
        for (key, value) in zip(keys, values) {
            placed[next[key]] = value
            next[key] += 1
        }
        self.starts = starts
        self.values = placed
    }

    subscript(list: Int) -> ArraySlice<Int> {
        values[starts[list]..<starts[list + 1]]
    }
}
