#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Finds the files named by artifact paths or globs and hashes each with SHA-256.
public enum ArtifactHasher {
    /// A file found and hashed.
    public struct Digest: Sendable, Hashable {
        public var path: String
        public var size: Int64
        public var sha256: String
    }

    /// Expands each pattern (relative ones against `directory`), walks directories, and hashes every
    /// regular file once. Paths come back as the pattern was written: relative stays relative.
    /// Patterns matching nothing are skipped.
    public static func hash(patterns: [String], in directory: String) -> [Digest] {
        var seen = Set<String>()
        var digests: [Digest] = []
        let base = directory.hasSuffix("/") ? directory : directory + "/"
        for pattern in patterns {
            let absolute = pattern.hasPrefix("/") ? pattern : base + pattern
            for path in expand(absolute) {
                for file in regularFiles(at: path) where seen.insert(file).inserted {
                    guard let digest = LogDigest.of(path: file, tailLineLimit: 0, tailByteLimit: 0) else { continue }
                    let shown = pattern.hasPrefix("/") || !file.hasPrefix(base) ? file : String(file.dropFirst(base.count))
                    digests.append(Digest(path: shown, size: digest.size, sha256: digest.sha256))
                }
            }
        }
        return digests
    }

    private static func expand(_ pattern: String) -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        guard glob(pattern, 0, nil, &result) == 0 else { return [] }
        return (0..<Int(result.gl_pathc)).compactMap { index in
            result.gl_pathv[index].map { String(cString: $0) }
        }
    }

    private static func regularFiles(at path: String) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return [] }
        guard isDirectory.boolValue else { return [path] }
        guard let walker = FileManager.default.enumerator(atPath: path) else { return [] }
        var files: [String] = []
        let base = path.hasSuffix("/") ? path : path + "/"
        while let relative = walker.nextObject() as? String {
            var nestedIsDirectory: ObjCBool = false
            let full = base + relative
            if FileManager.default.fileExists(atPath: full, isDirectory: &nestedIsDirectory), !nestedIsDirectory.boolValue {
                files.append(full)
            }
        }
        return files.sorted()
    }
}
