import ArgumentParser
import PlanKit

struct Lint: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check plans: duplicate ids, dangling dependencies, cycles, status drift, ownership overlap and more.",
        discussion: "Diagnostics print as file:line:column: severity: [code] message. Exit codes: 0 clean, 1 errors found, 64 usage error."
    )

    enum Format: String, ArgumentChoice { case text, json, sarif }

    @Argument(help: "Plan files to check.") var plans: [String] = []
    @Option(help: "Output format: text, json or sarif.") var format: Format = .text
    @Flag(help: "Treat warnings as errors.") var strict = false
    @Flag(help: "Apply the safe fix-its (encoding repairs) in place; no other byte changes.") var fix = false

    /// What the arguments say, in plain values: what `DirectInvocation` reads without ArgumentParser.
    struct Settings: Equatable {
        var plans: [String] = []
        var format: Format = .text
        var strict = false
        var fix = false
    }

    var settings: Settings { Settings(plans: plans, format: format, strict: strict, fix: fix) }

    func run() async throws {
        try await Self.perform(settings)
    }

    static func perform(_ settings: Settings) async throws {
        let (plans, format, strict, fix) = (settings.plans, settings.format, settings.strict, settings.fix)
        try await reportingErrors {
            var diagnostics: [Diagnostic] = []
            for loaded in try LoadedPlan.loadAll(plans) {
                let path = loaded.plan.path
                let linter = Linter(loaded.plan, source: loaded.bytes, options: LintOptions(strict: strict, policy: loaded.policy))
                var found = linter.findings()
                // The linter (its graph and owned-path index) lives until exit: freeing it object by object only costs.
                ProcessLifetime.keep(linter)
                if fix {
                    let fixed = found.filter { $0.fixIt?.isSafe == true }
                    if !fixed.isEmpty {
                        try PlanWriter.write(Self.applying(fixed.compactMap(\.fixIt), to: loaded.bytes), to: path, readBytes: loaded.bytes)
                        Terminal.note("\(path): applied \(fixed.count) fix\(fixed.count == 1 ? "" : "es")")
                        found.removeAll { $0.fixIt?.isSafe == true }
                    }
                }
                diagnostics += found
            }
            switch format {
            case .text:
                Terminal.write(DiagnosticRenderer.text(diagnostics, colour: Terminal.stdoutIsTerminal))
                Terminal.note(DiagnosticRenderer.summary(diagnostics))
            case .json:
                Terminal.write(DiagnosticRenderer.json(diagnostics) + "\n")
            case .sarif:
                Terminal.write(SarifRenderer.render(diagnostics) + "\n")
            }
            ProcessLifetime.keep(diagnostics)
            if diagnostics.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
        }
    }

    /// The file with every fix-it applied; a fix-it overlapping an earlier one is left for the next run.
    static func applying(_ fixIts: [FixIt], to bytes: [UInt8]) -> [UInt8] {
        var edits: [TextEdit] = []
        var end = 0
        for fixIt in fixIts.sorted(by: { $0.start < $1.start }) where fixIt.start >= end {
            edits.append(TextEdit(range: fixIt.start..<fixIt.end, replacement: fixIt.replacement))
            end = fixIt.end
        }
        return TextEdit.apply(edits, to: bytes)
    }
}
