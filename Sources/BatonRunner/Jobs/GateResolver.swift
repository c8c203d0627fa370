#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PlanKit

/// Turns plan gates into runnable ``GateJob``s.
///
/// `command` gates run through `/bin/sh -c TEXT`; `test-file` gates through the runner whose glob
/// pattern matches the path (`"*.py" = "pytest {path}"`); `manual` gates never run.
public struct GateResolver: Sendable, Hashable {
    /// One `baton.toml` entry: a glob over the test file's path and a command template with `{path}`.
    public struct TestRunner: Sendable, Hashable, Codable {
        public var pattern: String
        public var template: String
        public init(pattern: String, template: String) {
            self.pattern = pattern
            self.template = template
        }
    }

    public var testRunners: [TestRunner]
    /// The shell for `command` gates and runner templates.
    public var shell: String

    public init(testRunners: [TestRunner] = [], shell: String = "/bin/sh") {
        self.testRunners = testRunners
        self.shell = shell
    }

    /// The argument vector for a gate, or nil when it cannot be run by a machine.
    public func command(for gate: Gate) -> [String]? {
        switch gate.kind {
        case .command:
            return [shell, "-c", gate.text]
        case .testFile:
            guard let runner = runner(forPath: gate.text) else { return nil }
            return [shell, "-c", runner.template.replacing("{path}", with: ShellQuoting.quote(gate.text))]
        case .manual:
            return nil
        }
    }

    /// The runner for a test file: the longest matching pattern wins (`*.test.ts` over `*.ts`),
    /// ties go to the earlier entry.
    public func runner(forPath path: String) -> TestRunner? {
        var best: TestRunner?
        for runner in testRunners where fnmatch(runner.pattern, path, 0) == 0 {
            if runner.pattern.count > (best?.pattern.count ?? -1) { best = runner }
        }
        return best
    }

    /// One job per gate of each batch, in gate order, with the batch's dependencies and artifacts.
    public func jobs(for batches: [Batch], workingDirectory: String, extraArtifacts: [String] = []) -> [GateJob] {
        batches.flatMap { batch in
            batch.gates.enumerated().map { index, gate in
                GateJob(batchKey: batch.key, gateIndex: index, gateText: gate.text, kind: gate.kind,
                        command: command(for: gate), workingDirectory: workingDirectory,
                        dependencies: batch.dependsOn.map(\.key),
                        artifacts: batch.artifacts.map(\.text) + extraArtifacts)
            }
        }
    }
}
