import ArgumentParser
import PlanKit

struct Show: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the batches of a plan: id, title, status, progress, dependencies.",
        discussion: """
        With no PLAN, reads the plan named in baton.toml, else BATCH_PLAN.md, PLAN.md, ROADMAP.md, TASKS.md \
        or docs/**/BATCH_PLAN.md, and says which file was read.
        Exit codes: 0 success, 1 unreadable plan, 64 usage error.
        """
    )

    @Argument(help: "Plan files to read.") var plans: [String] = []
    @Option(help: "Output format: text or json.") var format: OutputFormat = .text

    func run() async throws {
        try await reportingErrors {
            let configuration = try BatonConfiguration.load()
            let paths = try PlanInput.resolve(plans)
            if plans.isEmpty { Terminal.note("reading \(paths[0])") }
            let vocabulary = configuration?.vocabulary() ?? .standard
            let loaded = try paths.map { try PlanInput.load($0, vocabulary: vocabulary).1 }
            switch format {
            case .json:
                Terminal.write(Plan.json(loaded) + "\n")
            case .text:
                Terminal.write(loaded.map(PlanTable.render).joined(separator: "\n"))
            }
        }
    }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
