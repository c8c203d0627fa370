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
        var index = ownedPaths
        let (overlaps, witnesses) = index.overlaps()
        guard !overlaps.isEmpty else { return [] }
        let companions = graph.mayRunWithPairs
        let finished = (0..<graph.count).map { graph.isFinished($0) }
        // Read through a local: a closure reading `index.entries` would retain and release the array per call.
        let entries = index.entries
        let batchOf = entries.map(\.batch)
        var kept: [OwnershipIndex.Overlap] = []
        for overlap in overlaps {
            let a = batchOf[overlap.first], b = batchOf[overlap.second]
            if finished[a] && finished[b] { continue }
            if options.overlapIgnoresFinished && (finished[a] || finished[b]) { continue }
            if !companions.isEmpty && companions.contains(Pair(a, b)) { continue }
            kept.append(overlap)
        }
        guard !kept.isEmpty else { return [] }
        let linked = DependencyLinks.linked(kept.map { (batchOf[$0.first], batchOf[$0.second]) }, in: graph)
        // Where each entry's path is written.
        let starts = entries.map { graph[$0.batch].owns[$0.mention].span.start }
        // One finding per pair of overlapping paths, at the one written later, naming the other;
        // at one place, the other paths in the order they are written.
        var findings: [(laterStart: Int, earlierStart: Int, earlierBatch: Int, later: Int, earlier: Int, witness: Int)] = []
        for (k, overlap) in kept.enumerated() where !linked[k] {
            var (earlier, later) = (overlap.first, overlap.second)
            if (starts[earlier], batchOf[earlier]) > (starts[later], batchOf[later]) { swap(&earlier, &later) }
            findings.append((starts[later], starts[earlier], batchOf[earlier], later, earlier, overlap.witness))
        }
        findings.sort { ($0.laterStart, $0.earlierStart, $0.earlierBatch) < ($1.laterStart, $1.earlierStart, $1.earlierBatch) }
        // Labels are made once per batch (a batch overlaps with many others); strings only from here on, on
        // both cores.
        var named = [Bool](repeating: false, count: graph.count)
        for finding in findings {
            named[entries[finding.later].batch] = true
            named[entries[finding.earlier].batch] = true
        }
        let labels = SideBySide.map(graph.count, minimum: 512) { named[$0] ? label($0) : "" }
        // Every entry of a finding was compared, so its pattern is parsed.
        let patterns = index.patterns
        return SideBySide.map(findings.count, minimum: 512) { f in
            let finding = findings[f]
            let (later, earlier) = (entries[finding.later], entries[finding.earlier])
            let (laterSpan, earlierSpan) = (graph[later.batch].owns[later.mention].span, graph[earlier.batch].owns[earlier.mention].span)
            // Appended in place: thousands of findings, each naming two batches and three paths.
            var message = labels[later.batch]
            message.reserveCapacity(240)
            message += " owns "; message += patterns[later.pattern]!.text
            message += " and "; message += labels[earlier.batch]
            message += " owns "; message += patterns[earlier.pattern]!.text
            message += " at line "; message += String(earlierSpan.line)
            message += "; both match "; message += witnesses[finding.witness]
            message += ", and neither batch depends on the other"
            return diagnostic("ownership-overlap", message, at: laterSpan)
        }
    }
}

/// Which pairs of batches a dependency path links, either way.
///
/// Each batch gets the set of candidate batches (those in some pair) it depends on, transitively, in
/// one pass along the graph in dependency order. Candidates are taken 512 at a time, so each pass's
/// sets (8 words per batch) stay in cache and are reused, instead of one set as wide as all candidates
/// per batch; a pass starts at its first candidate; the passes are independent, so the two cores take
/// alternate ones.
enum DependencyLinks {
    /// Candidates per pass, in words of 64.
    static let wordsPerPass = 8

