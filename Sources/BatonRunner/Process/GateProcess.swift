#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

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

    private enum Spawned {
        case success(GateReactor.Gate)
        case failure(String)
    }

    /// `posix_spawn` as the leader of a new process group, stdin from /dev/null, stdout and
    /// stderr into one pipe, default signal dispositions and an empty signal mask.
    private func spawn() -> Spawned {
        var fds: [Int32] = [-1, -1]
        guard LinuxCalls.pipe2(&fds, O_CLOEXEC) == 0 else { return .failure("pipe: \(Self.errorText(errno))") }
        let (readEnd, writeEnd) = (fds[0], fds[1])
        _ = fcntl(readEnd, F_SETFL, fcntl(readEnd, F_GETFL) | O_NONBLOCK)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        let chdirCode = LinuxCalls.addChdir(&actions, workingDirectory)
        guard chdirCode == 0 else {
            close(readEnd)
            close(writeEnd)
            return .failure("cannot run in \(workingDirectory): \(Self.errorText(chdirCode))")
        }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        // dup2 clears close-on-exec on 1 and 2; the pipe's own descriptors close at exec.
        posix_spawn_file_actions_adddup2(&actions, writeEnd, 1)
        posix_spawn_file_actions_adddup2(&actions, writeEnd, 2)
        // Nothing else of Baton's (or of whoever started Baton) reaches the gate.
        LinuxCalls.addCloseFrom(&actions, 3)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        // Group 0: the child leads a new group whose id is its pid, so kill(-pid) reaches every
        // process the gate starts, and a terminal's ^C reaches Baton only.
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var pid: pid_t = 0
        let code = Self.withCStrings(argv) { arguments in
            Self.withCStrings(environment.rows) { variables in
                posix_spawn(&pid, argv[0], &actions, &attributes, arguments, variables)
            }
        }
        close(writeEnd)
        guard code == 0 else {
            close(readEnd)
            return .failure("\(Self.errorText(code)) (\(argv[0]) in \(workingDirectory))")
        }
        let pidfd = LinuxCalls.pidfdOpen(pid)
        guard pidfd >= 0 else {
            let reason = Self.errorText(errno)
            _ = kill(-pid, SIGKILL)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0, errno == EINTR {}
            close(readEnd)
            return .failure("pidfd_open: \(reason)")
        }
        return .success(GateReactor.Gate(pid: pid, pidfd: pidfd, pipe: readEnd, logPath: logPath, limits: limits,
                                         spawnedAt: Monotonic.now()))
    }

    private static func errorText(_ code: Int32) -> String { String(cString: strerror(code)) }

    /// A NULL-terminated `char *[]` over strings copied into one allocation.
    private static func withCStrings<R>(_ strings: [String],
                                        _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R) -> R {
        withCStrings(strings.map { Array($0.utf8) + [0] }, body)
    }

    /// Rows that already end in NUL (``GateEnvironment/rows``).
    private static func withCStrings<R>(_ rows: [[UInt8]],
                                        _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R) -> R {
        let total = rows.reduce(0) { $0 + $1.count }
        let storage = UnsafeMutablePointer<CChar>.allocate(capacity: max(total, 1))
        defer { storage.deallocate() }
        var pointers: [UnsafeMutablePointer<CChar>?] = []
        pointers.reserveCapacity(rows.count + 1)
        var offset = 0
        for row in rows {
            row.withUnsafeBytes { bytes in
                UnsafeMutableRawPointer(storage + offset).copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
            }
            pointers.append(storage + offset)
            offset += row.count
        }
        pointers.append(nil)
        return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
    }

    /// Runs the process to its end. A gate that fails, stalls or cannot start is a result; this
    /// throws only when the log file cannot be written.
    public func run() async throws -> Result {
        let startedAt = Date()
        let scheduled = Monotonic.now()
        var pid: Int32?
        var exit: GateReactor.Exit?
        var failure: String?
        switch spawn() {
        case let .success(gate):
            pid = gate.pid
            let late = Monotonic.now() - scheduled
            if late > limits.startDeadline.wholeNanoseconds {
                // posix_spawn returns once the child has exec'd; one that took this long counts as
                // not started, and the reactor reaps it after the group is killed.
                _ = kill(-gate.pid, SIGKILL)
                gate.expiry = .notStarted(limits.startDeadline)
            }
            exit = await GateReactor.shared.watch(gate)
        case let .failure(reason):
            failure = reason
        }
        if let error = exit?.writeError { throw error }

        var result = Result(outcome: .failed, exitCode: nil, signal: nil, pid: pid, message: nil, log: .empty,
                            logWritten: false, startedAt: startedAt, endedAt: Date())
        if let exit {
            result.exitCode = exit.exitCode
            result.signal = exit.signal
            result.outcome = exit.exitCode == 0 ? .passed : .failed
            result.log = exit.log
            result.logWritten = exit.logWritten
            if let expiry = exit.expiry {
                result.outcome = expiry.outcome
                result.message = expiry.message
            }
        } else {
            // Never ran: say why in the log too, where people look first.
            let reason = failure ?? "unknown error"
            result.message = "cannot start: \(reason)"
            var recorder = OutputRecorder(path: logPath)
            try recorder.append("baton: cannot start \(argv.joined(separator: " ")): \(reason)\n")
            result.log = recorder.finish()
            result.logWritten = true
        }
        return result
    }
}
