import Foundation
import GRDB
import Testing
@testable import BatonRunner

@Suite struct LedgerTests {
    let directory: TemporaryDirectory
    init() throws { directory = try TemporaryDirectory() }

    @Test func opensInWALModeWithNamedMigrations() async throws {
        let ledger = try Ledger.open(root: directory.path)
        #expect(ledger.path == directory.file(".baton/ledger.sqlite"))
        let (mode, migrations) = try await ledger.writer.read { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"),
             try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier"))
        }
        #expect(mode == "wal")
        #expect(migrations == ["v1-approvals", "v1-runs-attempts"])
        #expect(try await ledger.integrityCheck() == ["ok"])
    }

    @Test func readersDoNotCreateALedger() throws {
        #expect(try Ledger.openIfExists(root: directory.path) == nil)
        #expect(!FileManager.default.fileExists(atPath: directory.file(".baton")))
        _ = try Ledger.open(root: directory.path)
        #expect(try Ledger.openIfExists(root: directory.path)?.path == directory.file(".baton/ledger.sqlite"))
    }

    @Test func corruptLedgerIsReportedAndLeftUntouched() throws {
        try FileManager.default.createDirectory(atPath: directory.file(".baton"), withIntermediateDirectories: true)
        let garbage = String(repeating: "this is not a database\n", count: 400)
        try directory.write(".baton/ledger.sqlite", garbage)
        #expect {
            _ = try Ledger.open(root: directory.path)
        } throws: { error in
            guard case let .corruptLedger(path, _) = error as? BatonRunnerError else { return false }
            return path == directory.file(".baton/ledger.sqlite")
                && (error as! BatonRunnerError).description.contains("leaves it untouched")
        }
        #expect(try directory.read(".baton/ledger.sqlite") == garbage)
    }

    @Test func batonPathThatIsNotADirectoryIsReported() throws {
        try directory.write(".baton", "a file where a folder should be")
        #expect(throws: BatonRunnerError.notWritable(path: directory.file(".baton"),
                                                     reason: "it exists but is not a directory")) {
            _ = try Ledger.open(root: directory.path)
        }
    }

    /// A crash leaves a started attempt with no end. Simulated honestly: the row is written the way
    /// a run writes it and the process "dies" (the handle is dropped without ending it), then a new
    /// process resumes from the file alone.
    @Test func resumeAfterACrashMarksTheUnfinishedAttemptAndRunsOnlyWhatIsLeft() async throws {
        let jobs = [
            directory.job("A", "echo a | tee -a ran.txt"),
            directory.job("B", "echo b | tee -a ran.txt", dependsOn: ["A"]),
            directory.job("C", "echo c | tee -a ran.txt", dependsOn: ["B"]),
        ]
        let runID = "20261121T000000Z-dead"
        do {
            // The first "process": runs A, starts B, then dies holding the lock.
            let lock = try RunLock.acquire(root: directory.path)
            let ledger = try Ledger.open(root: directory.path)
            try await ledger.beginRun(RunRecord(id: runID, planPath: "plan.md", startedAt: Date(), pid: 999_999,
                                                argv: ["baton", "run"], git: GitFacts.none))
            let context = AttemptContext(root: directory.path, ledger: ledger, options: RunOptions(),
                                         planPath: "plan.md", runID: runID, git: GitFacts.none,
                                         logDirectory: ".baton/logs/\(runID)", environment: GateEnvironment(),
                                         onEvent: { _ in })
            try FileManager.default.createDirectory(atPath: directory.file(".baton/logs/\(runID)"),
                                                    withIntermediateDirectories: true)
            var pending: AttemptContext.PendingEnd?
            let a = try await context.run(jobs[0], logPath: ".baton/logs/\(runID)/A-0.log", pending: &pending)
            #expect(a.outcome == .passed)
            try await context.flush(&pending)
            _ = try await ledger.recordStart(AttemptRecord(runID: runID, planPath: "plan.md", job: jobs[1],
                                                           git: GitFacts.none, startedAt: Date(),
                                                           logPath: ".baton/logs/\(runID)/B-0.log"))
            withExtendedLifetime(lock) {}
        }

        let ledger = try Ledger.open(root: directory.path)
        let summary = try await GateRunner(root: directory.path, ledger: ledger)
            .resume(runID: runID, jobs: jobs, git: GitFacts.none)
        #expect(summary.interruptedOnResume == 1)
        #expect(summary.alreadyPassed == 1)
        #expect(summary.allPassed)
        #expect(try directory.read("ran.txt") == "a\nb\nc\n")

        let attempts = try await ledger.attempts(runID: runID)
        #expect(attempts.map { "\($0.batchKey):\($0.outcome!.rawValue)" } == [
            "A:passed", "B:interrupted", "B:passed", "C:passed",
        ])
        #expect(attempts.allSatisfy { $0.endedAt != nil })
        #expect(Set(attempts.compactMap(\.id)).count == attempts.count)
        // The retry of B does not overwrite the interrupted attempt's log.
        #expect(attempts[2].logPath == ".baton/logs/\(runID)/B-0.2.log")
        #expect(try await ledger.run(id: runID)?.endedAt != nil)
        #expect(try await ledger.integrityCheck() == ["ok"])

        // Resuming again finds nothing left to do.
        let again = try await GateRunner(root: directory.path, ledger: ledger)
            .resume(runID: runID, jobs: jobs, git: GitFacts.none)
        #expect(again.attempts.isEmpty)
        #expect(again.alreadyPassed == 3)
        #expect(again.allPassed)
    }

    @Test func resumingAnUnknownRunFails() async throws {
        let ledger = try Ledger.open(root: directory.path)
        await #expect(throws: BatonRunnerError.unknownRun(id: "nope")) {
            try await GateRunner(root: directory.path, ledger: ledger).resume(runID: "nope", jobs: [])
        }
    }

    @Test func evidenceTellsVerifiedFromClaimed() async throws {
        let ledger = try Ledger.open(root: directory.path)
        let runner = GateRunner(root: directory.path, ledger: ledger)
        let treeOne = GitFacts(commit: "c1", tree: "t1", dirty: false)
        let gates: [(text: String, isManual: Bool)] = [("true", false), ("Reviewed", true)]
        _ = try await runner.run(jobs: [directory.job("A", "true")], planPath: "plan.md", git: treeOne)

        #expect(try await ledger.verification(planPath: "plan.md", batchKey: "A", gates: gates, currentTree: "t1")
            == .unproven(missing: [GateID(batchKey: "A", gateIndex: 1)]))
        try await ledger.approve(planPath: "plan.md", batchKey: "A", gateIndex: 1, gateText: "Reviewed", by: "ana",
                                 note: "looked at the diff")
        #expect(try await ledger.verification(planPath: "plan.md", batchKey: "A", gates: gates, currentTree: "t1")
            == .verified)
        // The tree changed since: the pass no longer proves anything.
        #expect(try await ledger.verification(planPath: "plan.md", batchKey: "A", gates: gates, currentTree: "t2")
            == .unproven(missing: [GateID(batchKey: "A", gateIndex: 0)]))
        // The gate's text changed in the plan: old attempts do not count.
        #expect(try await ledger.verification(planPath: "plan.md", batchKey: "A",
                                              gates: [("swift test", false)], currentTree: "t1")
            == .unproven(missing: [GateID(batchKey: "A", gateIndex: 0)]))
        #expect(try await ledger.verification(planPath: "plan.md", batchKey: "A", gates: [], currentTree: "t1")
            == .noGates)

        // A later failure on the same tree wins over the earlier pass.
        _ = try await runner.run(jobs: [directory.job("A", "true"), directory.job("B", "exit 1")],
                                 planPath: "plan.md", git: treeOne)
        let latest = try await ledger.latestAttempts(planPath: "plan.md")
        #expect(latest.map { "\($0.batchKey):\($0.outcome!.rawValue)" } == ["A:passed", "B:failed"])
        let approvals = try await ledger.approvals(planPath: "plan.md")
        #expect(approvals.first?.approvedBy == "ana")
        #expect(approvals.first?.note == "looked at the diff")
    }

    @Test func finishedAttemptsSurviveReopeningWhileAnotherHandleIsOpen() async throws {
        let first = try Ledger.open(root: directory.path)
        _ = try await GateRunner(root: directory.path, ledger: first)
            .run(jobs: [directory.job("A", "true")], planPath: "plan.md", git: GitFacts.none)
        // A second reader (e.g. `baton evidence` during a run) sees the committed rows.
        let second = try Ledger(path: first.path)
        #expect(try await second.latestAttempts(planPath: "plan.md").count == 1)
    }
}
