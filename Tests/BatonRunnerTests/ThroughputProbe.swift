import Foundation
import Testing
@testable import BatonRunner

/// Not timed tests: print how long N trivial gates take when `BATON_PROBE_GATES=N` (independent)
/// or `BATON_PROBE_CHAIN=N` (each depending on the previous) is set.
@Suite struct ThroughputProbe {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["BATON_PROBE_GATES"] != nil))
    func trivialGates() async throws {
        let count = Int(ProcessInfo.processInfo.environment["BATON_PROBE_GATES"] ?? "") ?? 2000
        let directory = try TemporaryDirectory()
        let ledger = try Ledger.open(root: directory.path)
        let jobs = (0..<count).map { directory.job("B\($0)", "true") }
        let start = ContinuousClock.now
        let summary = try await GateRunner(root: directory.path, ledger: ledger, options: RunOptions(parallelism: 2))
            .run(jobs: jobs, planPath: "plan.md", git: GitFacts.none)
        print("\(count) `true` gates, -j 2: \(ContinuousClock.now - start), all passed: \(summary.allPassed)")
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["BATON_PROBE_CHAIN"] != nil))
    func chainOfTrivialGates() async throws {
        let count = Int(ProcessInfo.processInfo.environment["BATON_PROBE_CHAIN"] ?? "") ?? 200
        let directory = try TemporaryDirectory()
        let ledger = try Ledger.open(root: directory.path)
        let jobs = (0..<count).map { directory.job("B\($0)", "true", dependsOn: $0 == 0 ? [] : ["B\($0 - 1)"]) }
        let start = ContinuousClock.now
        let summary = try await GateRunner(root: directory.path, ledger: ledger, options: RunOptions(parallelism: 2))
            .run(jobs: jobs, planPath: "plan.md", git: GitFacts.none)
        print("chain of \(count) `true` gates, -j 2: \(ContinuousClock.now - start), all passed: \(summary.allPassed)")
    }
}
