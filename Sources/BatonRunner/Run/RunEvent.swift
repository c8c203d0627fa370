/// Progress of a run, for live display. Delivered in order per gate; gates interleave.
public enum RunEvent: Sendable, Hashable {
    /// A gate's process is about to start; its attempt row exists.
    case started(GateJob, attempt: AttemptRecord)
    /// An attempt ended (including `skipped` and `not-runnable` ones that never started).
    case finished(GateJob, attempt: AttemptRecord)
}
