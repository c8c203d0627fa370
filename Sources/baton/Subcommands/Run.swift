import ArgumentParser
import BatonRunner
import Foundation
import PlanKit

struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the gates of chosen batches under a watchdog and record every attempt in .baton/ledger.sqlite.",
        discussion: """
        Choose batches by ID, with --ready (what `baton next` offers) or with --all. Gates run in dependency \
        order from the current directory (or `cwd` in baton.toml): command gates through /bin/sh -c, test-file \
        gates through the runners in baton.toml ([runners] "*.py" = "pytest {path}"); manual gates are never \
        run (see `baton approve`).

        With --mark, after the run (or --resume) every batch whose gates all passed in this run (a manual gate: \
        approved with `baton approve`) is marked done in the plan, as `baton mark ID done --insert` would write it, \
        and gets one evidence line under its fields in the document's style and language, e.g. \
        `- Evidence: 2026-11-21, 3f2c1ab, gates 3/3 passed (ledger #42)` (run date in UTC, commit, gates, newest \
        attempt's ledger id; `Nachweis:` in German plans). A re-run rewrites that line instead of adding another. \
        A plan that dates its statuses (`abgeschlossen am April 10, 2026`) gets the run's date on done, in its \
        style; a batch already done keeps its status and date and gets only the evidence line. \
        A batch that is only a table row gets its status cell changed and no evidence line (a note says so) unless \
        it has a details section, which then takes the line. Only those lines change; the plan is written in one \
        go and refused if it changed meanwhile; a plan that cannot be written is reported and leaves the exit code \
        as the gates set it.

        Exit codes: 0 every selected gate passed, 1 otherwise, 64 usage error.
        """
    )

    @Argument(help: "[PLAN] then batch ids or keys.") var arguments: [String] = []
    @Flag(help: "Run the batches that `baton next` offers.") var ready = false
    @Flag(help: "Run every batch, whatever its status.") var all = false
    @Option(name: .short, help: "Run up to N gates at a time.") var jobs: Int = 1
    @Flag(help: "Go on after a failure (dependents are still skipped).") var keepGoing = false
    @Flag(help: "Finish the newest unfinished run: mark its unfinished attempts interrupted and run what is left.") var resume = false
    @Option(help: "End a gate that prints nothing for this long (e.g. 15m, 90s).") var stallTimeout: DurationArgument = DurationArgument(argument: "15m")!
    @Option(help: "End a gate that runs longer than this.") var timeout: DurationArgument?
    @Flag(help: "Afterwards mark done, with an evidence line, every batch whose gates all passed in this run.") var mark = false

    func validate() throws {
        if jobs < 1 { throw ValidationError("-j must be at least 1") }
        let ids = PlanAndIDs(arguments).ids
        if !resume, [ready, all, !ids.isEmpty].filter({ $0 }).count != 1 {
            throw ValidationError("choose the batches: ID..., --ready or --all (one of them)")
        }
    }

    func run() async throws {
        try await reportingErrors {
            let selection = PlanAndIDs(arguments)
            let loaded = try LoadedPlan.load(selection.plan)
            let plan = loaded.plan
            let batches: [Batch]
            if all || resume && selection.ids.isEmpty && !ready {
                batches = plan.batches
            } else if ready {
                batches = Schedule.next(plan, policy: loaded.policy).ready
            } else {
                batches = try PlanAndIDs.batches(selection.ids, in: plan)
            }
            let root = LocalFiles.currentDirectory
            let workingDirectory = loaded.configuration.workingDirectory.map { URL(fileURLWithPath: $0, relativeTo: URL(fileURLWithPath: root)).standardizedFileURL.path } ?? root
            let resolver = GateResolver(testRunners: loaded.configuration.runners.map { GateResolver.TestRunner(pattern: $0.pattern, template: $0.command) })
            let extraArtifacts = batches.flatMap { loaded.configuration.artifacts[$0.id] ?? [] }
            let jobList = resolver.jobs(for: batches, workingDirectory: workingDirectory, extraArtifacts: extraArtifacts)
            guard !jobList.isEmpty else {
                throw CLIError("\(plan.path): the chosen batches (\(batches.map(\.key).prefix(10).concatenated(separator: ", "))) have no gates; nothing to run")
            }
            let ledger = try runnerCall { try Ledger.open(root: root) }
            let options = RunOptions(parallelism: jobs, keepGoing: keepGoing,
                                     limits: WatchdogLimits(stallTimeout: stallTimeout.duration, timeout: timeout?.duration))
            let runner = GateRunner(root: root, ledger: ledger, options: options)
            let progress = RunProgress(live: Terminal.stderrIsTerminal, total: jobList.count)
            let onEvent: @Sendable (RunEvent) async -> Void = { event in await progress.handle(event) }
            let summary: RunSummary
            do {
                if resume {
                    guard let previous = try await runnerCall({ try await ledger.latestRun(planPath: plan.path) }) else {
                        throw CLIError("\(plan.path): no earlier run of this plan in .baton/ledger.sqlite to resume")
                    }
                    summary = try await runnerCall { try await runner.resume(runID: previous.id, jobs: jobList, onEvent: onEvent) }
                    Terminal.note("resumed run \(previous.id): \(summary.interruptedOnResume) interrupted, \(summary.alreadyPassed) already passed")
                } else {
                    summary = try await runnerCall { try await runner.run(jobs: jobList, planPath: plan.path, onEvent: onEvent) }
                }
            } catch {
                // Lines of gates that finished are still printed.
                await progress.finish()
                throw error
            }
            await progress.finish()
            let counts = summary.counts.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.value) \($0.key.rawValue)" }
            Terminal.note("run \(summary.runID): \(counts.concatenated(separator: ", "))")
            if mark { await Self.markPassedBatches(planPath: plan.path, runID: summary.runID, ledger: ledger) }
            if !summary.allPassed { throw ExitCode(1) }
        }
    }
}

