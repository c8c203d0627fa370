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
/// Output (stdout and stderr merged) goes straight from the child into the log file: no pipe, no
/// copy through Baton. The watchdog reads the log's modification time to see output, so it sleeps
/// until the next deadline instead of polling. When the leader exits, whatever is left of its group
/// is killed, so no process of a gate outlives it.
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

    private enum Piece: Sendable {
        case exited(TerminationStatus?, pid: Int32?, spawnError: String?)
        case watchdog(WatchdogExpiry?)
    }

    /// Runs the process to its end. Throws only when the log file cannot be created.
    /// - Parameter onStart: called with the pid once the process is spawned.
    public func run(onStart: @escaping @Sendable (Int32) async -> Void = { _ in }) async throws -> Result {
        let fd = open(logPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw BatonRunnerError.notWritable(path: logPath, reason: String(cString: strerror(errno)))
        }
        let startedAt = Date()
        let (pids, pidSink) = AsyncStream<Int32>.makeStream()
        let watchdog = Watchdog(limits: limits, logPath: logPath)
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

        var status: TerminationStatus?
        var spawnError: String?
        var expiry: WatchdogExpiry?
        var pid: Int32?
        await withTaskGroup(of: Piece.self) { group in
            group.addTask {
                do {
                    let result = try await Subprocess.run(
                        configuration, input: .none,
                        // Subprocess closes this fd and its stderr duplicate once the child has them.
                        output: .fileDescriptor(FileDescriptor(rawValue: fd), closeAfterSpawningProcess: true),
                        error: .combinedWithOutput
                    ) { execution in
                        pidSink.yield(execution.processIdentifier.value)
                        pidSink.finish()
                        await onStart(execution.processIdentifier.value)
                    }
                    return .exited(result.terminationStatus, pid: result.processIdentifier.value, spawnError: nil)
                } catch {
                    pidSink.finish()
                    return .exited(nil, pid: nil, spawnError: "\(error)")
                }
            }
            group.addTask { .watchdog(await watchdog.watch(pids: pids)) }
            while let piece = await group.next() {
                switch piece {
                case let .exited(terminationStatus, leader, error):
                    status = terminationStatus
                    pid = leader
                    spawnError = error
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
        if let spawnError {
            appendToLog("baton: cannot start \(argv.joined(separator: " ")): \(spawnError)\n")
        }
        let endedAt = Date()
        let digest = LogDigest.of(path: logPath) ?? .empty
        var result = Result(outcome: .failed, exitCode: nil, signal: nil, pid: pid, message: nil, log: digest,
                            startedAt: startedAt, endedAt: endedAt)
        switch status {
        case let .exited(code):
            result.exitCode = code
            result.outcome = code == 0 ? .passed : .failed
        case let .signaled(signal):
            result.signal = signal
            result.outcome = .failed
        case nil:
            result.outcome = .failed
            result.message = spawnError.map { "cannot start: \($0)" }
        }
        if let expiry {
            result.outcome = expiry.outcome
            result.message = expiry.message
        }
        return result
    }

    private func appendToLog(_ text: String) {
        let fd = open(logPath, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard fd >= 0 else { return }
        defer { close(fd) }
        _ = text.utf8CString.withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count - 1) }
    }
}
