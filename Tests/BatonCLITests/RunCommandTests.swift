import BatonRunner
import Foundation
import GRDB
import Testing

@Suite(.serialized) struct RunCommandTests {
    private func plan(in directory: URL, _ text: String) throws {
        try text.write(to: directory.appendingPathComponent("PLAN.md"), atomically: true, encoding: .utf8)
    }

    @Test func passingFailingAndSkippedGatesAreRecorded() throws {
        let directory = try BatonProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try plan(in: directory, """
        ## Batch B1: Build
        - Gate: `echo built`
        ## Batch B2: Test
        - Depends on: B1
        - Gate: `no-such-command-xyz`
        ## Batch B3: Ship
        - Depends on: B2
        - Gate: `true`
        """)
        let result = try BatonProcess.run(["run", "--all"], in: directory)
        #expect(result.status == 1)
        #expect(result.stdout.contains("passed       B1 gate 1"))
        #expect(result.stdout.contains("failed       B2 gate 1"))
        #expect(result.stdout.contains("skipped      B3 gate 1"))
        let log = try BatonProcess.run(["log", "B2"], in: directory)
        #expect(log.status == 0)
        #expect(log.stdout.contains("not found"))
        let evidence = try BatonProcess.run(["evidence", "B1", "--format", "json"], in: directory)
        #expect(evidence.stdout.contains("\"outcome\":\"passed\""))
        let show = try BatonProcess.run(["show", "--format", "json"], in: directory)
        #expect(show.status == 0)
        let only = try BatonProcess.run(["run", "B1"], in: directory)
        #expect(only.status == 0)
    }

    /// Baton starts itself again with glibc's allocator tuned (AllocatorTuning); gates must not inherit that,
    /// and see the `GLIBC_TUNABLES` Baton was given, if any.
    @Test func gatesDoNotInheritTheAllocatorTuning() throws {
        let directory = try BatonProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let given = ProcessInfo.processInfo.environment["GLIBC_TUNABLES"] ?? "unset"
        try plan(in: directory, """
        ## Batch B1: Environment
        - Gate: `sh -c 'test -z "$BATON_ALLOCATOR_TUNED" && test "${GLIBC_TUNABLES-unset}" = "\(given)"'`
        """)
        let result = try BatonProcess.run(["run", "B1"], in: directory)
        #expect(result.status == 0)
        #expect(result.stdout.contains("passed       B1 gate 1"))
    }

    /// The tuning is seen from a gate in its parent, Baton. Every start grows a thread's heap 64 MiB at once
    /// (`top_pad`, set in process: one whole writable 64 MiB mapping, or a multiple where the kernel joined the
    /// heaps of two threads that lie side by side); a plan of a megabyte or more starts
    /// Baton again with glibc's tunables, which grow even the first heap (`[heap]`) 64 MiB at once, and the
    /// process is still named `baton` (a start as /proc/self/exe would name it `exe`). A `GLIBC_TUNABLES`
    /// the user set, even empty, turns all tuning off.
    @Test(arguments: [(large: false, tuned: true), (large: true, tuned: true), (large: false, tuned: false)])
    func allocatorIsTunedUnlessTheUserSetTunables(large: Bool, tuned: Bool) throws {
        let directory = try BatonProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let threadHeap = """
        found=1; while read -r range perms rest; do size=$((0x${range#*-} - 0x${range%-*})); [ "$perms" = rw-p ] && [ $size -gt 0 ] && [ $((size % 67108864)) -eq 0 ] && found=0; done < /proc/$PPID/maps; exit $found
        """
        let firstHeap = "r=$(grep -F '[heap]' /proc/$PPID/maps | cut -d' ' -f1); test $((0x${r#*-} - 0x${r%-*})) -ge 67108864"
        let name = "test \"$(cat /proc/$PPID/comm)\" = baton"
        // Paragraphs after the batch make the plan large without adding batches.
        let filler = large ? String(repeating: "Filler text that makes the plan large. ", count: 28_000) : ""
        try plan(in: directory, """
        ## Batch B1: Tuned
        - Gate: `\(name)`
        - Gate: `\(large ? firstHeap : threadHeap)`
        - Gate: `true`

        \(filler)
        """)
        let result = try BatonProcess.run(["run", "PLAN.md", "B1"], in: directory, environment: ["GLIBC_TUNABLES": tuned ? nil : ""])
        #expect(result.status == (tuned ? 0 : 1), "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("passed       B1 gate 1"))
        #expect(result.stdout.contains(tuned ? "passed       B1 gate 2" : "failed       B1 gate 2"))
        // Gates are numbered from 1 wherever Baton names them.
        #expect(result.stdout.contains(tuned ? "passed       B1 gate 3" : "(not started: gate 2 of this batch did not pass)"))
    }

