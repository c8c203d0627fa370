/// Whether one batch can start now, and why.
public struct Readiness: Sendable, Hashable, Codable {
    public enum State: String, Sendable, Hashable, Codable {
        /// Not started, and everything it depends on is finished.
        case ready
        /// Done, or in review when review counts as finished.
        case finished
        /// In review while the policy waits for `done`.
        case inReview = "in-review"
        case active
        /// Blocked, deferred or dropped by its own status.
        case held
        /// Waiting for dependencies that are not finished.
        case waiting
        /// Part of a dependency loop, so it can never start as written.
        case inCycle = "in-cycle"
    }

    public var key: String
    public var state: State
    /// Keys of the unfinished dependencies (for `waiting` and `inCycle`).
    public var waitingOn: [String]
    /// One sentence: `O7 is ready: O6 is finished.`
    public var reason: String

    public init(key: String, state: State, waitingOn: [String] = [], reason: String) {
        self.key = key
        self.state = state
        self.waitingOn = waitingOn
        self.reason = reason
    }

    public var isReady: Bool { state == .ready }
}
