#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether a path exists, and the current directory, asked of the system directly. Every command asks both
/// before it reads its plan; through Foundation (`FileManager`, `URL`) their first use cost half a
/// millisecond of each start. Code that walks, copies or creates directories keeps `FileManager`.
public enum LocalFiles {
    /// Whether anything exists at `path`, symbolic links followed (as `FileManager.fileExists(atPath:)`).
    public static func exists(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0
    }

    /// The absolute path of the current directory; "." if it cannot be found (it was removed, say).
    public static var currentDirectory: String {
        var size = 4096
        while size <= 1 << 20 {
            let found: String? = withUnsafeTemporaryAllocation(of: CChar.self, capacity: size) { buffer in
                getcwd(buffer.baseAddress, size) != nil ? String(cString: buffer.baseAddress!) : nil
            }
            if let found { return found }
            guard errno == ERANGE else { break }
            size *= 2
        }
        return "."
    }
}
