extension PlanGraph {
    /// Topological order, waves and critical path; loops are reported and the rest still ordered.
    public var order: PlanOrder {
        let layers = layering
        return PlanOrder(
            sequence: sequenceIndices.map { self[$0] },
            waves: waves(layers).map { $0.map { self[$0] } },
            criticalPath: criticalPath(layers).map { self[$0] },
            cycles: cycles(of: orderGraph)
        )
    }

    /// Kahn's algorithm over the components of dependency plus merge-order edges, taking the
    /// earliest-written available component each step. Loop components are skipped but release
    /// their dependents, so work downstream of a loop still gets a place.
    public var sequenceIndices: [Int] {
        let graph = orderGraph
        let (component, componentCount) = graph.stronglyConnectedComponents()
        var members = [[Int]](repeating: [], count: componentCount)
        for v in 0..<count { members[component[v]].append(v) }
        var inDegree = [Int](repeating: 0, count: componentCount)
        for v in 0..<count {
            for w in graph.successors[v] where component[w] != component[v] { inDegree[component[w]] += 1 }
        }
        // Components are keyed in the heap by their earliest member, which is unique.
        var heap = MinHeap()
        for c in 0..<componentCount where inDegree[c] == 0 { heap.push(members[c][0]) }
        var sequence: [Int] = []
        sequence.reserveCapacity(count)
        while let first = heap.pop() {
            let c = component[first]
            let group = members[c]
            let isLoop = group.count > 1 || graph.successors[first].contains(first)
            if !isLoop { sequence.append(first) }
            for v in group {
                for w in graph.successors[v] where component[w] != c {
                    inDegree[component[w]] -= 1
                    if inDegree[component[w]] == 0 { heap.push(members[component[w]][0]) }
                }
            }
        }
        return sequence
    }

    /// Batches that count as remaining work: not finished and not dropped.
    func isRemaining(_ index: Int) -> Bool {
        !isFinished(index) && self[index].status.category != .dropped
    }

    /// Longest-path levels of remaining work and longest chains, in one pass over dependency
    /// components. Linear: Tarjan numbers components sinks first, so walking component ids
    /// downwards visits every prerequisite before its dependents.
    private var layering: (level: [Int], inLoop: [Bool], chain: [Int], previous: [Int]) {
        var level = [Int](repeating: 0, count: count)
        var chain = [Int](repeating: 0, count: count)
        var previous = [Int](repeating: -1, count: count)
        for c in stride(from: componentMembers.count - 1, through: 0, by: -1) {
            let group = componentMembers[c]
            let isLoop = inLoop[group[0]]
            // Finished work imposes no level; a loop occupies one, so work after it comes later.
            var groupLevel = 0
            for v in group {
                for u in prerequisites[v] where component[u] != c && (inLoop[u] || isRemaining(u)) {
                    groupLevel = max(groupLevel, level[u] + 1)
                }
            }
            for v in group {
                level[v] = groupLevel
                guard !isLoop, isRemaining(v) else { continue }
                // Chains run through remaining batches only; prerequisites are in written order,
                // so the first longest one wins a tie.
                var best = -1
                for u in prerequisites[v] where !inLoop[u] && isRemaining(u) {
                    if best < 0 || chain[u] > chain[best] || (chain[u] == chain[best] && u < best) { best = u }
                }
                chain[v] = best < 0 ? 1 : chain[best] + 1
                previous[v] = best
            }
        }
        return (level, inLoop, chain, previous)
    }

    /// Remaining batches outside loops, grouped by level.
    public var waveIndices: [[Int]] { waves(layering) }

    private func waves(_ layers: (level: [Int], inLoop: [Bool], chain: [Int], previous: [Int])) -> [[Int]] {
        let (level, inLoop, _, _) = layers
        var waves: [[Int]] = []
        for v in 0..<count where isRemaining(v) && !inLoop[v] {
            while waves.count <= level[v] { waves.append([]) }
            waves[level[v]].append(v)
        }
        return waves.filter { !$0.isEmpty }
    }

    /// The longest chain of remaining batches outside loops, first batch first.
    public var criticalPathIndices: [Int] { criticalPath(layering) }

    private func criticalPath(_ layers: (level: [Int], inLoop: [Bool], chain: [Int], previous: [Int])) -> [Int] {
        let (_, inLoop, chain, previous) = layers
        var best = -1
        for v in 0..<count where isRemaining(v) && !inLoop[v] {
            if best < 0 || chain[v] > chain[best] { best = v }
        }
        guard best >= 0 else { return [] }
        var path: [Int] = []
        var cursor = best
        while cursor >= 0 {
            path.append(cursor)
            cursor = previous[cursor]
        }
        return path.reversed()
    }
}
