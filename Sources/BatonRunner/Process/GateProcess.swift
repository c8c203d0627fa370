#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Subprocess
#if canImport(System)
import System
#else
import SystemPackage
#endif

/// Runs one command as the leader of its own process group under a ``WatchdogLimits`` watchdog.
///
/// Standard output and error share one pipe; each chunk is written to the log file, hashed and
/// noted for the watchdog as it arrives. When the leader exits, whatever is left of its group is
/// killed, so no process of a gate outlives it.
public struct GateProcess: Sendable {
    /// What happened to the process.
    public struct Result: Sendable, Hashable {
        public var outcome: AttemptOutcome
        public var exitCode: Int32?
        public var signal: Int32?
        public var pid: Int32?
        /// Why the watchdog ended it, or why it never started.
        public var message: String?
        public var log: LogDigest
        /// False when the gate printed nothing: no empty log file is left behind.
        public var logWritten: Bool
        public var startedAt: Date
        public var endedAt: Date
    }

    public var argv: [String]
    public var workingDirectory: String
    public var logPath: String
    public var limits: WatchdogLimits
    public var environment: GateEnvironment

    public init(argv: [String], workingDirectory: String, logPath: String, limits: WatchdogLimits,
                environment: GateEnvironment = GateEnvironment()) {
        self.argv = argv
        self.workingDirectory = workingDirectory
        self.logPath = logPath
        self.limits = limits
        self.environment = environment
    }

    private struct Captured: Sendable {
        var log: LogDigest
        var written: Bool
    }

    private enum Piece: Sendable {
        case exited(TerminationStatus, pid: Int32, Captured)
        case failed(any Error)
        case watchdog(WatchdogExpiry?)
    }

    /// Runs the process to its end. A gate that fails, stalls or cannot start is a result; this
    /// throws only when the log file cannot be written.
    public func run() async throws -> Result {
        let startedAt = Date()
        let activity = GateActivity()
        let (spawns, spawnSink) = AsyncStream<Int32>.makeStream()
        let watchdog = Watchdog(limits: limits, activity: activity)
        var options = PlatformOptions()
        // 0: the child leads a new group whose id is its pid (POSIX_SPAWN_SETPGROUP), so
        // kill(-pid) reaches every process the gate starts, and a terminal's ^C reaches Baton only.
        options.processGroupID = 0
        let configuration = Configuration(
            executable: .path(FilePath(argv[0])),
            arguments: Arguments(Array(argv.dropFirst())),
            environment: .custom(environment.rows),
            workingDirectory: FilePath(workingDirectory),
            platformOptions: options)
        let logPath = logPath

        var status: TerminationStatus?
        var pid: Int32?
        var captured: Captured?
        var failure: (any Error)?
        var expiry: WatchdogExpiry?
        await withTaskGroup(of: Piece.self) { group in
            group.addTask {
                do {
                    let result = try await Subprocess.run(
                        configuration, input: .none, output: .sequence, error: .combinedWithOutput
                    ) { execution in
                        activity.noteSpawned()
                        spawnSink.yield(execution.processIdentifier.value)
                        spawnSink.finish()
                        var recorder = OutputRecorder(path: logPath)
                        // Ends at EOF, or when the leader exits even if a grandchild holds the pipe.
                        for try await chunk in execution.standardOutput {
                            activity.noteOutput()
                            try chunk.withUnsafeBytes { bytes throws(BatonRunnerError) in try recorder.append(bytes) }
                        }
                        let log = recorder.finish()
                        return Captured(log: log, written: recorder.createdFile)
                    }
                    return .exited(result.terminationStatus, pid: result.processIdentifier.value, result.closureResult)
                } catch {
                    spawnSink.finish()
                    return .failed(error)
                }
            }
            group.addTask { .watchdog(await watchdog.watch(spawns: spawns)) }
            while let piece = await group.next() {
                switch piece {
                case let .exited(terminationStatus, leader, output):
                    status = terminationStatus
                    pid = leader
                    captured = output
                    group.cancelAll()
                case let .failed(error):
                    failure = error
                    group.cancelAll()
                case let .watchdog(result):
                    expiry = result
                    // A start deadline that expired: stop waiting for the spawn.
                    if case .notStarted = result { group.cancelAll() }
                }
            }
        }
        if let pid {
            // The leader is gone; anything still in its group (a backgrounded grandchild) goes too.
            _ = kill(-pid, SIGKILL)
        }
        if let error = failure as? BatonRunnerError { throw error }

        var result = Result(outcome: .failed, exitCode: nil, signal: nil, pid: pid, message: nil, log: .empty,
                            logWritten: false, startedAt: startedAt, endedAt: Date())
        switch status {
        case let .exited(code):
            result.exitCode = code
            result.outcome = code == 0 ? .passed : .failed
        case let .signaled(signal):
            result.signal = signal
        case nil:
            // Never ran: say why in the log too, where people look first.
            let reason = failure.map { "\($0)" } ?? "unknown error"
            result.message = "cannot start: \(reason)"
            var recorder = OutputRecorder(path: logPath)
            try recorder.append("baton: cannot start \(argv.joined(separator: " ")): \(reason)\n")
            captured = Captured(log: recorder.finish(), written: true)
        }
        if let captured {
            result.log = captured.log
            result.logWritten = captured.written
        }
        if let expiry {
            result.outcome = expiry.outcome
            result.message = expiry.message
        }
        return result
    }
}
