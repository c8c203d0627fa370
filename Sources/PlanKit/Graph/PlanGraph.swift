import PlanSyntax

/// The batches of one plan indexed by integer, with their dependency and merge-order edges.
///
/// Batch `i` is `plan.batches[i]`; document order is index order, which every answer uses to
/// break ties so that output is stable. Building the graph and every query on it are linear in
/// batches plus edges (the topological order adds a log factor for its tie-breaking heap).
public struct PlanGraph: Sendable {
    public let plan: Plan
    public let policy: SchedulePolicy
    /// Key → index into `plan.batches`.
    public let indexByKey: [String: Int]
    /// For each batch, the batches it depends on, deduplicated, in the order written.
    public let prerequisites: [[Int]]
    /// For each batch, the batches that depend on it, in document order.
    public let dependents: [[Int]]
    /// For each batch, the batches it must merge after (`mergeAfter`), deduplicated.
    public let mergePredecessors: [[Int]]
    /// Dependencies whose key names no batch of the plan: `(batch index, dependency)`.
    public let unresolved: [(batch: Int, dependency: Dependency)]
    /// Ids that more than one batch carries (`D1` under Docs and under Demo).
    public let sharedIDs: Set<String>
    /// Strongly connected component of each batch over dependency edges. Ids run from
    /// dependents to prerequisites: walking them downwards visits prerequisites first.
    let component: [Int]
    /// Members of each component, in document order.
    let componentMembers: [[Int]]
    /// Whether each batch sits in a dependency loop.
    let inLoop: [Bool]

    /// Indexes `plan`; `policy` decides which statuses count as finished.
    public init(_ plan: Plan, policy: SchedulePolicy = SchedulePolicy()) {
        self.plan = plan
        self.policy = policy
        let batches = plan.batches
        var indexByKey: [String: Int] = [:]
        indexByKey.reserveCapacity(batches.count)
        for i in batches.indices where indexByKey[batches[i].key] == nil {
            indexByKey[batches[i].key] = i
        }
        var prerequisites = [[Int]](repeating: [], count: batches.count)
        var dependents = [[Int]](repeating: [], count: batches.count)
        var mergePredecessors = [[Int]](repeating: [], count: batches.count)
        var unresolved: [(batch: Int, dependency: Dependency)] = []
        // Looking up keys is pure and most of the work: both cores. -1 for a key that names no batch.
        let targets = batches.withUnsafeBufferPointer { batches in
            SideBySide.map(batches.count, minimum: 2048) { i in batches[i].dependsOn.map { indexByKey[$0.key] ?? -1 } }
        }
        // A stamp per node dedupes edges in O(degree) without a set per batch.
        var seen = [Int](repeating: -1, count: batches.count)
        for i in batches.indices {
            for (k, j) in targets[i].enumerated() {
                guard j >= 0 else {
                    unresolved.append((i, batches[i].dependsOn[k]))
                    continue
                }
                if seen[j] == i { continue }
                seen[j] = i
                prerequisites[i].append(j)
                dependents[j].append(i)
            }
        }
        seen = [Int](repeating: -1, count: batches.count)
        for i in batches.indices {
            for dependency in batches[i].mergeAfter {
                guard let j = indexByKey[dependency.key], seen[j] != i else { continue }
                seen[j] = i
                mergePredecessors[i].append(j)
            }
        }
        var seenIDs: Set<String> = []
        seenIDs.reserveCapacity(batches.count)
        var sharedIDs: Set<String> = []
        for i in batches.indices where !seenIDs.insert(batches[i].id).inserted { sharedIDs.insert(batches[i].id) }
        self.sharedIDs = sharedIDs
        self.indexByKey = indexByKey
        self.prerequisites = prerequisites
        let sortedDependents = dependents.map { $0.sorted() }
        self.dependents = sortedDependents
        // Computed once: cycles, waves, the critical path and overlap checks all need it.
        let (component, componentCount) = IndexGraph(successors: sortedDependents).stronglyConnectedComponents()
        var members = [[Int]](repeating: [], count: componentCount)
        for v in 0..<batches.count { members[component[v]].append(v) }
        var inLoop = [Bool](repeating: false, count: batches.count)
        for group in members where group.count > 1 || prerequisites[group[0]].contains(group[0]) {
            for v in group { inLoop[v] = true }
        }
        self.component = component
        self.componentMembers = members
        self.inLoop = inLoop
        self.mergePredecessors = mergePredecessors
        self.unresolved = unresolved
    }

    public var count: Int { plan.batches.count }

    public subscript(index: Int) -> Batch {
        // Yielded, not returned: a `Batch` holds many references and copying it costs.
        _read { yield plan.batches[index] }
    }

    /// Whether dependents of batch `index` may start under the policy.
    public func isFinished(_ index: Int) -> Bool {
        policy.isFinished(plan.batches[index].status.category)
    }

    /// Edges from each batch to the batches it depends on.
    var dependencyGraph: IndexGraph { IndexGraph(successors: prerequisites) }

    /// Edges from each prerequisite to its dependents.
    var dependentGraph: IndexGraph { IndexGraph(successors: dependents) }

    /// Edges from each batch that must come first (dependency or merge order) to the batch after it.
    var orderGraph: IndexGraph {
        var successors = dependents
        for (i, predecessors) in mergePredecessors.enumerated() {
            // A duplicate edge is harmless: in-degrees count it twice and release it twice.
            for p in predecessors { successors[p].append(i) }
        }
        return IndexGraph(successors: successors)
    }
}
