#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Subprocess
import Testing
@testable import BatonRunner

@Suite struct RunLockTests {
    let directory: TemporaryDirectory
    init() throws { directory = try TemporaryDirectory() }

    @Test func secondRunIsRefusedNamingTheOwner() throws {
        let held = try RunLock.acquire(root: directory.path)
        #expect(RunLock.ownerPID(atPath: held.path) == getpid())
        #expect(throws: BatonRunnerError.locked(lockPath: held.path, ownerPID: getpid())) {
            _ = try RunLock.acquire(root: directory.path)
        }
        let message = BatonRunnerError.locked(lockPath: held.path, ownerPID: 4242).description
        #expect(message.contains("pid 4242"))
    }

    @Test func lockIsFreeAgainOnceReleased() throws {
        do { _ = try RunLock.acquire(root: directory.path) }
        let again = try RunLock.acquire(root: directory.path)
        #expect(RunLock.ownerPID(atPath: again.path) == getpid())
    }

    /// A child forked while the lock is held keeps a copy of its descriptor until it execs (a spawn on another
    /// thread does exactly that); letting go of the lock must still free it at once.
    @Test func lockIsFreeOnceReleasedEvenWhileAForkedChildHoldsItsDescriptor() throws {
        var child: pid_t = 0
        do {
            let held = try RunLock.acquire(root: directory.path)
            child = fork()
            if child == 0 {
                // Only async-signal-safe calls in the child of a threaded process.
                usleep(2_000_000)
                _exit(0)
            }
            #expect(child > 0)
            withExtendedLifetime(held) {}
        }
        defer {
            kill(child, SIGKILL)
            var status: Int32 = 0
            waitpid(child, &status, 0)
        }
        let again = try RunLock.acquire(root: directory.path)
        #expect(RunLock.ownerPID(atPath: again.path) == getpid())
    }

    @Test func staleLockOfADeadProcessIsTakenOver() async throws {
        // A pid that certainly belonged to a process that is gone now.
        let result = try await Subprocess.run(.name("sh"), arguments: ["-c", "echo $$"], output: .string(limit: 64))
        let deadPID = try #require(Int32(result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)))
        try FileManager.default.createDirectory(atPath: directory.file(".baton"), withIntermediateDirectories: true)
        try directory.write(".baton/run.lock", "\(deadPID)\n")
        let lock = try RunLock.acquire(root: directory.path)
        #expect(RunLock.ownerPID(atPath: lock.path) == getpid())
    }
}
