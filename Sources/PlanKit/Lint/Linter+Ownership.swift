extension Linter {
    /// `ownership-overlap`: two batches that may run at the same time own overlapping paths.
    ///
    /// "May run at the same time" means neither depends on the other, directly or not, and
    /// they do not name each other in `mayRunWith`. Dropped batches never run. Finished batches
    /// still count against unfinished ones (a path a finished batch owned is likely touched
    /// again), unless `overlapIgnoresFinished`; two finished batches never collide.
    ///
    /// Only patterns sharing leading literal segments are compared (`OwnershipIndex`), and
    /// dependency is checked only among the batches of such pairs, with one pass of bit sets
    /// along the graph, so plans whose batches own disjoint trees cost linear time.
    func ownershipFindings() -> [Diagnostic] {
        let index = OwnershipIndex(graph) { graph[$0].status.category != .dropped }
        let overlaps = index.overlaps()
        guard !overlaps.isEmpty else { return [] }
        let companions = graph.mayRunWithPairs
        var kept: [(overlap: OwnershipIndex.Overlap, pair: Pair)] = []
        var pairs: Set<Pair> = []
        for overlap in overlaps {
            let a = index.entries[overlap.first].batch, b = index.entries[overlap.second].batch
            let pair = Pair(a, b)
            let (finishedA, finishedB) = (graph.isFinished(a), graph.isFinished(b))
            if finishedA && finishedB { continue }
            if options.overlapIgnoresFinished && (finishedA || finishedB) { continue }
            if companions.contains(pair) { continue }
            kept.append((overlap, pair))
            pairs.insert(pair)
        }
        let linked = dependencyLinked(Array(pairs))
        var found: [Diagnostic] = []
        // One finding per pair of overlapping paths, at the one written later, naming the other.
        for (overlap, pair) in kept where !linked.contains(pair) {
            var (earlier, later) = (index.entries[overlap.first], index.entries[overlap.second])
            if (earlier.mention.span.start, earlier.batch) > (later.mention.span.start, later.batch) { swap(&earlier, &later) }
            found.append(diagnostic("ownership-overlap",
                "\(label(later.batch)) owns \(later.pattern.text) and \(label(earlier.batch)) owns \(earlier.pattern.text) at line \(earlier.mention.span.line); both match \(overlap.path), and neither batch depends on the other",
                at: later.mention.span))
        }
        return found
    }

    /// The pairs whose batches are linked by a dependency path either way.
    private func dependencyLinked(_ pairs: [Pair]) -> Set<Pair> {
        guard !pairs.isEmpty else { return [] }
        var bit: [Int: Int] = [:]
        for pair in pairs {
            for v in [pair.low, pair.high] where bit[v] == nil { bit[v] = bit.count }
        }
        let words = (bit.count + 63) / 64
        let n = graph.count
        // ancestors[v*words ..< (v+1)*words]: the candidate batches v depends on, transitively.
        var ancestors = [UInt64](repeating: 0, count: n * words)
        var mask = [UInt64](repeating: 0, count: words)
        // Candidate bit of each batch, -1 for none: an array, not the dictionary, in the inner loop.
        var bitOf = [Int](repeating: -1, count: n)
        for (v, b) in bit { bitOf[v] = b }
        // Highest component ids first: prerequisites before dependents. Word loops run on raw buffers.
        ancestors.withUnsafeMutableBufferPointer { ancestors in
            mask.withUnsafeMutableBufferPointer { mask in
                for c in stride(from: graph.componentMembers.count - 1, through: 0, by: -1) {
                    mask.update(repeating: 0)
                    let group = graph.componentMembers[c]
                    for v in group {
                        for u in graph.prerequisites[v] {
                            let row = u * words
                            for w in 0..<words { mask[w] |= ancestors[row + w] }
                            let b = bitOf[u]
                            if b >= 0 { mask[b / 64] |= 1 << UInt64(b % 64) }
                        }
                    }
                    for v in group {
                        let row = v * words
                        for w in 0..<words { ancestors[row + w] = mask[w] }
                    }
                }
            }
        }
        var linked: Set<Pair> = []
        for pair in pairs {
            guard let a = bit[pair.low], let b = bit[pair.high] else { continue }
            let aAboveB = ancestors[pair.high * words + a / 64] & (1 << UInt64(a % 64)) != 0
            let bAboveA = ancestors[pair.low * words + b / 64] & (1 << UInt64(b % 64)) != 0
            if aAboveB || bAboveA { linked.insert(pair) }
        }
        return linked
    }
}
