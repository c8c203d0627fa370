/// Entry points for `baton next`, `baton order` and readiness questions.
///
/// Each builds a `PlanGraph` once; callers asking several questions of one plan can build the
/// graph themselves and use its members.
public enum Schedule {
    /// Batches that can start now, then those already active.
    ///
    /// With `parallel`, `ready` holds at most that many batches that can run side by side
    /// (see `PlanGraph.parallelSet(limit:)`); without it, every ready batch.
    public static func next(_ plan: Plan, parallel: Int? = nil, policy: SchedulePolicy = SchedulePolicy()) -> NextBatches {
        PlanGraph(plan, policy: policy).next(parallel: parallel)
    }

    /// Topological order respecting merge order, waves, critical path, and the loops that block.
    public static func order(_ plan: Plan, policy: SchedulePolicy = SchedulePolicy()) -> PlanOrder {
        PlanGraph(plan, policy: policy).order
    }

    /// Whether the batch with this id or key can start now, and why.
    public static func readiness(of idOrKey: String, in plan: Plan, policy: SchedulePolicy = SchedulePolicy()) throws(BatchLookupError) -> Readiness {
        let graph = PlanGraph(plan, policy: policy)
        return graph.readiness(of: try graph.lookup(idOrKey))
    }
}
