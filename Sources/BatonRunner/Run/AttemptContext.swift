import Foundation
import PlanKit

/// Everything one gate attempt needs from its run; runs a batch's gates and records them.
struct AttemptContext: Sendable {
    var root: String
    var ledger: Ledger
    var options: RunOptions
    var planPath: String
    var runID: String
    var git: GitFacts
    /// Relative to `root`.
    var logDirectory: String
    /// Inherited environment, run options' variables and `BATON_RUN_ID`, prepared once per run.
    var environment: GateEnvironment
    var onEvent: @Sendable (RunEvent) async -> Void

    /// An attempt that ended but whose end is not committed yet: it goes into the transaction that
    /// starts the next gate (``Ledger/recordStart(_:finishing:)``), or ``flush(_:)`` writes it. Its
    /// `finished` event is sent only after the commit, so a finish that was reported is durable.
    struct PendingEnd: Sendable {
        var job: GateJob
        var attempt: AttemptRecord
        var artifacts: [ArtifactRecord]
    }

    /// Runs a batch's gates in order. Without `keepGoing`, gates after a failing one are skipped.
    /// The last gate's end is left in `pending`.
    func runBatch(_ jobs: [GateJob], logPaths: [String], pending: inout PendingEnd?) async throws -> [AttemptRecord] {
        var attempts: [AttemptRecord] = []
        var failedGate: Int?
        for (job, logPath) in zip(jobs, logPaths) {
            if _Concurrency.Task.isCancelled {
                try await flush(&pending)
                attempts += try await skip([job], because: "not started: the run was cancelled")
            } else if let failedGate, !options.keepGoing {
                try await flush(&pending)
                attempts += try await skip([job], because: "not started: gate \(failedGate + 1) of this batch did not pass")
            } else {
                let attempt = try await run(job, logPath: logPath, pending: &pending)
                if attempt.outcome?.isFailure ?? true { failedGate = failedGate ?? job.gateIndex }
                attempts.append(attempt)
            }
        }
        return attempts
    }

    /// Commits a pending end on its own and reports it.
    func flush(_ pending: inout PendingEnd?) async throws {
        guard let end = pending else { return }
        pending = nil
        try await ledger.recordEnd(end.attempt, artifacts: end.artifacts)
        await onEvent(.finished(end.job, attempt: end.attempt))
    }

    /// One attempt: row inserted (with `pending`'s end, in one transaction), process run under the
    /// watchdog, artifacts hashed. Its own end is left in `pending`.
    func run(_ job: GateJob, logPath: String, pending: inout PendingEnd?) async throws -> AttemptRecord {
        guard let argv = job.command, !argv.isEmpty else {
            let reason = job.kind == .manual
                ? "manual gate: a person signs it off with `baton approve`"
                : "no runner matches this test file; add one under [runners] in baton.toml"
            try await flush(&pending)
            return try await skip([job], because: reason, as: .notRunnable)[0]
        }
        let finishing = pending
        pending = nil
        var attempt = try await ledger.recordStart(
            AttemptRecord(runID: runID, planPath: planPath, job: job, git: git, startedAt: Date(), logPath: logPath),
            finishing: finishing.map { ($0.attempt, $0.artifacts) })
        if let finishing { await onEvent(.finished(finishing.job, attempt: finishing.attempt)) }
        await onEvent(.started(job, attempt: attempt))
        // The base environment has neither variable (GateRunner removed them), so a plain append.
        let environment = self.environment.appending(["BATON_BATCH": job.batchKey, "BATON_GATE": String(job.gateIndex)])
        let process = GateProcess(argv: argv, workingDirectory: job.workingDirectory, logPath: root + "/" + logPath,
                                  limits: options.limits, environment: environment)
        let result: GateProcess.Result
        do {
            result = try await process.run()
        } catch {
            attempt.endedAt = Date()
            attempt.outcome = .failed
            attempt.message = "\(error)"
            pending = PendingEnd(job: job, attempt: attempt, artifacts: [])
            return attempt
        }
        attempt.endedAt = result.endedAt
        attempt.pid = result.pid
        attempt.exitCode = result.exitCode
        attempt.signal = result.signal
        attempt.outcome = _Concurrency.Task.isCancelled && result.outcome != .passed ? .interrupted : result.outcome
        attempt.message = result.message
        if !result.logWritten { attempt.logPath = nil }
        attempt.logSize = result.log.size
        attempt.logSHA256 = result.log.sha256
        attempt.tail = result.log.tail.isEmpty ? nil : result.log.tail.joined(separator: "\n")
        var artifacts: [ArtifactRecord] = []
        if attempt.outcome == .passed, !job.artifacts.isEmpty, let id = attempt.id {
            artifacts = ArtifactHasher.hash(patterns: job.artifacts, in: job.workingDirectory).map {
                ArtifactRecord(attemptID: id, path: $0.path, size: $0.size, sha256: $0.sha256)
            }
        }
        pending = PendingEnd(job: job, attempt: attempt, artifacts: artifacts)
        return attempt
    }

    /// Records jobs that will not run, already ended, in one transaction.
    func skip(_ jobs: [GateJob], because reason: String, as outcome: AttemptOutcome = .skipped) async throws
        -> [AttemptRecord]
    {
        guard !jobs.isEmpty else { return [] }
        let now = Date()
        let attempts = jobs.map { job in
            var attempt = AttemptRecord(runID: runID, planPath: planPath, job: job, git: git, startedAt: now, logPath: nil)
            attempt.endedAt = now
            attempt.outcome = outcome
            attempt.message = reason
            return attempt
        }
        let stored = try await ledger.recordFinished(attempts)
        for (job, attempt) in zip(jobs, stored) { await onEvent(.finished(job, attempt: attempt)) }
        return stored
    }
}
