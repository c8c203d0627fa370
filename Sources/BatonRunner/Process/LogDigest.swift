#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Crypto

/// Size, SHA-256 and last lines of a file, read in one streaming pass.
public struct LogDigest: Sendable, Hashable, Codable {
    public var size: Int64
    /// Lowercase hex.
    public var sha256: String
    /// Up to `tailLineLimit` last lines, without newlines, invalid UTF-8 repaired.
    public var tail: [String]

    public init(size: Int64, sha256: String, tail: [String]) {
        self.size = size
        self.sha256 = sha256
        self.tail = tail
    }

    /// The digest of an empty file.
    public static let empty = LogDigest(size: 0, sha256: SHA256.hash(data: [UInt8]()).hexString, tail: [])

    /// Reads `path` in 64 KiB chunks; nil when it cannot be opened.
    public static func of(path: String, tailLineLimit: Int = 20, tailByteLimit: Int = 16 * 1024) -> LogDigest? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var hasher = SHA256()
        var size: Int64 = 0
        var tailBytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if count == 0 { break }
            let chunk = buffer[0..<count]
            hasher.update(data: chunk)
            size += Int64(count)
            // Keep only the last `tailByteLimit` bytes so a huge log costs no memory.
            tailBytes.append(contentsOf: chunk.suffix(tailByteLimit))
            if tailBytes.count > 2 * tailByteLimit { tailBytes.removeFirst(tailBytes.count - tailByteLimit) }
        }
        if tailBytes.count > tailByteLimit { tailBytes.removeFirst(tailBytes.count - tailByteLimit) }
        return LogDigest(size: size, sha256: hasher.finalize().hexString,
                         tail: lastLines(of: tailBytes, limit: tailLineLimit))
    }

    static func lastLines(of bytes: [UInt8], limit: Int) -> [String] {
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
        if lines.last == "" { lines.removeLast() }
        return Array(lines.suffix(limit))
    }
}

extension Sequence where Element == UInt8 {
    var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in self {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
