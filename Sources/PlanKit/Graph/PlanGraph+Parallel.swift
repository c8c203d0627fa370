extension PlanGraph {
    /// Ready batches that can run side by side, at most `limit`, chosen greedily in document order.
    ///
    /// A candidate is taken unless
    /// - a dependency path links it with a batch already taken (possible through a finished batch
    ///   that depends on unfinished work), or
    /// - one of its owned paths overlaps a path of a batch already taken or already active, and
    ///   the two batches do not name each other in `mayRunWith`.
    /// `mayRunWith` thus lets authors accept a shared path they coordinate on, but never overrides
    /// a dependency, which is an order, not a resource. A batch that lists no owned paths conflicts
    /// with nobody: nothing says it touches anything.
    public func parallelSet(limit: Int) -> (chosen: [Int], passedOver: [NextBatches.PassedOver]) {
        let candidates = readyIndices
        var chosen: [Int] = []
        var passedOver: [NextBatches.PassedOver] = []
        // Marks of every ancestor and descendant of a chosen batch; each node is marked at most
        // once per direction, so the whole pick stays linear in the graph.
        var upstream = [Bool](repeating: false, count: count)
        var downstream = [Bool](repeating: false, count: count)
        // Paths of chosen batches, then of active ones: a clash with a chosen batch is named first.
        var taken: [(batch: Int, pattern: PathPattern, text: String)] = []
        let busy = activeIndices.flatMap { ownedPatterns(of: $0) }
        let companions = mayRunWithPairs

        for c in candidates {
            if chosen.count >= max(0, limit) {
                passedOver.append(.init(key: self[c].key, reason: .limit))
                continue
            }
            if upstream[c] || downstream[c] {
                let other = chosen.first { reaches($0, c) || reaches(c, $0) } ?? chosen.first
                passedOver.append(.init(key: self[c].key, reason: .dependency, conflictsWith: other.map { self[$0].key }))
                continue
            }
            let mine = ownedPatterns(of: c)
            var clash: NextBatches.PassedOver?
            search: for group in [taken, busy] {
                for own in mine {
                    for held in group where !companions.contains(Pair(c, held.batch)) {
                    if let path = own.pattern.commonPath(with: held.pattern) {
                        clash = .init(key: self[c].key, reason: .ownership, conflictsWith: self[held.batch].key,
                                      paths: [own.text, held.text, path])
                        break search
                    }
                    }
                }
            }
            if let clash {
                passedOver.append(clash)
                continue
            }
            chosen.append(c)
            taken += mine
            mark(from: c, along: prerequisites, into: &upstream)
            mark(from: c, along: dependents, into: &downstream)
        }
        return (chosen, passedOver)
    }

    /// The parsed owned paths of one batch.
    func ownedPatterns(of index: Int) -> [(batch: Int, pattern: PathPattern, text: String)] {
        self[index].owns.compactMap { mention in
            PathPattern(mention: mention.text).map { (index, $0, $0.text) }
        }
    }

    /// Unordered pairs of batches that declare they may run together (either side suffices).
    var mayRunWithPairs: Set<Pair> {
        var pairs: Set<Pair> = []
        for i in plan.batches.indices {
            for companion in plan.batches[i].mayRunWith {
                if let j = indexByKey[companion.key] { pairs.insert(Pair(i, j)) }
            }
        }
        return pairs
    }

    /// Marks everything reachable from `start` along `edges`, stopping at marked nodes.
    private func mark(from start: Int, along edges: [[Int]], into marks: inout [Bool]) {
        var stack = edges[start]
        while let v = stack.popLast() {
            if marks[v] { continue }
            marks[v] = true
            stack += edges[v]
        }
    }

    /// Whether `from` depends on `to`, directly or not. Breadth-first; for explanations only.
    func reaches(_ from: Int, _ to: Int) -> Bool {
        var seen: Set<Int> = [from]
        var stack = [from]
        while let v = stack.popLast() {
            for u in prerequisites[v] where seen.insert(u).inserted {
                if u == to { return true }
                stack.append(u)
            }
        }
        return false
    }
}

/// An unordered pair of batch indices.
struct Pair: Sendable, Hashable {
    let low: Int
    let high: Int
    init(_ a: Int, _ b: Int) {
        low = min(a, b)
        high = max(a, b)
    }
}
