import Foundation
import GRDB
import PlanKit
import Testing
@testable import BatonRunner

/// Counts gates running at once and remembers the order of events.
actor EventLog {
    private(set) var running = 0
    private(set) var maxRunning = 0
    private(set) var events: [String] = []
    private var started = Set<GateID>()

    func record(_ event: RunEvent) {
        switch event {
        case let .started(job, _):
            started.insert(job.gateID)
            running += 1
            maxRunning = max(maxRunning, running)
            events.append("start \(job.batchKey)")
        case let .finished(job, _):
            if started.remove(job.gateID) != nil { running -= 1 }
            events.append("end \(job.batchKey)")
        }
    }

    func index(of event: String) -> Int? { events.firstIndex(of: event) }
}

@Suite struct GateRunnerTests {
    let directory: TemporaryDirectory
    let ledger: Ledger
    init() throws {
        directory = try TemporaryDirectory()
        ledger = try Ledger.open(root: directory.path)
    }

    func runner(parallelism: Int = 1, keepGoing: Bool = false) -> GateRunner {
        GateRunner(root: directory.path, ledger: ledger,
                   options: RunOptions(parallelism: parallelism, keepGoing: keepGoing))
    }

    func outcomes(_ summary: RunSummary) -> [String: AttemptOutcome] {
        Dictionary(summary.attempts.map { ("\($0.batchKey)#\($0.gateIndex)", $0.outcome!) }, uniquingKeysWith: { $1 })
    }

    @Test(arguments: [1, 2, 3])
    func parallelismNeverExceedsTheLimitAndReachesIt(limit: Int) async throws {
        let log = EventLog()
        // Long enough that the first gate is still running when the last of a full slot set starts,
        // even on a loaded machine.
        let jobs = (1...4).map { directory.job("B\($0)", "sleep 0.5") }
        let summary = try await runner(parallelism: limit).run(jobs: jobs, planPath: "plan.md", git: GitFacts.none) {
            await log.record($0)
        }
        #expect(summary.allPassed)
        #expect(await log.maxRunning == limit)
    }

    @Test func dependentsStartOnlyAfterTheirDependenciesPassed() async throws {
        let log = EventLog()
        let jobs = [
            directory.job("C", "true", dependsOn: ["B"]),
            directory.job("B", "sleep 0.2", dependsOn: ["A"]),
            directory.job("A", "sleep 0.2"),
            directory.job("D", "true"),
        ]
        let summary = try await runner(parallelism: 4).run(jobs: jobs, planPath: "plan.md", git: GitFacts.none) {
            await log.record($0)
        }
        #expect(summary.allPassed)
        let endA = try #require(await log.index(of: "end A"))
        let startB = try #require(await log.index(of: "start B"))
        let endB = try #require(await log.index(of: "end B"))
        let startC = try #require(await log.index(of: "start C"))
        #expect(endA < startB)
        #expect(endB < startC)
        let stored = try await ledger.attempts(runID: summary.runID)
        let byKey = Dictionary(uniqueKeysWithValues: stored.map { ($0.batchKey, $0) })
        #expect(try #require(byKey["B"]?.startedAt) >= (try #require(byKey["A"]?.endedAt)))
    }

    @Test func failedBatchSkipsItsDependentsAndStopsTheRun() async throws {
        let jobs = [
            directory.job("A", "exit 3"),
            directory.job("B", "true", dependsOn: ["A"]),
            directory.job("C", "true", dependsOn: ["B"]),
            directory.job("D", "true", dependsOn: ["X-not-selected"]),
        ]
        let summary = try await runner(parallelism: 1).run(jobs: jobs, planPath: "plan.md", git: GitFacts.none)
        let outcomes = outcomes(summary)
        #expect(outcomes["A#0"] == .failed)
        #expect(outcomes["B#0"] == .skipped)
        #expect(outcomes["C#0"] == .skipped)
        // -j 1 and no --keep-going: D had not started when A failed.
        #expect(outcomes["D#0"] == .skipped)
        #expect(!summary.allPassed)
        #expect(summary.attempts.count == 4)
    }

    @Test func keepGoingRunsWhatDoesNotDependOnTheFailure() async throws {
        let jobs = [
            directory.job("A", "exit 3"),
            directory.job("B", "true", dependsOn: ["A"]),
            directory.job("D", "true"),
        ]
        let outcomes = outcomes(try await runner(keepGoing: true).run(jobs: jobs, planPath: "plan.md", git: GitFacts.none))
        #expect(outcomes == ["A#0": .failed, "B#0": .skipped, "D#0": .passed])
    }

    @Test func gatesOfABatchRunInOrderAndStopAtTheFirstFailure() async throws {
        let jobs = [
            directory.job("A", "echo second >> order.txt; exit 1", gate: 1),
            directory.job("A", "echo first >> order.txt", gate: 0),
            directory.job("A", "echo third >> order.txt", gate: 2),
        ]
        let outcomes = outcomes(try await runner().run(jobs: jobs, planPath: "plan.md", git: GitFacts.none))
        #expect(outcomes == ["A#0": .passed, "A#1": .failed, "A#2": .skipped])
        #expect(try directory.read("order.txt") == "first\nsecond\n")
    }

