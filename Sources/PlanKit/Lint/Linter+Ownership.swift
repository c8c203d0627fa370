import PlanSyntax

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
    /// along the graph, so plans whose batches own disjoint trees cost linear time. Everything up
    /// to the findings themselves works on integers; strings are made for findings only.
    func ownershipFindings() -> [Diagnostic] {
        let index = OwnershipIndex(graph) { graph[$0].status.category != .dropped }
        let (overlaps, witnesses) = index.overlaps()
        guard !overlaps.isEmpty else { return [] }
        let companions = graph.mayRunWithPairs
        let finished = (0..<graph.count).map { graph.isFinished($0) }
        var kept: [OwnershipIndex.Overlap] = []
        for overlap in overlaps {
            let a = index.entries[overlap.first].batch, b = index.entries[overlap.second].batch
            if finished[a] && finished[b] { continue }
            if options.overlapIgnoresFinished && (finished[a] || finished[b]) { continue }
            if !companions.isEmpty && companions.contains(Pair(a, b)) { continue }
            kept.append(overlap)
        }
        let linked = DependencyLinks(graph, among: kept.flatMap { [index.entries[$0.first].batch, index.entries[$0.second].batch] })
        // Where each entry's path is written.
        let starts = index.entries.map { graph[$0.batch].owns[$0.mention].span.start }
        // One finding per pair of overlapping paths, at the one written later, naming the other.
        var findings: [(later: Int, earlier: Int, witness: Int)] = []
        for overlap in kept {
            var (earlier, later) = (overlap.first, overlap.second)
            let (a, b) = (index.entries[earlier].batch, index.entries[later].batch)
            guard !linked.either(a, b) else { continue }
            if (starts[earlier], a) > (starts[later], b) { swap(&earlier, &later) }
            findings.append((later, earlier, overlap.witness))
        }
        // At one place, the other paths in the order they are written.
        findings.sort { x, y in
            (starts[x.later], starts[x.earlier], index.entries[x.earlier].batch)
                < (starts[y.later], starts[y.earlier], index.entries[y.earlier].batch)
        }
        return SideBySide.map(findings.count, minimum: 512) { f in
            let (later, earlier) = (index.entries[findings[f].later], index.entries[findings[f].earlier])
            let (laterSpan, earlierSpan) = (graph[later.batch].owns[later.mention].span, graph[earlier.batch].owns[earlier.mention].span)
            return diagnostic("ownership-overlap",
                "\(label(later.batch)) owns \(index.patterns[later.pattern].text) and \(label(earlier.batch)) owns \(index.patterns[earlier.pattern].text) at line \(earlierSpan.line); both match \(witnesses[findings[f].witness]), and neither batch depends on the other",
                at: laterSpan)
        }
    }
}

/// Which of a set of batches are linked by a dependency path, either way, from one pass of bit sets
/// along the graph: each batch gets the set of candidate batches it depends on, transitively.
struct DependencyLinks {
    /// Candidate number of each batch, -1 for batches that are not candidates.
    private let bitOf: [Int]
    private let words: Int
    /// `ancestors[v * words ..< (v + 1) * words]`: the candidates batch `v` depends on.
    private let ancestors: [UInt64]

    init(_ graph: PlanGraph, among batches: [Int]) {
        var bitOf = [Int](repeating: -1, count: graph.count)
        var candidates = 0
        for v in batches where bitOf[v] < 0 {
            bitOf[v] = candidates
            candidates += 1
        }
        let words = (candidates + 63) / 64
        let n = graph.count
        let ancestors = [UInt64](unsafeUninitializedCapacity: n * words) { rows, initialized in
            guard let rows = rows.baseAddress else { return }
            // Columns are independent: each core fills its half of every row.
            let half = words / 2
            if half > 0, n * words >= 1 << 16 {
                SideBySide.run({ DependencyLinks.fill(rows, words: words, columns: 0..<half, graph: graph, bitOf: bitOf) },
                               { DependencyLinks.fill(rows, words: words, columns: half..<words, graph: graph, bitOf: bitOf) })
            } else {
                DependencyLinks.fill(rows, words: words, columns: 0..<words, graph: graph, bitOf: bitOf)
            }
            initialized = n * words
        }
        self.bitOf = bitOf
        self.words = words
        self.ancestors = ancestors
    }

    /// Writes `columns` of every row. Every row is written before it is read (its component comes
    /// earlier), so nothing needs zeroing first but the rows of loops, whose members read each other's.
    private static func fill(_ rows: UnsafeMutablePointer<UInt64>, words: Int, columns: Range<Int>, graph: PlanGraph, bitOf: [Int]) {
        let width = columns.count
        let mask = UnsafeMutablePointer<UInt64>.allocate(capacity: width)
        defer { mask.deallocate() }
        // Highest component ids first: prerequisites before dependents.
        for c in stride(from: graph.componentMembers.count - 1, through: 0, by: -1) {
            let group = graph.componentMembers[c]
            if graph.inLoop[group[0]] {
                for v in group { (rows + v * words + columns.lowerBound).initialize(repeating: 0, count: width) }
            }
            mask.initialize(repeating: 0, count: width)
            for v in group {
                for u in graph.prerequisites[v] {
                    let row = rows + u * words + columns.lowerBound
                    for w in 0..<width { mask[w] |= row[w] }
                    let b = bitOf[u]
                    if b >= 0, columns.contains(b >> 6) { mask[b >> 6 - columns.lowerBound] |= 1 << UInt64(b & 63) }
                }
            }
            for v in group {
                (rows + v * words + columns.lowerBound).update(from: mask, count: width)
            }
        }
    }

    /// Whether `a` depends on `b` or `b` on `a`, directly or not; both must be among the candidates.
    func either(_ a: Int, _ b: Int) -> Bool {
        depends(a, on: b) || depends(b, on: a)
    }

    private func depends(_ v: Int, on u: Int) -> Bool {
        let b = bitOf[u]
        return ancestors[v * words + b >> 6] & (1 << UInt64(b & 63)) != 0
    }
}
