import Foundation

/// How one batch's gates fared in one run: the answer `baton run --mark` needs to write `done` and an evidence line.
public struct BatchRunResult: Sendable, Hashable {
    public var batchKey: String
    /// Gates proven: a `passed` attempt in the run, or for a manual gate an approval in the ledger.
    public var passed: Int
    public var total: Int
    /// The newest passed attempt of the batch in the run: its row id, commit and end.
    public var newestAttempt: AttemptRecord?

    public init(batchKey: String, passed: Int, total: Int, newestAttempt: AttemptRecord?) {
        self.batchKey = batchKey
        self.passed = passed
        self.total = total
        self.newestAttempt = newestAttempt
    }

    /// Every gate proven, and at least one of them run in this run (a batch of manual gates only was not run).
    public var allPassed: Bool { total > 0 && passed == total && newestAttempt != nil }
}
