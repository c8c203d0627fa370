#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CSystemCalls
import Foundation
import Synchronization

/// Spawns gate processes with `posix_spawn` and watches all of them from one thread.
///
/// One `poll` loop serves every running gate: each gate's merged output pipe, a pidfd that becomes
/// readable when its leader exits, and the watchdog's clocks (stall, total) as the poll timeout.
/// swift-subprocess, used before, cost a spawn thread, a pidfd monitor thread and a pipe thread per
/// process and a dozen task hand-offs between them; with thousands of short gates those hand-offs
/// were most of Baton's time (see BENCHMARKS.md).
///
/// The spawn itself happens on the caller's thread (vfork-style, it returns once the child has
/// exec'd); the reactor thread then owns the gate until its leader exits, when it drains the pipe,
/// SIGKILLs whatever is left of the group (the zombie leader still holds the group id, so the id
/// cannot have been reused), reaps the leader and resumes the caller.
final class GateReactor: TaskExecutor, @unchecked Sendable {
    static let shared = GateReactor()

    /// What the reactor reports for one gate.
    struct Exit: Sendable {
        /// `WEXITSTATUS` or the terminating signal.
        var exitCode: Int32?
        var signal: Int32?
        var log: LogDigest
        var logWritten: Bool
        var expiry: WatchdogExpiry?
        /// The log file could not be written; the group was killed.
        var writeError: BatonRunnerError?
    }

    /// A spawned gate, owned by the reactor thread once submitted.
    final class Gate: @unchecked Sendable {
        private static let serials = Atomic<Int>(0)
        /// Names the gate in cancellation requests (a pid could be reused).
        let serial = Gate.serials.add(1, ordering: .relaxed).newValue
        let pid: Int32
        let pidfd: Int32
        var pipe: Int32
        var recorder: OutputRecorder
        let limits: WatchdogLimits
        let spawnedAt: Int64
        var lastOutput: Int64
        var expiry: WatchdogExpiry?
        /// Set once SIGTERM went to the group: when to follow with SIGKILL.
        var killAt: Int64?
        var writeError: BatonRunnerError?
        var continuation: CheckedContinuation<Exit, Never>?

        init(pid: Int32, pidfd: Int32, pipe: Int32, logPath: String, limits: WatchdogLimits, spawnedAt: Int64) {
            self.pid = pid
            self.pidfd = pidfd
            self.pipe = pipe
            self.recorder = OutputRecorder(path: logPath)
            self.limits = limits
            self.spawnedAt = spawnedAt
            self.lastOutput = spawnedAt
        }
    }

    private struct Inbox {
        var jobs: [UnownedJob] = []
        var added: [Gate] = []
        var cancelled: [Int] = []
    }

    private let inbox = Mutex(Inbox())
    /// `pthread_self()` of the reactor thread, once it runs.
    private let reactorThread = Atomic<UInt>(0)
    private let wakeRead: Int32
    private let wakeWrite: Int32
    /// Reactor thread only.
    private var gates: [Gate] = []
    /// Cancellations that arrived before their gate (a task cancelled before it was watched).
    private var earlyCancels: Set<Int> = []

    private init() {
        var fds: [Int32] = [-1, -1]
        guard LinuxCalls.pipe2(&fds, O_CLOEXEC | O_NONBLOCK) == 0 else {
            fatalError("baton: cannot create the reactor's wake pipe: \(String(cString: strerror(errno)))")
        }
        wakeRead = fds[0]
        wakeWrite = fds[1]
        let thread = Thread { [unowned self] in self.loop() }
        thread.name = "baton.gates"
        thread.start()
    }