    /// For each pair, whether one batch depends on the other, directly or not.
    static func linked(_ pairs: [(Int, Int)], in graph: PlanGraph) -> [Bool] {
        let n = graph.count
        // Flat arrays for the passes: nodes in dependency order (highest component first), where each
        // component ends and whether it is a loop, each node's component in that order, its prerequisites.
        var order: [Int] = []
        order.reserveCapacity(n)
        var ends: [Int] = []
        var loops: [Bool] = []
        var rankOf = [Int](repeating: 0, count: n)
        for c in stride(from: graph.componentMembers.count - 1, through: 0, by: -1) {
            for v in graph.componentMembers[c] { rankOf[v] = ends.count }
            order += graph.componentMembers[c]
            ends.append(order.count)
            loops.append(graph.inLoop[graph.componentMembers[c][0]])
        }
        var prerequisiteStart = [0]
        prerequisiteStart.reserveCapacity(n + 1)
        var prerequisites: [Int] = []
        for v in 0..<n {
            prerequisites += graph.prerequisites[v]
            prerequisiteStart.append(prerequisites.count)
        }
        // Candidates are numbered in dependency order, so a pass's candidates sit in one stretch of the
        // order: everything before its first candidate's component depends on none of them and is skipped.
        var isCandidate = [Bool](repeating: false, count: n)
        for (a, b) in pairs { isCandidate[a] = true; isCandidate[b] = true }
        var bitOf = [Int](repeating: -1, count: n)
        var candidateRanks: [Int] = []
        for v in order where isCandidate[v] {
            bitOf[v] = candidateRanks.count
            candidateRanks.append(rankOf[v])
        }
        let candidates = candidateRanks.count
        let bitsPerPass = wordsPerPass * 64
        let passes = (candidates + bitsPerPass - 1) / bitsPerPass
        // A question per direction: does `row` depend on the candidate `bit`? Asked in the pass holding `bit`.
        var questions = [[(row: Int, bit: Int, pair: Int)]](repeating: [], count: passes)
        for (p, (a, b)) in pairs.enumerated() {
            questions[bitOf[a] / bitsPerPass].append((b, bitOf[a], p))
            questions[bitOf[b] / bitsPerPass].append((a, bitOf[b], p))
        }
        let words = wordsPerPass
        func answer(passes: StrideTo<Int>) -> [Int] {
            var yes: [Int] = []
            let rows = UnsafeMutablePointer<UInt64>.allocate(capacity: n * words)
            defer { rows.deallocate() }
            let mask = UnsafeMutablePointer<UInt64>.allocate(capacity: words)
            defer { mask.deallocate() }
            order.withUnsafeBufferPointer { order in
            prerequisites.withUnsafeBufferPointer { prerequisites in
            prerequisiteStart.withUnsafeBufferPointer { prerequisiteStart in
            rankOf.withUnsafeBufferPointer { rankOf in
            bitOf.withUnsafeBufferPointer { bitOf in
                for pass in passes {
                    let first = pass * bitsPerPass
                    // Components before this one hold no ancestor of the pass's candidates: their rows (stale,
                    // from an earlier pass) are read as empty.
                    let firstRank = candidateRanks[first]
                    var start = firstRank == 0 ? 0 : ends[firstRank - 1]
                    for c in firstRank..<ends.count {
                        let end = ends[c]
                        // Members of a loop read each other's sets: those start empty.
                        if loops[c] {
                            for v in order[start..<end] { (rows + v * words).initialize(repeating: 0, count: words) }
                        }
                        mask.initialize(repeating: 0, count: words)
                        for v in order[start..<end] {
                            for u in prerequisites[prerequisiteStart[v]..<prerequisiteStart[v + 1]] where rankOf[u] >= firstRank {
                                let row = rows + u * words
                                for w in 0..<words { mask[w] |= row[w] }
                                let b = bitOf[u] - first
                                if b >= 0, b < bitsPerPass { mask[b >> 6] |= 1 << UInt64(b & 63) }
                            }
                        }
                        // Rows hold plain words: writing one over another or over fresh memory is the same.
                        for v in order[start..<end] { (rows + v * words).initialize(from: mask, count: words) }
                        start = end
                    }
                    for question in questions[pass] where rankOf[question.row] >= firstRank {
                        let b = question.bit - first
                        if rows[question.row * words + b >> 6] & (1 << UInt64(b & 63)) != 0 { yes.append(question.pair) }
                    }
                }
            }
            }
            }
            }
            }
            return yes
        }
        var linked = [Bool](repeating: false, count: pairs.count)
        var evenPasses: [Int] = []
        var oddPasses: [Int] = []
        if passes > 1 {
            SideBySide.run({ evenPasses = answer(passes: stride(from: 0, to: passes, by: 2)) },
                           { oddPasses = answer(passes: stride(from: 1, to: passes, by: 2)) })
        } else {
            evenPasses = answer(passes: stride(from: 0, to: passes, by: 1))
        }
        for p in evenPasses + oddPasses { linked[p] = true }
        return linked
    }
}
