import Foundation

/// Runs the built `baton` binary and captures what it printed.
struct BatonProcess {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let shared = packageRoot.appendingPathComponent("../shared").standardized

    /// The `baton` product next to the test bundle (any build configuration or scratch path).
    static var executable: URL {
        let bundleDirectory = Bundle.main.bundleURL
        let candidates = [
            bundleDirectory.appendingPathComponent("baton"),
            bundleDirectory.deletingLastPathComponent().appendingPathComponent("baton"),
            packageRoot.appendingPathComponent(".build/debug/baton"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[2]
    }

    /// `environment` changes this process's own for the child: a nil value removes the variable.
    static func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String?] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if !environment.isEmpty {
            var changed = ProcessInfo.processInfo.environment
            for (name, value) in environment { changed[name] = value }
            process.environment = changed
        }
        process.currentDirectoryURL = directory ?? packageRoot
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read before waiting so a full pipe cannot block the child.
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("baton-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
