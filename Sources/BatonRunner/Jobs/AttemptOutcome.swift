/// How one attempt at a gate ended, as stored in the ledger's `outcome` column.
public enum AttemptOutcome: String, Sendable, Hashable, Codable, CaseIterable {
    /// Exit code 0.
    case passed
    /// A non-zero exit code, or a signal the watchdog did not send.
    case failed
    /// No output for longer than the stall timeout; the watchdog ended the process group.
    case stalled
    /// Ran past the total timeout, or never started before the start deadline.
    case timedOut = "timed-out"
    /// Started but never ended: Baton itself died (found on `resume`), or was cancelled.
    case interrupted
    /// Not run because a dependency did not pass, or the run stopped at an earlier failure.
    case skipped
    /// No way to run it: a `manual` gate, or a `test-file` gate without a matching runner.
    case notRunnable = "not-runnable"

    /// Whether this outcome blocks dependents and fails the run.
    /// `not-runnable` does not: it proves nothing, but it is not a failure either.
    public var isFailure: Bool {
        switch self {
        case .passed, .notRunnable: false
        case .failed, .stalled, .timedOut, .interrupted, .skipped: true
        }
    }
}
