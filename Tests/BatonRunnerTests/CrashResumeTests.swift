#if canImport(Glibc)
import Glibc
#endif
import Foundation
import PlanKit
import Subprocess
import Testing
@testable import BatonRunner

/// A real `kill -9` in the middle of a run: this test binary re-runs itself as the helper that
/// runs the gates (`CrashHelper` below), kills it while a gate is running, and resumes.
@Suite struct CrashResumeTests {
    static let rootVariable = "BATON_CRASH_HELPER_ROOT"

    /// A passes; B blocks until killed (or passes at once after the crash); C needs B.
    static func jobs(in root: String) -> [GateJob] {
        let directory = root
        func job(_ key: String, _ script: String, _ dependsOn: [String]) -> GateJob {
            GateJob(batchKey: key, gateIndex: 0, gateText: script, kind: .command, command: ["/bin/sh", "-c", script],
                    workingDirectory: directory, dependencies: dependsOn)
        }
        return [
            job("A", "echo a >> ran.txt", []),
            job("B", "echo b >> ran.txt; [ -e resumed ] && exit 0; echo $$ > b.pid; exec sleep 1000", ["A"]),
            job("C", "echo c >> ran.txt", ["B"]),
        ]
    }

    @Test func killedRunLosesNoFinishedAttemptAndResumesExactlyOnce() async throws {
        let directory = try TemporaryDirectory()
        let executable = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        let bPID = directory.file("b.pid")
        let helper = try await Subprocess.run(
            // Through `exec` so the pid we kill is the helper's own (the test target cannot name a FilePath).
            .name("sh"),
            arguments: ["-c", "exec \"$0\" --testing-library swift-testing --filter CrashHelper", executable],
            environment: .inherit.updating([.init(stringLiteral: Self.rootVariable): directory.path]),
            input: .none, output: .discarded, error: .discarded
        ) { execution in
            let started = await eventually(within: 60) { FileManager.default.fileExists(atPath: bPID) }
            // kill -9: no chance to record anything more.
            _ = kill(execution.processIdentifier.value, SIGKILL)
            return started
        }
        #expect(helper.closureResult)
        #expect(helper.terminationStatus == .signaled(SIGKILL))
        // Baton's death does not end the gate's own process group: B still sleeps.
        let orphan = try #require(Int32(directory.read("b.pid").trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(processIsAlive(orphan))
        defer { _ = kill(-orphan, SIGKILL) }

        let ledger = try Ledger.open(root: directory.path)
        #expect(try await ledger.integrityCheck() == ["ok"])
        let run = try #require(try await ledger.latestRun(planPath: "crash.md"))
        #expect(run.endedAt == nil)
        let before = try await ledger.attempts(runID: run.id)
        #expect(before.map { "\($0.batchKey):\($0.outcome?.rawValue ?? "running")" } == ["A:passed", "B:running"])

        try directory.write("resumed", "")
        let summary = try await GateRunner(root: directory.path, ledger: ledger)
            .resume(runID: run.id, jobs: Self.jobs(in: directory.path), git: GitFacts.none)
        #expect(summary.interruptedOnResume == 1)
        #expect(summary.allPassed)
        // Resume ended the orphaned gate before running B again.
        #expect(await eventually(within: 5) { !processIsAlive(orphan) })

        let after = try await ledger.attempts(runID: run.id)
        #expect(after.map { "\($0.batchKey):\($0.outcome!.rawValue)" } == ["A:passed", "B:interrupted", "B:passed", "C:passed"])
        #expect(Set(after.compactMap(\.id)).count == after.count)
        #expect(try directory.read("ran.txt") == "a\nb\nb\nc\n")
        #expect(try await ledger.integrityCheck() == ["ok"])
    }
}

/// The helper process of ``CrashResumeTests``; does nothing in a normal test run.
@Suite struct CrashHelper {
    @Test(.enabled(if: ProcessInfo.processInfo.environment[CrashResumeTests.rootVariable] != nil))
    func runGatesUntilKilled() async throws {
        let root = try #require(ProcessInfo.processInfo.environment[CrashResumeTests.rootVariable])
        let ledger = try Ledger.open(root: root)
        _ = try await GateRunner(root: root, ledger: ledger)
            .run(jobs: CrashResumeTests.jobs(in: root), planPath: "crash.md", argv: ["baton", "run"], git: GitFacts.none)
    }
}
