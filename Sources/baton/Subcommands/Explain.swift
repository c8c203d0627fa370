import ArgumentParser
import PlanKit

struct Explain: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Everything known about one batch, with the file:line of each fact, and why it is or is not ready.",
        discussion: "Exit codes: 0 success, 1 unreadable plan, 64 unknown or ambiguous id (the message lists the keys to use)."
    )

    @Argument(help: "The plan file (optional) and the batch id or key.") var arguments: [String]

    func validate() throws {
        if arguments.isEmpty || arguments.count > 2 { throw ValidationError("expected [PLAN] ID") }
    }

    func run() async throws {
        try await reportingErrors {
            let loaded = try LoadedPlan.load(arguments.count == 2 ? arguments[0] : nil)
            do {
                let explanation = try Explanation.explain(loaded.plan, arguments.last!, policy: loaded.policy)
                Terminal.write(explanation.lines.concatenated(separator: "\n") + "\n")
            } catch let error as BatchLookupError {
                throw CLIError("\(loaded.plan.path): \(error.description)", exitCode: 64)
            }
        }
    }
}