    @Test func unrunnableGatesAreRecordedButNeverPassed() async throws {
        let jobs = [
            GateJob(batchKey: "A", gateIndex: 0, gateText: "tests/test_a.py", kind: .testFile, command: nil,
                    workingDirectory: directory.path),
            GateJob(batchKey: "A", gateIndex: 1, gateText: "Reviewed by security", kind: .manual, command: nil,
                    workingDirectory: directory.path),
            directory.job("B", "true", dependsOn: ["A"]),
        ]
        let summary = try await runner().run(jobs: jobs, planPath: "plan.md", git: GitFacts.none)
        #expect(outcomes(summary) == ["A#0": .notRunnable, "A#1": .notRunnable, "B#0": .passed])
        #expect(!summary.allPassed)
    }

    @Test func attemptsCarryLogsHashesAndGitFacts() async throws {
        let git = GitFacts(commit: "c0ffee", tree: "7ree", dirty: true)
        let summary = try await runner().run(
            jobs: [directory.job("B 1/x", "echo hello")], planPath: "plan.md", git: git)
        let attempt = try #require(try await ledger.attempts(runID: summary.runID).first)
        #expect(attempt.logPath == ".baton/logs/\(summary.runID)/B_1_x-0.log")
        #expect(try directory.read(attempt.logPath!) == "hello\n")
        #expect(attempt.logSize == 6)
        // printf 'hello\n' | sha256sum
        #expect(attempt.logSHA256 == "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03")
        #expect(attempt.gitCommit == "c0ffee")
        #expect(attempt.gitTree == "7ree")
        #expect(attempt.gitDirty == true)
        #expect(attempt.command == "/bin/sh -c 'echo hello'")
        #expect(attempt.cwd == directory.path)
        #expect(attempt.exitCode == 0)
        #expect(attempt.tail == "hello")
        #expect(try #require(attempt.endedAt) >= attempt.startedAt)
        let types = try ledger.writer.read { db in
            try Row.fetchOne(db, sql: "SELECT typeof(started_at) AS s, typeof(ended_at) AS e FROM attempts")
        }
        #expect(types?["s"] == "real" && types?["e"] == "real")
    }

    @Test func gatesSeeTheirRunBatchAndGateInTheEnvironment() async throws {
        let runner = GateRunner(root: directory.path, ledger: ledger,
                                options: RunOptions(environment: ["EXTRA": "yes", "HOME": "/nowhere"]))
        let summary = try await runner.run(
            jobs: [directory.job("B7", "echo $BATON_RUN_ID $BATON_BATCH $BATON_GATE $EXTRA $HOME; test -n \"$PATH\"", gate: 0)],
            planPath: "plan.md", runID: "env-run", git: GitFacts.none)
        #expect(summary.attempts.first?.tail == "env-run B7 0 yes /nowhere")
        #expect(summary.allPassed)
    }

    @Test func artifactsOfAPassingAttemptAreHashed() async throws {
        try FileManager.default.createDirectory(atPath: directory.file("dist"), withIntermediateDirectories: true)
        let job = directory.job("A", "printf abc > dist/a.bin; printf xyz > report.txt", artifacts: ["dist", "*.txt"])
        let summary = try await runner().run(jobs: [job], planPath: "plan.md", git: GitFacts.none)
        let attempt = try #require(summary.attempts.first)
        let artifacts = try await ledger.artifacts(attemptID: try #require(attempt.id))
        #expect(artifacts.map(\.path) == ["dist/a.bin", "report.txt"])
        // printf abc | sha256sum
        #expect(artifacts.first?.sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(artifacts.map(\.size) == [3, 3])
    }

    @Test func aRunRefusesToStartWhileAnotherHoldsTheLock() async throws {
        let held = try RunLock.acquire(root: directory.path)
        await #expect(throws: BatonRunnerError.locked(lockPath: held.path, ownerPID: getpid())) {
            try await runner().run(jobs: [directory.job("A", "true")], planPath: "plan.md", git: GitFacts.none)
        }
    }

    @Test func cancellingARunRecordsTheRunningGateAsInterrupted() async throws {
        let jobs = [directory.job("A", "echo $$ > a.pid; exec sleep 1000"), directory.job("B", "true", dependsOn: ["A"])]
        let runner = runner()
        let run = _Concurrency.Task { try await runner.run(jobs: jobs, planPath: "plan.md", runID: "cancelled", git: GitFacts.none) }
        // The shell creates the file before it writes the pid into it: wait for the pid.
        #expect(await eventually(within: 10) { Int32((try? directory.read("a.pid"))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "") != nil })
        run.cancel()
        _ = try? await run.value
        let attempts = try await ledger.attempts(runID: "cancelled")
        #expect(attempts.map { "\($0.batchKey):\($0.outcome?.rawValue ?? "running")" } == ["A:interrupted", "B:skipped"])
        let pid = try #require(Int32(directory.read("a.pid").trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(await eventually(within: 5) { !processIsAlive(pid) })
        #expect(try await ledger.run(id: "cancelled")?.endedAt != nil)
    }

    @Test func manyTrivialGatesAreCheap() async throws {
        let jobs = (0..<200).map { directory.job("B\($0)", "true") }
        let start = ContinuousClock.now
        let summary = try await runner(parallelism: 2).run(jobs: jobs, planPath: "plan.md", git: GitFacts.none)
        let elapsed = ContinuousClock.now - start
        #expect(summary.allPassed)
        #expect(summary.attempts.count == 200)
        print("200 `true` gates with -j 2: \(elapsed)")
    }
}
