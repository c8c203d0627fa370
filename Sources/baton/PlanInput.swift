import Foundation
import PlanKit
import PlanSyntax

/// Finding and reading plan files, with one-line errors for everything that can go wrong.
enum PlanInput {
    static let maximumSize = 64 * 1024 * 1024
    static let usualNames = ["BATCH_PLAN.md", "PLAN.md", "ROADMAP.md", "TASKS.md"]

    /// The plan paths to read: those given, else `plan` from `baton.toml`, else the usual names.
    static func resolve(_ paths: [String], configuration: BatonConfiguration) throws -> [String] {
        if !paths.isEmpty { return paths }
        let manager = FileManager.default
        if let configured = configuration.plan {
            return [configured]
        }
        for name in usualNames where manager.fileExists(atPath: name) {
            return [name]
        }
        if let found = findNested(named: "BATCH_PLAN.md", under: "docs") {
            return [found]
        }
        throw CLIError("no plan given and none found: tried baton.toml, \(usualNames.joined(separator: ", ")), docs/**/BATCH_PLAN.md")
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
    static func read(_ path: String) throws -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CLIError("\(path): no such file")
        }
        if isDirectory.boolValue { throw CLIError("\(path): is a directory, not a plan file") }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw CLIError("\(path): cannot be read (permission denied?)") }
        defer { try? handle.close() }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        if size > maximumSize { throw CLIError("\(path): is \(size / 1_048_576) MiB; plans over 64 MiB are not read") }
        let data: Data
        do {
            data = try handle.readToEnd() ?? Data()
        } catch {
            throw CLIError("\(path): cannot be read: \(error.localizedDescription)")
        }
        if data.count > maximumSize { throw CLIError("\(path): is over 64 MiB; plans that large are not read") }
        if data.isEmpty { throw CLIError("\(path): is empty") }
        let bytes = [UInt8](data)
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
            var plan = extractor.extract(PlanDocument(bytes: bytes), path: path)
            if !configuration.phaseOrder.isEmpty { plan.phaseOrder = configuration.phaseOrder }
            if let strict = configuration.phaseOrderIsStrict { plan.phaseOrderIsStrict = strict }
            return LoadedPlan(bytes: bytes, plan: plan, configuration: configuration)
        }
    }

    var policy: SchedulePolicy {
        SchedulePolicy(reviewCountsAsFinished: configuration.finished.contains(.review))
    }
}