    @Test func batchesWithoutGatesRunNothing() throws {
        let directory = try BatonProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try plan(in: directory, "## Batch B1: Think\n- Status: todo\n")
        let result = try BatonProcess.run(["run", "--all"], in: directory)
        #expect(result.status == 1)
        #expect(result.stderr.contains("have no gates; nothing to run"))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent(".baton").path))
    }

    @Test func corruptLedgerIsNamedAndLeftAlone() throws {
        let directory = try BatonProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try plan(in: directory, "## Batch B1: Build\n- Status: done\n- Gate: `true`\n")
        let ledger = directory.appendingPathComponent(".baton/ledger.sqlite")
        try FileManager.default.createDirectory(at: ledger.deletingLastPathComponent(), withIntermediateDirectories: true)
        let garbage = Data("not a database at all, but someone's data".utf8)
        try garbage.write(to: ledger)
        let run = try BatonProcess.run(["run", "--all"], in: directory)
        #expect(run.status == 1)
        #expect(run.stderr.contains("\(ledger.lastPathComponent)") && run.stderr.contains("not a readable SQLite database"))
        let show = try BatonProcess.run(["show"], in: directory)
        #expect(show.status == 0)
        #expect(show.stdout.contains("claimed"))
        #expect(try Data(contentsOf: ledger) == garbage)
    }

    @Test func killedRunResumesWithEveryAttemptOnce() async throws {
        let directory = try BatonProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // The first time B2 runs it leaves a flag and hangs; after the kill, it passes.
        try plan(in: directory, """
        ## Batch B1: First
        - Gate: `true`
        ## Batch B2: Hangs once
        - Depends on: B1
        - Gate: `test -f flag && exit 0; touch flag; sleep 60`
        ## Batch B3: Last
        - Depends on: B2
        - Gate: `true`
        """)
        let process = Process()
        process.executableURL = BatonProcess.executable
        process.arguments = ["run", "--all"]
        process.currentDirectoryURL = directory
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let flag = directory.appendingPathComponent("flag")
        let deadline = Date().addingTimeInterval(30)
        while !FileManager.default.fileExists(atPath: flag.path), Date() < deadline { try await _Concurrency.Task.sleep(for: .milliseconds(20)) }
        #expect(FileManager.default.fileExists(atPath: flag.path))

        let second = try BatonProcess.run(["run", "--all"], in: directory)
        #expect(second.status == 1)
        #expect(second.stderr.contains("\(process.processIdentifier)"))

        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let resumed = try BatonProcess.run(["run", "--resume"], in: directory)
        #expect(resumed.status == 0, "\(resumed.stderr)")

        let database = try DatabaseQueue(path: directory.appendingPathComponent(".baton/ledger.sqlite").path)
        let rows = try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT batch_key, outcome FROM attempts ORDER BY id").map { "\($0["batch_key"] as String):\($0["outcome"] as String? ?? "nil")" }
        }
        #expect(rows == ["B1:passed", "B2:interrupted", "B2:passed", "B3:passed"])
        let integrity = try await database.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") }
        #expect(integrity == "ok")
    }
}
