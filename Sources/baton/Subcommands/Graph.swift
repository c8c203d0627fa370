import ArgumentParser
import PlanKit

struct Graph: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract: "The dependency graph coloured by status and grouped by section, as Mermaid, DOT or JSON."
    )

    enum Format: String, ArgumentChoice { case mermaid, dot, json }

    @Argument(help: "The plan file.") var plan: String?
    @Option(help: "Output format: mermaid, dot or json.") var format: Format = .mermaid

    func run() async throws {
        try await reportingErrors {
            let loaded = try LoadedPlan.load(plan)
            switch format {
            case .mermaid: Terminal.write(GraphExport.mermaid(loaded.plan) + "\n")
            case .dot: Terminal.write(GraphExport.dot(loaded.plan) + "\n")
            case .json: Terminal.write(GraphExport.json(loaded.plan) + "\n")
            }
        }
    }
}
