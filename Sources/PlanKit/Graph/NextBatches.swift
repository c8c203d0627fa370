/// What `baton next` answers: batches that can start now, then those already under way.
public struct NextBatches: Sendable, Hashable, Codable {
    /// Batches that can start, in document order; with a parallel limit, the chosen set.
    public var ready: [Batch]
    /// Batches already active, in document order.
    public var active: [Batch]
    /// Ready batches a parallel pick left out, and why.
    public var passedOver: [PassedOver]
    /// Dependency loops; their batches are never ready.
    public var cycles: [DependencyCycle]

    public init(ready: [Batch], active: [Batch], passedOver: [PassedOver] = [], cycles: [DependencyCycle] = []) {
        self.ready = ready
        self.active = active
        self.passedOver = passedOver
        self.cycles = cycles
    }

    /// A ready batch that a parallel pick did not take.
    public struct PassedOver: Sendable, Hashable, Codable {
        public enum Reason: String, Sendable, Hashable, Codable {
            /// The limit was reached first.
            case limit
            /// A dependency path links it with a chosen batch.
            case dependency
            /// It owns a path that a chosen or active batch owns too.
            case ownership
        }
        public var key: String
        public var reason: Reason
        /// The chosen or active batch it conflicts with (nil for `limit`).
        public var conflictsWith: String?
        /// For `ownership`: this batch's path, the other's path, and a path both match.
        public var paths: [String]

        public init(key: String, reason: Reason, conflictsWith: String? = nil, paths: [String] = []) {
            self.key = key
            self.reason = reason
            self.conflictsWith = conflictsWith
            self.paths = paths
        }
    }
}

extension PlanGraph {
    /// Batches that can start now, then those already active (see `Schedule.next`).
    public func next(parallel: Int? = nil) -> NextBatches {
        let active = activeIndices.map { self[$0] }
        guard let parallel else {
            return NextBatches(ready: readyIndices.map { self[$0] }, active: active, cycles: cycles)
        }
        let (chosen, passedOver) = parallelSet(limit: parallel)
        return NextBatches(ready: chosen.map { self[$0] }, active: active, passedOver: passedOver, cycles: cycles)
    }
}