    /// Hands a spawned gate to the reactor and waits for its leader to exit.
    func watch(_ gate: Gate) async -> Exit {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                gate.continuation = continuation
                inbox.withLock { $0.added.append(gate) }
                wakeFromElsewhere()
            }
        } onCancel: {
            inbox.withLock { $0.cancelled.append(gate.serial) }
            wakeFromElsewhere()
        }
    }

    // MARK: Task executor

    /// The reactor thread also runs tasks that prefer it (``GateRunner``'s workers): a gate's
    /// continuation then resumes on the thread that saw its exit, and the next gate is spawned
    /// and registered there, with no wake-up of another thread in between. The work these tasks
    /// do between gates (a ledger commit, an event) is short and never waits on the reactor.
    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        inbox.withLock { $0.jobs.append(job) }
        wakeFromElsewhere()
    }

    func asUnownedTaskExecutor() -> UnownedTaskExecutor {
        UnownedTaskExecutor(ordinary: self)
    }

    private var onReactorThread: Bool {
        reactorThread.load(ordering: .relaxed) == UInt(pthread_self())
    }

    /// The reactor looks at its inbox before it polls again, so it needs no wake-up from itself.
    private func wakeFromElsewhere() {
        if !onReactorThread { wake() }
    }

    private func wake() {
        var byte: UInt8 = 1
        _ = write(wakeWrite, &byte, 1)
    }

    // MARK: Reactor thread

    private func loop() {
        reactorThread.store(UInt(pthread_self()), ordering: .relaxed)
        var descriptors: [pollfd] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let (jobs, added, cancelled) = inbox.withLock { inbox in
                defer { inbox = Inbox() }
                return (inbox.jobs, inbox.added, inbox.cancelled)
            }
            gates += added
            earlyCancels.formUnion(cancelled)
            if !earlyCancels.isEmpty {
                // The run was cancelled: end the gate as the watchdog would, without naming a clock.
                for gate in gates where earlyCancels.remove(gate.serial) != nil && gate.killAt == nil {
                    terminate(gate, now: Monotonic.now())
                }
            }
            if !jobs.isEmpty {
                let executor = asUnownedTaskExecutor()
                for job in jobs { job.runSynchronously(on: executor) }
                // They may have queued more (a resumed task's next step) or added gates.
                continue
            }

            descriptors.removeAll(keepingCapacity: true)
            descriptors.append(pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0))
            for gate in gates {
                descriptors.append(pollfd(fd: gate.pidfd, events: Int16(POLLIN), revents: 0))
                // A closed pipe is polled as -1: ignored, and keeps indices aligned.
                descriptors.append(pollfd(fd: gate.pipe, events: Int16(POLLIN), revents: 0))
            }
            let ready = poll(&descriptors, nfds_t(descriptors.count), timeoutMilliseconds(now: Monotonic.now()))
            if ready < 0, errno != EINTR { fatalError("baton: poll failed: \(String(cString: strerror(errno)))") }
            if descriptors[0].revents != 0 { drainWakePipe() }

            var finished: [Int] = []
            for (index, gate) in gates.enumerated() {
                let exitEvents = descriptors[1 + 2 * index].revents
                let pipeEvents = descriptors[2 + 2 * index].revents
                if pipeEvents != 0 { readOutput(gate, into: &buffer) }
                if exitEvents != 0 {
                    finish(gate, buffer: &buffer)
                    finished.append(index)
                }
            }
            for index in finished.reversed() { gates.remove(at: index) }
            checkClocks(now: Monotonic.now())
        }
    }

    private func drainWakePipe() {
        var bytes = [UInt8](repeating: 0, count: 256)
        while read(wakeRead, &bytes, bytes.count) > 0 {}
    }

    /// Until the nearest deadline of any gate, rounded up; -1 (forever) when there is none.
    private func timeoutMilliseconds(now: Int64) -> Int32 {
        var nearest = Int64.max
        for gate in gates { nearest = min(nearest, deadline(of: gate)) }
        guard nearest != .max else { return -1 }
        let milliseconds = (nearest - now + 999_999) / 1_000_000
        return Int32(clamping: max(0, milliseconds))
    }

    private func deadline(of gate: Gate) -> Int64 {
        if let killAt = gate.killAt { return killAt }
        if gate.expiry != nil { return .max }
        var next = gate.lastOutput &+ gate.limits.stallTimeout.wholeNanoseconds
        if let timeout = gate.limits.timeout { next = min(next, gate.spawnedAt &+ timeout.wholeNanoseconds) }
        return next
    }

    private func checkClocks(now: Int64) {
        for gate in gates {
            if let killAt = gate.killAt {
                if now >= killAt {
                    _ = kill(-gate.pid, SIGKILL)
                    gate.killAt = .max
                }
                continue
            }
            guard gate.expiry == nil else { continue }
            if let timeout = gate.limits.timeout, now >= gate.spawnedAt &+ timeout.wholeNanoseconds {
                gate.expiry = .timedOut(timeout)
                terminate(gate, now: now)
            } else if now >= gate.lastOutput &+ gate.limits.stallTimeout.wholeNanoseconds {
                gate.expiry = .stalled(gate.limits.stallTimeout)
                terminate(gate, now: now)
            }
        }
    }

    /// SIGTERM to the group now, SIGKILL after the grace period unless the leader exits first.
    private func terminate(_ gate: Gate, now: Int64) {
        _ = kill(-gate.pid, SIGTERM)
        gate.killAt = now &+ gate.limits.gracePeriod.wholeNanoseconds
    }

    /// Reads what is in the pipe now; closes it at end of file.
    private func readOutput(_ gate: Gate, into buffer: inout [UInt8]) {
        guard gate.pipe >= 0 else { return }
        while true {
            let count = buffer.withUnsafeMutableBytes { read(gate.pipe, $0.baseAddress, $0.count) }
            if count > 0 {
                gate.lastOutput = Monotonic.now()
                if gate.writeError == nil {
                    let failure: BatonRunnerError? = buffer.withUnsafeBytes { bytes in
                        do throws(BatonRunnerError) {
                            try gate.recorder.append(UnsafeRawBufferPointer(rebasing: bytes[..<count]))
                            return nil
                        } catch {
                            return error
                        }
                    }
                    if let failure {
                        gate.writeError = failure
                        _ = kill(-gate.pid, SIGKILL)
                    }
                }
                if count < buffer.count { return }
            } else if count < 0 && (errno == EINTR) {
                continue
            } else if count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                return
            } else {
                close(gate.pipe)
                gate.pipe = -1
                return
            }
        }
    }

    /// The leader exited: take the output it left, end its group, reap it, resume the caller.
    private func finish(_ gate: Gate, buffer: inout [UInt8]) {
        // Whatever the leader wrote is in the pipe already; a grandchild's later output is not waited for.
        readOutput(gate, into: &buffer)
        // The leader is a zombie until reaped, so its group id is still ours to signal.
        _ = kill(-gate.pid, SIGKILL)
        var info = siginfo_t()
        while waitid(P_PID, id_t(gate.pid), &info, WEXITED) < 0, errno == EINTR {}
        close(gate.pidfd)
        if gate.pipe >= 0 {
            close(gate.pipe)
            gate.pipe = -1
        }
        var exit = Exit(exitCode: nil, signal: nil, log: gate.recorder.finish(), logWritten: gate.recorder.createdFile,
                        expiry: gate.expiry, writeError: gate.writeError)
        let status = info._sifields._sigchld.si_status
        if info.si_code == Int32(CLD_EXITED) {
            exit.exitCode = status
        } else {
            exit.signal = status
        }
        let continuation = gate.continuation
        gate.continuation = nil
        continuation?.resume(returning: exit)
    }
}

