#if canImport(Glibc)
import Glibc
#endif
import Foundation
import PlanKit
@testable import BatonRunner

/// A fresh directory under the system temp folder, removed when the test is done with it.
final class TemporaryDirectory: Sendable {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory
            .appendingPathComponent("baton-runner-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    func file(_ name: String) -> String { path + "/" + name }

    func write(_ name: String, _ text: String) throws {
        try text.write(toFile: file(name), atomically: true, encoding: .utf8)
    }

    func read(_ name: String) throws -> String {
        try String(contentsOfFile: file(name), encoding: .utf8)
    }

    /// A `command` job running `script` through `/bin/sh -c` in this directory.
    func job(_ batch: String, _ script: String, gate: Int = 0, dependsOn: [String] = [],
             artifacts: [String] = []) -> GateJob {
        GateJob(batchKey: batch, gateIndex: gate, gateText: script, kind: .command, command: ["/bin/sh", "-c", script],
                workingDirectory: path, dependencies: dependsOn, artifacts: artifacts)
    }
}

/// Whether `pid` is a live process: not gone and not a zombie waiting for its reaper.
func processIsAlive(_ pid: Int32) -> Bool {
    if kill(pid, 0) != 0 && errno == ESRCH { return false }
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
          let close = stat.lastIndex(of: ")") else { return false }
    let state = stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).first
    return state != "Z" && state != "X"
}

/// Waits (polling is fine in a test) up to `seconds` for `condition`.
func eventually(within seconds: Double, _ condition: () -> Bool) async -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if condition() { return true }
        try? await _Concurrency.Task.sleep(for: .milliseconds(20))
    }
    return condition()
}
