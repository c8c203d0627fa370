import PlanSyntax

/// The owned paths of every batch, bucketed in a trie by their leading literal segments so that
/// only patterns that could overlap are ever compared.
///
/// Two patterns can share a path only if the literal prefix of one is a segment-wise prefix of
/// the other's (`backend/tests` and `backend/tests/domains`), so each pattern is compared with the
/// patterns on its own trie path only; unrelated trees (`frontend/…`, `backend/app/…`) never meet.
struct OwnershipIndex: Sendable {
    /// One owned path of one batch.
    struct Entry: Sendable {
        var batch: Int
        var mention: Mention
        var pattern: PathPattern
        /// The same number for the same mention text, so pairs of patterns are remembered by two integers.
        var patternID: Int
    }

    /// Two entries of different batches whose patterns share `path`.
    struct Overlap: Sendable {
        var first: Int
        var second: Int
        var path: String
    }

    private(set) var entries: [Entry] = []
    /// Trie nodes: children by segment, and the entries whose literal prefix ends at the node.
    private var children: [[String: Int]] = [[:]]
    private var entriesAtNode: [[Int]] = [[]]
    private var nodeOfEntry: [Int] = []

    init(_ graph: PlanGraph, where include: (Int) -> Bool = { _ in true }) {
        // Plans repeat the same paths across batches: parse each text once, on two cores (parsing is pure).
        var texts: [String] = []
        var index: [String: Int] = [:]
        for i in graph.plan.batches.indices where include(i) {
            for mention in graph.plan.batches[i].owns where index[mention.text] == nil {
                index[mention.text] = texts.count
                texts.append(mention.text)
            }
        }
        let patterns = SideBySide.map(texts.count, minimum: 1024) { PathPattern(mention: texts[$0]) }
        for i in graph.plan.batches.indices where include(i) {
            for mention in graph.plan.batches[i].owns {
                let id = index[mention.text]!
                guard let pattern = patterns[id] else { continue }
                add(Entry(batch: i, mention: mention, pattern: pattern, patternID: id))
            }
        }
    }

    private mutating func add(_ entry: Entry) {
        var node = 0
        for segment in entry.pattern.literalPrefix {
            if let next = children[node][segment] {
                node = next
            } else {
                children.append([:])
                entriesAtNode.append([])
                children[node][segment] = children.count - 1
                node = children.count - 1
            }
        }
        entriesAtNode[node].append(entries.count)
        nodeOfEntry.append(node)
        entries.append(entry)
    }

    /// Every overlapping pair of entries from different batches, each pair once, `first < second`.
    func overlaps() -> [Overlap] {
        var result: [Overlap] = []
        // The same two patterns meet again and again when many batches own one directory.
        var witnesses: [Int: String?] = [:]
        // Entries are read in place: copying one retains its mention and pattern.
        entries.withUnsafeBufferPointer { entries in
            for e in entries.indices {
                var node = 0
                var path = entries[e].pattern.literalPrefix[...]
                while true {
                    let isOwn = node == nodeOfEntry[e]
                    for other in entriesAtNode[node] where (isOwn ? other < e : true) {
                        guard entries[other].batch != entries[e].batch else { continue }
                        let key = entries[other].patternID << 32 | entries[e].patternID
                        let witness: String?
                        if let known = witnesses[key] {
                            witness = known
                        } else {
                            witness = entries[other].pattern.commonPath(with: entries[e].pattern)
                            witnesses[key] = witness
                        }
                        guard let witness else { continue }
                        result.append(Overlap(first: min(other, e), second: max(other, e), path: witness))
                    }
                    guard let segment = path.popFirst(), let next = children[node][segment] else { break }
                    node = next
                }
            }
        }
        return result
    }
}
