import Foundation

/// Runs gate jobs in dependency order, at most `parallelism` at a time, and records every attempt.
///
/// Gates of one batch run one after another, in gate order; batches run side by side once the
/// batches they depend on have passed. A batch that does not pass makes its dependents `skipped`.
/// Dependencies on batches that are not among the jobs count as satisfied: choosing what to run is
/// the caller's business.
///
/// ```swift
/// let ledger = try Ledger.open(root: root)
/// let jobs = GateResolver(testRunners: runners).jobs(for: chosenBatches, workingDirectory: root)
/// let runner = GateRunner(root: root, ledger: ledger, options: RunOptions(parallelism: 2))
/// let summary = try await runner.run(jobs: jobs, planPath: "PLAN.md") { event in print(event) }
/// exit(summary.allPassed ? 0 : 1)
/// ```
public struct GateRunner: Sendable {
    /// The repository root: `.baton/` lives here, log paths in the ledger are relative to it.
    public var root: String
    public var ledger: Ledger
    public var options: RunOptions

    public init(root: String, ledger: Ledger, options: RunOptions = RunOptions()) {
        self.root = URL(fileURLWithPath: root).standardizedFileURL.path
        self.ledger = ledger
        self.options = options
    }

    /// Starts a new run: takes `.baton/run.lock`, records the run, runs the jobs.
    /// - Parameters:
    ///   - git: facts to stamp on every attempt; captured from `root` once when nil.
    ///   - onEvent: progress, for display.
    public func run(jobs: [GateJob], planPath: String, argv: [String] = CommandLine.arguments,
                    runID: String = RunRecord.newID(), git: GitFacts? = nil,
                    onEvent: @escaping @Sendable (RunEvent) async -> Void = { _ in }) async throws -> RunSummary {
        let lock = try RunLock.acquire(root: root)
        let facts = if let git { git } else { await GitFacts.capture(in: root) }
        try await ledger.beginRun(RunRecord(id: runID, planPath: planPath, startedAt: Date(), pid: getpid(),
                                            argv: argv, git: facts))
        let attempts = try await schedule(jobs: jobs, planPath: planPath, runID: runID, git: facts,
                                          usedLogNames: [], onEvent: onEvent)
        try await ledger.endRun(id: runID)
        withExtendedLifetime(lock) {}
        return RunSummary(runID: runID, attempts: attempts)
    }

    /// Resumes a run that did not finish: ends gate processes the dead run left behind, marks its
    /// unfinished attempts `interrupted`, then runs only the jobs with no passed attempt in that run.
    public func resume(runID: String, jobs: [GateJob], git: GitFacts? = nil,
                       onEvent: @escaping @Sendable (RunEvent) async -> Void = { _ in }) async throws -> RunSummary {
        let lock = try RunLock.acquire(root: root)
        guard let run = try await ledger.run(id: runID) else { throw BatonRunnerError.unknownRun(id: runID) }
        // Only after taking the lock: a live owner would still be writing these rows, and running
        // these processes. A dead owner's gates may still run; end them before running them again.
        await LeftoverGates.terminate(runID: runID, gracePeriod: options.limits.gracePeriod)
        let interrupted = try await ledger.markInterrupted(runID: runID)
        try await ledger.reopenRun(id: runID, pid: getpid())
        let passed = try await ledger.passedGates(runID: runID)
        let used = Set(try await ledger.attempts(runID: runID).compactMap(\.logPath))
        let remaining = jobs.filter { !passed.contains($0.gateID) }
        let facts = if let git { git } else { await GitFacts.capture(in: root) }
        let attempts = try await schedule(jobs: remaining, planPath: run.planPath, runID: runID, git: facts,
                                          usedLogNames: used, onEvent: onEvent)
        try await ledger.endRun(id: runID)
        withExtendedLifetime(lock) {}
        return RunSummary(runID: runID, attempts: attempts, interruptedOnResume: interrupted,
                          alreadyPassed: jobs.count - remaining.count)
    }

    private func schedule(jobs: [GateJob], planPath: String, runID: String, git: GitFacts,
                          usedLogNames: Set<String>,
                          onEvent: @escaping @Sendable (RunEvent) async -> Void) async throws -> [AttemptRecord] {
        let logDirectory = ".baton/logs/" + runID
        do {
            try FileManager.default.createDirectory(atPath: root + "/" + logDirectory, withIntermediateDirectories: true)
        } catch {
            throw BatonRunnerError.notWritable(path: root + "/" + logDirectory, reason: error.localizedDescription)
        }
        let context = AttemptContext(root: root, ledger: ledger, options: options, planPath: planPath, runID: runID,
                                     git: git, logDirectory: logDirectory,
                                     environment: GateEnvironment(inheritingWith: options.environment)
                                        .setting("BATON_RUN_ID", to: runID)
                                        .removing("BATON_BATCH").removing("BATON_GATE"),
                                     onEvent: onEvent)
        var graph = BatchGraph(jobs: jobs)
        var logNames = LogNames(used: usedLogNames)
        var recorded: [AttemptRecord] = []
        var stopped = false

        try await withThrowingTaskGroup(of: (Int, [AttemptRecord]).self) { group in
            var running = 0
            func launchReady() {
                while running < options.parallelism, !stopped, let batch = graph.popReady() {
                    let batchJobs = graph.batches[batch].jobs
                    let paths = batchJobs.map { logNames.claim(directory: logDirectory, job: $0) }
                    running += 1
                    group.addTask {
                        (batch, try await context.runBatch(batchJobs, logPaths: paths))
                    }
                }
            }
            launchReady()
            while let (batch, attempts) = try await group.next() {
                running -= 1
                recorded += attempts
                let passed = !attempts.contains { $0.outcome?.isFailure ?? true }
                let skipped = graph.finish(batch, passed: passed)
                if !skipped.isEmpty {
                    let key = graph.batches[batch].key
                    recorded += try await context.skip(skipped.flatMap { graph.batches[$0].jobs },
                                                       because: "dependency \(key) did not pass")
                }
                if !passed && !options.keepGoing { stopped = true }
                if Task.isCancelled { stopped = true }
                launchReady()
            }
        }
        // Whatever never became ready: stopped early, or waiting on a cycle.
        let leftover = graph.unfinished()
        if !leftover.isEmpty {
            let reason = if Task.isCancelled {
                "not started: the run was cancelled"
            } else if stopped {
                "not started: the run stopped at the first failure (use --keep-going to run independent gates)"
            } else {
                "not started: its dependencies form a cycle"
            }
            recorded += try await context.skip(leftover.flatMap { graph.batches[$0].jobs }, because: reason)
        }
        return recorded
    }
}

/// Allocates `<batch>-<gate>.log` names, adding `.2`, `.3` when a name is taken (resumed runs).
private struct LogNames {
    var used: Set<String>

    mutating func claim(directory: String, job: GateJob) -> String {
        let stem = directory + "/" + Self.sanitize(job.batchKey) + "-\(job.gateIndex)"
        var candidate = stem + ".log"
        var counter = 2
        while used.contains(candidate) {
            candidate = stem + ".\(counter).log"
            counter += 1
        }
        used.insert(candidate)
        return candidate
    }

    /// Batch keys are free text (`D1@demo`, `1–4`); keep file names portable.
    static func sanitize(_ key: String) -> String {
        String(key.unicodeScalars.map { scalar in
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", ".", "_", "-", "@": Character(scalar)
            default: "_"
            }
        })
    }
}
