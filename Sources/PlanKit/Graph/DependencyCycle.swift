/// Batches that depend on each other in a loop, so that none of them can ever start.
public struct DependencyCycle: Sendable, Hashable, Codable {
    /// One loop in dependency order: each batch depends on the next, the last on the first.
    public var keys: [String]
    /// Every batch caught in the loop (a strongly connected component), in document order;
    /// a superset of `keys` when several loops share batches.
    public var members: [String]

    public init(keys: [String], members: [String]) {
        self.keys = keys
        self.members = members
    }

    /// `B1 → B2 → B3 → B1`, in ids as written.
    public func description(in plan: PlanGraph) -> String {
        let names = keys.map { plan.displayName(ofKey: $0) }
        return (names + names.prefix(1)).concatenated(separator: " → ")
    }
}
