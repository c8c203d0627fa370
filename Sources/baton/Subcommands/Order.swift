import ArgumentParser
import PlanKit

struct Order: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "order",
        abstract: "A topological order that respects merge order, the waves of work that can proceed together, and the critical path.",
        discussion: "Batches in a dependency cycle are named and left out; the rest is still ordered. Exit codes: 0 success, 1 cycle or unreadable plan."
    )

    @Argument(help: "The plan file.") var plan: String?

    func run() async throws {
        try await reportingErrors {
            let loaded = try LoadedPlan.load(plan)
            let order = Schedule.order(loaded.plan, policy: loaded.policy)
            var lines = ["order:"] + order.sequence.enumerated().map { "  \($0.offset + 1). \($0.element.key)  \($0.element.title)" }
            lines.append("waves:")
            for (index, wave) in order.waves.enumerated() { lines.append("  \(index + 1): \(wave.map(\.key).concatenated(separator: ", "))") }
            lines.append("critical path: \(order.criticalPath.map(\.key).concatenated(separator: " → "))")
            for cycle in order.cycles { lines.append("cycle: \(cycle.keys.concatenated(separator: " → ")) prevents ordering these batches") }
            Terminal.write(lines.concatenated(separator: "\n") + "\n")
            if !order.cycles.isEmpty { throw ExitCode(1) }
        }
    }
}