/// Runner errors name their path or pid already; print them as one line.
func runnerCall<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as BatonRunnerError {
        throw CLIError(error.description)
    }
}

func runnerCall<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as BatonRunnerError {
        throw CLIError(error.description)
    }
}

/// Live progress on a terminal (one rewritten line), else one line per finished gate.
///
/// With thousands of short gates this was a visible share of `baton run`: lines are formatted
/// without Foundation, written in blocks (at most 100 ms late), and the live line is redrawn at
/// most every 50 ms.
actor RunProgress {
    let live: Bool
    let total: Int
    let started = ContinuousClock.now
    var running: [String] = []
    var finished = 0
    var passed = 0
    var failed = 0
    private var output = ""
    private var flushScheduled = false
    private var lastDraw: ContinuousClock.Instant?

    init(live: Bool, total: Int) {
        self.live = live
        self.total = total
    }

    func handle(_ event: RunEvent) {
        switch event {
        case .started(let job, _):
            if live { running.append(Self.name(job)) }
        case .finished(let job, let attempt):
            if live {
                let name = Self.name(job)
                if let index = running.firstIndex(of: name) { running.remove(at: index) }
            }
            finished += 1
            if attempt.outcome == .passed { passed += 1 } else { failed += 1 }
            if live {
                if attempt.outcome != .passed { Terminal.writeError("\r\u{1B}[2K" + Self.line(job, attempt) + "\n") }
            } else {
                output += Self.line(job, attempt)
                output += "\n"
                if output.utf8.count >= 32 * 1024 {
                    flush()
                } else if !flushScheduled {
                    flushScheduled = true
                    _Concurrency.Task {
                        try? await _Concurrency.Task.sleep(for: .milliseconds(100))
                        self.flush()
                    }
                }
            }
        }
        if live {
            let now = ContinuousClock.now
            if lastDraw.map({ now - $0 >= .milliseconds(50) }) ?? true {
                lastDraw = now
                draw()
            }
        }
    }

    /// `passed       B1 gate 1  make test  0.4s  (message)`
    static func line(_ job: GateJob, _ attempt: AttemptRecord) -> String {
        let outcome = attempt.outcome?.rawValue ?? "unknown"
        var line = outcome.count >= 12 ? String(outcome.prefix(12)) : outcome + String(repeating: " ", count: 12 - outcome.count)
        line += " "
        line += name(job)
        line += "  "
        line += job.gateText
        line += "  "
        if let ended = attempt.endedAt {
            let tenths = max(0, Int((ended.timeIntervalSince(attempt.startedAt) * 10).rounded()))
            line += "\(tenths / 10).\(tenths % 10)s"
        }
        if let message = attempt.message { line += "  (\(message))" }
        return line
    }

    private func flush() {
        flushScheduled = false
        guard !output.isEmpty else { return }
        Terminal.write(output)
        output = ""
    }

    private func draw() {
        let elapsed = ContinuousClock.now - started
        let names = running.prefix(4).concatenated(separator: ", ") + (running.count > 4 ? ", …" : "")
        Terminal.writeError("\r\u{1B}[2K[\(elapsed.formatted(.time(pattern: .minuteSecond)))] \(finished)/\(total) done, \(passed) passed, \(failed) failed  running: \(names)")
    }

    func finish() {
        flush()
        if live { Terminal.writeError("\r\u{1B}[2K") }
    }

    static func name(_ job: GateJob) -> String { "\(job.batchKey) gate \(job.gateIndex + 1)" }
}
