#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
@testable import BatonRunner

@Suite struct GateProcessTests {
    let directory: TemporaryDirectory
    init() throws { directory = try TemporaryDirectory() }

    func run(_ script: String, limits: WatchdogLimits = WatchdogLimits()) async throws -> GateProcess.Result {
        try await GateProcess(argv: ["/bin/sh", "-c", script], workingDirectory: directory.path,
                              logPath: directory.file("gate.log"), limits: limits).run()
    }

    @Test func passingGateRecordsExitZeroAndItsOutput() async throws {
        let result = try await run("echo out; echo err >&2")
        #expect(result.outcome == .passed)
        #expect(result.exitCode == 0)
        #expect(result.signal == nil)
        #expect(try directory.read("gate.log") == "out\nerr\n")
        #expect(result.log.size == 8)
        #expect(result.log.tail == ["out", "err"])
        // sha256 of "out\nerr\n"
        #expect(result.logWritten)
        // printf 'out\nerr\n' | sha256sum
        #expect(result.log.sha256 == LogDigest.of(path: directory.file("gate.log"))?.sha256)
    }

    @Test func failingGateIsAResultNotAnError() async throws {
        let result = try await run("echo nope; exit 1")
        #expect(result.outcome == .failed)
        #expect(result.exitCode == 1)
        #expect(result.log.tail == ["nope"])
    }

    @Test func missingCommandFailsWithTheShellsMessageInTheLog() async throws {
        let result = try await run("definitely-not-a-command-baton-42")
        #expect(result.outcome == .failed)
        #expect(result.exitCode == 127)
        let log = try directory.read("gate.log")
        #expect(log.contains("definitely-not-a-command-baton-42"))
        #expect(log.contains("not found"))
    }

    @Test func signalEndingTheGateIsRecorded() async throws {
        let result = try await run("kill -USR1 $$")
        #expect(result.outcome == .failed)
        #expect(result.exitCode == nil)
        #expect(result.signal == SIGUSR1)
    }

    @Test func onlyTheLastTwentyLinesAreKept() async throws {
        let result = try await run("i=1; while [ $i -le 50 ]; do echo line $i; i=$((i+1)); done")
        #expect(result.log.tail.count == 20)
        #expect(result.log.tail.first == "line 31")
        #expect(result.log.tail.last == "line 50")
    }

    @Test func silentGateStallsAndKeepsItsLastLines() async throws {
        let start = ContinuousClock.now
        let result = try await run("echo starting; sleep 1000",
                                   limits: WatchdogLimits(stallTimeout: .seconds(1), gracePeriod: .seconds(1)))
        #expect(result.outcome == .stalled)
        #expect(result.signal == SIGTERM)
        #expect(result.log.tail == ["starting"])
        #expect(result.message?.contains("no output for 1s") == true)
        #expect(ContinuousClock.now - start < .seconds(10))
    }

    @Test func steadyOutputIsNotAStall() async throws {
        // Prints every 0.2 s for ~2.4 s with a 2 s stall timeout: never silent long enough.
        let result = try await run("for i in 1 2 3 4 5 6 7 8 9 10 11 12; do echo $i; sleep 0.2; done",
                                   limits: WatchdogLimits(stallTimeout: .seconds(2)))
        #expect(result.outcome == .passed)
    }

    @Test func gateRunningPastItsTimeoutIsTimedOut() async throws {
        let result = try await run("while true; do echo busy; sleep 0.1; done",
                                   limits: WatchdogLimits(stallTimeout: .seconds(60), timeout: .seconds(1),
                                                          gracePeriod: .seconds(1)))
        #expect(result.outcome == .timedOut)
        #expect(result.log.tail.last == "busy")
        #expect(result.message?.contains("longer than 1s") == true)
    }

    @Test func gateIgnoringSigtermIsKilledAfterTheGracePeriod() async throws {
        let start = ContinuousClock.now
        let result = try await run("trap '' TERM; echo stubborn; sleep 1000",
                                   limits: WatchdogLimits(stallTimeout: .milliseconds(500),
                                                          gracePeriod: .milliseconds(500)))
        #expect(result.outcome == .stalled)
        #expect(result.signal == SIGKILL)
        #expect(ContinuousClock.now - start < .seconds(10))
    }

    @Test func grandchildOfAStalledGateDoesNotOutliveIt() async throws {
        let result = try await run("sleep 1000 & echo $! > grandchild.pid; sleep 1000",
                                   limits: WatchdogLimits(stallTimeout: .seconds(1), gracePeriod: .seconds(1)))
        #expect(result.outcome == .stalled)
        let grandchild = try #require(Int32(directory.read("grandchild.pid").trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(await eventually(within: 5) { !processIsAlive(grandchild) })
    }

    @Test func backgroundChildLeftByAPassingGateIsKilled() async throws {
        let start = ContinuousClock.now
        let result = try await run("sleep 1000 & echo $! > leftover.pid; echo done")
        #expect(result.outcome == .passed)
        #expect(ContinuousClock.now - start < .seconds(10))
        let leftover = try #require(Int32(directory.read("leftover.pid").trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(await eventually(within: 5) { !processIsAlive(leftover) })
    }

    @Test func missingWorkingDirectoryFailsWithAMessage() async throws {
        let result = try await GateProcess(argv: ["/bin/sh", "-c", "true"], workingDirectory: directory.file("absent"),
                                           logPath: directory.file("gate.log"), limits: WatchdogLimits()).run()
        #expect(result.outcome == .failed)
        #expect(result.message?.contains("cannot start") == true)
        #expect(try directory.read("gate.log").contains("baton: cannot start"))
    }

    @Test func unwritableLogPathThrowsNamingIt() async throws {
        let path = directory.file("no-such-dir/gate.log")
        await #expect {
            try await GateProcess(argv: ["/bin/sh", "-c", "echo output"], workingDirectory: directory.path,
                                  logPath: path, limits: WatchdogLimits()).run()
        } throws: { error in
            guard case let .notWritable(failedPath, _) = error as? BatonRunnerError else { return false }
            return failedPath == path
        }
    }

    @Test func silentGateLeavesNoLogFile() async throws {
        let result = try await run("true")
        #expect(result.outcome == .passed)
        #expect(!result.logWritten)
        #expect(result.log == .empty)
        #expect(!FileManager.default.fileExists(atPath: directory.file("gate.log")))
    }

    @Test func outputAfterTheLeaderExitsIsNotWaitedFor() async throws {
        // The grandchild keeps the pipe open; the gate is over when its leader exits.
        let start = ContinuousClock.now
        let result = try await run("(sleep 1000; echo late) & echo early")
        #expect(result.outcome == .passed)
        #expect(result.log.tail == ["early"])
        #expect(ContinuousClock.now - start < .seconds(10))
    }

    @Test func gateInheritsNoDescriptorBeyondItsStandardThree() async throws {
        // Opened without close-on-exec, as a parent of Baton may leave one (Foundation's Process does).
        try directory.write("held.txt", "x")
        let held = open(directory.file("held.txt"), O_RDONLY)
        #expect(held > 2)
        defer { close(held) }
        let result = try await run("if [ -e /proc/$$/fd/\(held) ]; then echo leaked; else echo clean; fi")
        #expect(result.log.tail == ["clean"])
    }
}
