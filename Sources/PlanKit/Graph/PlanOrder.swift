/// The order in which a plan's batches can be done.
public struct PlanOrder: Sendable, Hashable, Codable {
    /// Every batch outside a dependency loop, dependencies and merge order first; ties go to
    /// the batch written first. Batches downstream of a loop are placed as if it were resolved.
    public var sequence: [Batch]
    /// Remaining work (not finished, not dropped) in levels: each wave depends only on finished
    /// work and earlier waves, so the batches of one wave can proceed together. Merge order does
    /// not separate waves: it orders merging, not working.
    public var waves: [[Batch]]
    /// The longest chain of remaining batches, each depending on the one before. Every batch
    /// weighs 1, as plans carry no estimates, so its length is the least number of sequential
    /// steps left; the chain ending earliest in the document wins a tie.
    public var criticalPath: [Batch]
    /// Loops that keep their batches out of `sequence`, `waves` and `criticalPath`.
    public var cycles: [DependencyCycle]

    public init(sequence: [Batch], waves: [[Batch]], criticalPath: [Batch], cycles: [DependencyCycle]) {
        self.sequence = sequence
        self.waves = waves
        self.criticalPath = criticalPath
        self.cycles = cycles
    }
}
