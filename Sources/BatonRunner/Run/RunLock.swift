#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The exclusive `.baton/run.lock` of one repository, holding its owner's pid.
///
/// Exclusion comes from `flock`, which the kernel drops when the owner dies however it dies
/// (`kill -9` included), so a lock left by a dead process is simply taken over. The pid in the
/// file is for the message a second run prints. The lock is held until this object is released.
public final class RunLock: Sendable {
    public let path: String
    private let descriptor: Int32

    /// Takes the lock of `<root>/.baton`, or throws ``BatonRunnerError/locked(lockPath:ownerPID:)``
    /// naming the live owner.
    public static func acquire(root: String) throws -> RunLock {
        let directory = try BatonDirectory.prepare(root: root)
        return try RunLock(path: directory + "/run.lock")
    }

    /// Takes the lock at `path`.
    public init(path: String) throws {
        self.path = path
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw BatonRunnerError.notWritable(path: path, reason: String(cString: strerror(errno)))
        }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let reason = errno
            let owner = Self.readPID(fd)
            close(fd)
            if reason == EWOULDBLOCK || reason == EAGAIN {
                throw BatonRunnerError.locked(lockPath: path, ownerPID: owner ?? 0)
            }
            throw BatonRunnerError.notWritable(path: path, reason: String(cString: strerror(reason)))
        }
        // Ours now, whether the file was new or left by a dead owner: replace the pid.
        let text = Array("\(getpid())\n".utf8)
        guard ftruncate(fd, 0) == 0, text.withUnsafeBytes({ pwrite(fd, $0.baseAddress, $0.count, 0) }) == text.count
        else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw BatonRunnerError.notWritable(path: path, reason: reason)
        }
        descriptor = fd
    }

    deinit {
        // Empty the file first, so a reader never sees our pid once we let go. Then unlock before closing:
        // a child being spawned on another thread holds a copy of the descriptor until it execs, and the
        // lock belongs to the open file, so closing ours alone could leave it held for that moment.
        _ = ftruncate(descriptor, 0)
        _ = flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    /// The pid written in a lock file, if any.
    public static func ownerPID(atPath path: String) -> Int32? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        return readPID(fd)
    }

    private static func readPID(_ fd: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        let text = String(decoding: buffer[0..<count], as: UTF8.self)
        return Int32(text.filter(\.isNumber))
    }
}
