/// The three clocks that end a gate, and how gently.
public struct WatchdogLimits: Sendable, Hashable {
    /// No output (log file unchanged) for this long: `stalled`.
    public var stallTimeout: Duration
    /// Running for this long in all: `timed-out`. Nil for no limit.
    public var timeout: Duration?
    /// Not spawned within this long of being scheduled: `timed-out`.
    public var startDeadline: Duration
    /// Between SIGTERM and SIGKILL to the gate's process group.
    public var gracePeriod: Duration

    public init(stallTimeout: Duration = .seconds(15 * 60), timeout: Duration? = nil,
                startDeadline: Duration = .seconds(60), gracePeriod: Duration = .seconds(5)) {
        self.stallTimeout = stallTimeout
        self.timeout = timeout
        self.startDeadline = startDeadline
        self.gracePeriod = gracePeriod
    }
}
