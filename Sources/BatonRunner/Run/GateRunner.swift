import Foundation
import Synchronization

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
        let queue = WorkQueue(graph: BatchGraph(jobs: jobs), logNames: LogNames(used: usedLogNames),
                              logDirectory: logDirectory, keepGoing: options.keepGoing)
        // One worker per slot, each going straight from a finished batch to the next ready one: no
        // task per batch, no hop through a scheduling task between gates, and each gate's end is
        // committed with the next gate's start. The workers run on the gate reactor's thread, so a
        // gate's exit, its ledger commit and the next spawn happen without a thread hand-off.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<max(1, options.parallelism) {
                group.addTask(executorPreference: GateReactor.shared) {
                    try await Self.work(queue: queue, context: context)
                }
            }
            try await group.waitForAll()
        }
        let (graph, stopped, recorded) = queue.outcome
        var attempts = recorded
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
            attempts += try await context.skip(leftover.flatMap { graph.batches[$0].jobs }, because: reason)
        }
        return attempts
    }

    private static func work(queue: WorkQueue, context: AttemptContext) async throws {
        do {
            try await workLoop(queue: queue, context: context)
        } catch {
            queue.abort()
            throw error
        }
    }

    private static func workLoop(queue: WorkQueue, context: AttemptContext) async throws {
        var pending: AttemptContext.PendingEnd?
        while true {
            switch queue.claim() {
            case let .batch(batch, jobs, paths):
                let attempts = try await context.runBatch(jobs, logPaths: paths, pending: &pending)
                let passed = !attempts.contains { $0.outcome?.isFailure ?? true }
                let (key, skipped) = queue.finish(batch, passed: passed, attempts: attempts,
                                                  cancelled: _Concurrency.Task.isCancelled)
                if !skipped.isEmpty {
                    try await context.flush(&pending)
                    let recorded = try await context.skip(skipped, because: "dependency \(key) did not pass")
                    queue.record(recorded)
                }
            case let .wait(generation):
                // Report what ended before waiting for another worker's batch to make more ready.
                try await context.flush(&pending)
                await queue.wait(after: generation)
            case .done:
                try await context.flush(&pending)
                return
            }
        }
    }
}

/// The batches of one schedule, shared by its workers.
private final class WorkQueue: Sendable {
    enum Claim {
        case batch(Int, [GateJob], [String])
        /// Nothing ready now, but a running batch may make some ready: wait for a change after this generation.
        case wait(Int)
        case done
    }

    private struct State: ~Copyable {
        var graph: BatchGraph
        var logNames: LogNames
        var stopped = false
        var running = 0
        var generation = 0
        var waiters: [CheckedContinuation<Void, Never>] = []
        var recorded: [AttemptRecord] = []
    }

    private let state: Mutex<State>
    private let logDirectory: String
    private let keepGoing: Bool

    init(graph: BatchGraph, logNames: LogNames, logDirectory: String, keepGoing: Bool) {
        state = Mutex(State(graph: graph, logNames: logNames))
        self.logDirectory = logDirectory
        self.keepGoing = keepGoing
    }

    func claim() -> Claim {
        state.withLock { state in
            if !state.stopped, let batch = state.graph.popReady() {
                state.running += 1
                let jobs = state.graph.batches[batch].jobs
                let paths = jobs.map { state.logNames.claim(directory: logDirectory, job: $0) }
                return .batch(batch, jobs, paths)
            }
            // Stopped: each worker ends after its own batch; nothing new starts.
            return state.running == 0 || state.stopped ? .done : .wait(state.generation)
        }
    }

    /// A worker failed (the ledger could not be written): start nothing more, and release the
    /// workers waiting on it.
    func abort() {
        let waiters = state.withLock { state in
            state.stopped = true
            state.generation += 1
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Records a finished batch; returns its key and the jobs of the batches it leaves skipped.
    func finish(_ batch: Int, passed: Bool, attempts: [AttemptRecord], cancelled: Bool) -> (String, [GateJob]) {
        let (result, waiters) = state.withLock { state in
            state.running -= 1
            state.recorded += attempts
            let skipped = state.graph.finish(batch, passed: passed)
            if (!passed && !keepGoing) || cancelled { state.stopped = true }
            state.generation += 1
            let waiters = state.waiters
            state.waiters = []
            let graph = state.graph
            return ((graph.batches[batch].key, skipped.flatMap { graph.batches[$0].jobs }), waiters)
        }
        for waiter in waiters { waiter.resume() }
        return result
    }

    func record(_ attempts: [AttemptRecord]) {
        state.withLock { $0.recorded += attempts }
    }

    func wait(after generation: Int) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let changed = state.withLock { state in
                if state.generation != generation { return true }
                state.waiters.append(continuation)
                return false
            }
            if changed { continuation.resume() }
        }
    }

    var outcome: (graph: BatchGraph, stopped: Bool, recorded: [AttemptRecord]) {
        state.withLock { ($0.graph, $0.stopped, $0.recorded) }
    }
}

/// Allocates `<batch>-<gate>.log` names, adding `.2`, `.3` when a name is taken (resumed runs).
private struct LogNames: Sendable {
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