/// `CLOCK_MONOTONIC` in nanoseconds: cheaper than `ContinuousClock` arithmetic in the reactor loop.
enum Monotonic {
    static func now() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec)
    }
}

extension Duration {
    /// Whole nanoseconds, saturating.
    var wholeNanoseconds: Int64 {
        let parts = components
        let (seconds, overflow) = parts.seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return parts.seconds < 0 ? .min : .max }
        return seconds.addingReportingOverflow(parts.attoseconds / 1_000_000_000).overflow
            ? .max : seconds + parts.attoseconds / 1_000_000_000
    }
}

/// GNU and Linux calls that Swift's Glibc module does not import, declared in the `CSystemCalls` target.
enum LinuxCalls {
    static func pipe2(_ fds: UnsafeMutablePointer<Int32>, _ flags: Int32) -> Int32 {
        baton_pipe2(fds, flags)
    }

    /// A descriptor that polls readable when `pid` exits (Linux 5.3+), or -1 with `errno`.
    static func pidfdOpen(_ pid: Int32) -> Int32 {
        baton_pidfd_open(pid)
    }

    /// Closes every descriptor from `lowest` up in the child. Without it a gate inherits whatever
    /// Baton's parent left open (Foundation's `Process` keeps a descriptor in its child to learn of
    /// its exit), and an orphaned grandchild would hold it.
    static func addCloseFrom(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ lowest: Int32) {
        if baton_spawn_addclosefrom(actions, lowest) == 0 { return }
        // glibc before 2.34: close what is open now, one action each.
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") else { return }
        for case let fd? in entries.map({ Int32($0) }) where fd >= lowest {
            posix_spawn_file_actions_addclose(actions, fd)
        }
    }

    static func addChdir(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ path: String) -> Int32 {
        baton_spawn_addchdir(actions, path)
    }
}
