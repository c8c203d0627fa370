#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Crypto

/// Writes a gate's merged output to its log file as it arrives, hashing it and keeping the last
/// lines, so nothing is read twice. The file is created with the first byte: a gate that prints
/// nothing leaves no empty file behind (creating thousands of empty files was the largest cost
/// of short gates).
struct OutputRecorder {
    let path: String
    let tailByteLimit: Int
    private var descriptor: Int32 = -1
    private var hasher = SHA256()
    private var size: Int64 = 0
    private var tailBytes: [UInt8] = []

    init(path: String, tailByteLimit: Int = 16 * 1024) {
        self.path = path
        self.tailByteLimit = tailByteLimit
    }

    /// Whether the log file exists (something was printed or noted).
    var createdFile: Bool { descriptor != -1 }

    mutating func append(_ bytes: UnsafeRawBufferPointer) throws(BatonRunnerError) {
        guard !bytes.isEmpty else { return }
        if descriptor < 0 {
            descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else {
                throw .notWritable(path: path, reason: String(cString: strerror(errno)))
            }
        }
        var offset = 0
        while offset < bytes.count {
            let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw .notWritable(path: path, reason: String(cString: strerror(errno)))
            }
            offset += written
        }
        hasher.update(bufferPointer: bytes)
        size += Int64(bytes.count)
        tailBytes.append(contentsOf: bytes.suffix(tailByteLimit))
        // Trim in bulk, not per chunk, so a chatty gate costs amortised O(1) per byte.
        if tailBytes.count > 2 * tailByteLimit { tailBytes.removeFirst(tailBytes.count - tailByteLimit) }
    }

    mutating func append(_ text: String) throws(BatonRunnerError) {
        let bytes = Array(text.utf8)
        var failure: BatonRunnerError?
        bytes.withUnsafeBytes { buffer in
            do throws(BatonRunnerError) { try append(buffer) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Closes the file and returns what was written.
    mutating func finish(tailLineLimit: Int = 20) -> LogDigest {
        if descriptor >= 0 {
            close(descriptor)
            descriptor = -2  // created and closed
        }
        return LogDigest(size: size, sha256: hasher.finalize().hexString,
                         tail: LogDigest.lastLines(of: Array(tailBytes.suffix(tailByteLimit)), limit: tailLineLimit))
    }
}
