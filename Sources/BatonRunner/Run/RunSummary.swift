/// What one call of ``GateRunner/run(jobs:planPath:argv:runID:git:onEvent:)`` or `resume` did.
public struct RunSummary: Sendable, Hashable {
    public var runID: String
    /// Attempts this call recorded, in the order they ended.
    public var attempts: [AttemptRecord]
    /// On `resume`: attempts found unfinished and marked `interrupted`.
    public var interruptedOnResume: Int
    /// On `resume`: gates left out because they had already passed in this run.
    public var alreadyPassed: Int

    public init(runID: String, attempts: [AttemptRecord], interruptedOnResume: Int = 0, alreadyPassed: Int = 0) {
        self.runID = runID
        self.attempts = attempts
        self.interruptedOnResume = interruptedOnResume
        self.alreadyPassed = alreadyPassed
    }

    /// How many attempts ended with each outcome.
    public var counts: [AttemptOutcome: Int] {
        attempts.reduce(into: [:]) { counts, attempt in
            if let outcome = attempt.outcome { counts[outcome, default: 0] += 1 }
        }
    }

    /// Every gate of this call passed (`not-runnable` is not a pass). The CLI exits 0 only then.
    /// False when there was nothing to run at all, unless a resume found everything already passed.
    public var allPassed: Bool {
        (!attempts.isEmpty || alreadyPassed > 0) && attempts.allSatisfy { $0.outcome == .passed }
    }
}
