import Foundation
import PlanKit
import PlanSyntax
import BatonRunner

/// Finding and reading plan files, with one-line errors for everything that can go wrong.
enum PlanInput {
    static let maximumSize = 64 * 1024 * 1024
    static let usualNames = ["BATCH_PLAN.md", "PLAN.md", "ROADMAP.md", "TASKS.md"]

    /// The plan paths to read: those given, else `plan` from `baton.toml`, else the usual names.
    static func resolve(_ paths: [String], configuration: BatonConfiguration) throws -> [String] {
        if !paths.isEmpty { return paths }
        if let configured = configuration.plan {
            return [configured]
        }
        for name in usualNames where LocalFiles.exists(name) {
            return [name]
        }
        if let found = findNested(named: "BATCH_PLAN.md", under: "docs") {
            return [found]
        }
        throw CLIError("no plan given and none found: tried baton.toml, \(usualNames.concatenated(separator: ", ")), docs/**/BATCH_PLAN.md")
    }

    private static func findNested(named name: String, under directory: String) -> String? {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return nil }
        var matches: [String] = []
        while let next = enumerator.nextObject() as? String {
            if (next as NSString).lastPathComponent == name { matches.append(directory + "/" + next) }
        }
        return matches.sorted().first
    }

    /// The bytes of a plan file, or an error naming the file and the reason.
    /// One `read` into the array: no `Data` in between, so a large plan is copied once.
    static func read(_ path: String) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            switch errno {
            case ENOENT, ENOTDIR: throw CLIError("\(path): no such file")
            case EACCES, EPERM: throw CLIError("\(path): cannot be read (permission denied)")
            default: throw CLIError("\(path): cannot be read: \(String(cString: strerror(errno)))")
            }
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw CLIError("\(path): cannot be read: \(String(cString: strerror(errno)))") }
        if status.st_mode & S_IFMT == S_IFDIR { throw CLIError("\(path): is a directory, not a plan file") }
        let size = Int(status.st_size)
        if size > maximumSize { throw CLIError("\(path): is \(size / 1_048_576) MiB; plans over 64 MiB are not read") }
        // One chunk one byte larger than the file reads it whole and sees its end; pipes and special files
        // report no size and are read in chunks, never past the limit.
        var bytes: [UInt8] = []
        var chunkSize = size > 0 ? size + 1 : 1 << 16
        var failure: Int32 = 0
        var atEnd = false
        while !atEnd {
            let chunk = [UInt8](unsafeUninitializedCapacity: chunkSize) { buffer, count in
                count = 0
                while count < buffer.count {
                    let result = systemRead(descriptor, buffer.baseAddress! + count, buffer.count - count)
                    if result < 0, errno == EINTR { continue }
                    if result < 0 { failure = errno; return }
                    if result == 0 { atEnd = true; return }
                    count += result
                }
            }
            if bytes.isEmpty { bytes = chunk } else { bytes += chunk }
            if failure == EISDIR { throw CLIError("\(path): is a directory, not a plan file") }
            if failure != 0 { throw CLIError("\(path): cannot be read: \(String(cString: strerror(failure)))") }
            if bytes.count > maximumSize { throw CLIError("\(path): is over 64 MiB; plans that large are not read") }
            chunkSize = 1 << 20
        }
        if bytes.isEmpty { throw CLIError("\(path): is empty") }
        if bytes.prefix(8192).contains(0) { throw CLIError("\(path): looks binary (it contains NUL bytes), not a plan") }
        return bytes
    }
}

/// A failure the user can act on; printed as one line, exit code 1 (or 64 for usage).
struct CLIError: Error, CustomStringConvertible {
    var description: String
    var exitCode: Int32
    init(_ description: String, exitCode: Int32 = 1) {
        self.description = description
        self.exitCode = exitCode
    }
}

/// One plan with its bytes and settings, for the commands that answer about a single plan.
struct LoadedPlan {
    var bytes: [UInt8]
    var plan: Plan
    var configuration: BatonConfiguration

    /// The plan named, or the one found as `PlanInput.resolve` finds it (saying which).
    static func load(_ path: String?) throws -> LoadedPlan {
        try loadAll(path.map { [$0] } ?? [])[0]
    }

    /// Every plan named, or the one found; `baton.toml` is read once for all of them.
    static func loadAll(_ paths: [String]) throws -> [LoadedPlan] {
        let configuration = try BatonConfiguration.load() ?? BatonConfiguration()
        let resolved = try PlanInput.resolve(paths, configuration: configuration)
        if paths.isEmpty { Terminal.note("reading \(resolved[0])") }
        let extractor = PlanExtractor(vocabulary: configuration.vocabulary())
        return try resolved.map { path in
            let bytes = try PlanInput.read(path)
            let document = PlanDocument(bytes: bytes)
            let extraction = extractor.extractKeepingWork(document, path: path)
            var plan = extraction.plan
            if !configuration.phaseOrder.isEmpty { plan.phaseOrder = configuration.phaseOrder }
            if let strict = configuration.phaseOrderIsStrict { plan.phaseOrderIsStrict = strict }
            let loaded = LoadedPlan(bytes: bytes, plan: plan, configuration: configuration)
            ProcessLifetime.keep(document, loaded, extraction.work)
            return loaded
        }
    }

    var policy: SchedulePolicy {
        SchedulePolicy(reviewCountsAsFinished: configuration.finished.contains(.review))
    }
}

/// Values kept until the process exits. A command reads one plan and ends: freeing a large plan's tree and
/// batches object by object takes several milliseconds, while the system takes the memory back at exit at
/// once (compilers do the same; clang calls it `-disable-free`). Only the command's own flow appends, never
/// two threads at once, so a plain static stands in for an actor here.
enum ProcessLifetime {
    nonisolated(unsafe) private static var kept: [Any] = []

    static func keep(_ values: Any...) {
        kept.append(contentsOf: values)
    }
}
