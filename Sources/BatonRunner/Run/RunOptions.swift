/// How a run schedules and watches its gates.
public struct RunOptions: Sendable, Hashable {
    /// Gates running at once (`-j N`), at least 1.
    public var parallelism: Int
    /// Keep starting independent gates after a failure (`--keep-going`); otherwise start nothing new.
    public var keepGoing: Bool
    public var limits: WatchdogLimits
    /// Added to the inherited environment of every gate (besides `BATON_RUN_ID`, `BATON_BATCH`, `BATON_GATE`).
    public var environment: [String: String]

    public init(parallelism: Int = 1, keepGoing: Bool = false, limits: WatchdogLimits = WatchdogLimits(),
                environment: [String: String] = [:]) {
        self.parallelism = max(1, parallelism)
        self.keepGoing = keepGoing
        self.limits = limits
        self.environment = environment
    }
}
