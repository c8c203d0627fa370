extension PlanGraph {
    /// Every dependency loop, ordered by the document position of its earliest batch.
    ///
    /// Linear in batches plus edges: one Tarjan pass, then one breadth-first search inside each
    /// non-trivial component to name a loop through its earliest batch.
    public var cycles: [DependencyCycle] {
        let graph = dependencyGraph
        var result: [(first: Int, cycle: DependencyCycle)] = []
        for group in componentMembers where inLoop[group[0]] {
            let path = graph.cycle(through: group[0], component: component) ?? [group[0]]
            result.append((group[0], DependencyCycle(keys: path.map { self[$0].key }, members: group.map { self[$0].key })))
        }
        return result.sorted { $0.first < $1.first }.map(\.cycle)
    }

    /// Loops in `graph`, whose edges may point either way; keys read in dependency order.
    func cycles(of graph: IndexGraph) -> [DependencyCycle] {
        let (component, componentCount) = graph.stronglyConnectedComponents()
        var members = [[Int]](repeating: [], count: componentCount)
        for v in 0..<count { members[component[v]].append(v) }
        var result: [(first: Int, cycle: DependencyCycle)] = []
        for group in members where !group.isEmpty {
            let first = group[0]
            let isLoop = group.count > 1 || graph.successors[first].contains(first)
            guard isLoop else { continue }
            // Name the loop along "depends on" edges whatever graph found it.
            var path = dependencyGraph.cycle(through: first, component: component)
                ?? graph.cycle(through: first, component: component).map { Array($0.reversed()) }
                ?? [first]
            if path.first != first {
                path = Array(path.drop(while: { $0 != first })) + path.prefix(while: { $0 != first })
            }
            result.append((first, DependencyCycle(keys: path.map { self[$0].key }, members: group.map { self[$0].key })))
        }
        return result.sorted { $0.first < $1.first }.map(\.cycle)
    }

    /// The id as written, or the key when the id is shared (`D1@demo`).
    public func displayName(ofKey key: String) -> String {
        guard let i = indexByKey[key] else { return key }
        return displayName(of: i)
    }

    /// The id as written, or the key when the id is shared, of batch `index`.
    public func displayName(of index: Int) -> String {
        sharedIDs.contains(self[index].id) ? self[index].key : self[index].id
    }
}
