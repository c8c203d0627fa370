import ArgumentParser
import PlanKit

struct Lint: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check plans: duplicate ids, dangling dependencies, cycles, status drift, ownership overlap and more.",
        discussion: "Diagnostics print as file:line:column: severity: [code] message. Exit codes: 0 clean, 1 errors found, 64 usage error."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, sarif }

    @Argument(help: "Plan files to check.") var plans: [String] = []
    @Option(help: "Output format: text, json or sarif.") var format: Format = .text
    @Flag(help: "Treat warnings as errors.") var strict = false

    func run() async throws {
        try await reportingErrors {
            let paths = try PlanInput.resolve(plans)
            var diagnostics: [Diagnostic] = []
            for path in paths {
                let loaded = try LoadedPlan.load(path)
                diagnostics += Linter.lint(loaded.plan, source: loaded.bytes, options: LintOptions(strict: strict, policy: loaded.policy))
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
            if diagnostics.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
        }
    }
}
