import ArgumentParser
import Foundation
import PlanKit

struct Next: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "next",
        abstract: "Batches that can start now (every dependency finished), then those already active.",
        discussion: "With --parallel N, picks up to N that can run side by side: no owned-path overlap, no dependency between them. Exit codes: 0 success, 1 unreadable plan, 64 usage error."
    )

    @Argument(help: "The plan file.") var plan: String?
    @Option(help: "Pick at most this many batches that can run side by side.") var parallel: Int?
    @Option(help: "Output format: text or json.") var format: OutputFormat = .text

    func validate() throws {
        if let parallel, parallel < 1 { throw ValidationError("--parallel must be at least 1") }
    }

    /// What the arguments say, in plain values: what `DirectInvocation` reads without ArgumentParser.
    struct Settings: Equatable {
        var plan: String?
        var parallel: Int?
        var format: OutputFormat = .text
    }

    var settings: Settings { Settings(plan: plan, parallel: parallel, format: format) }

    func run() async throws {
        try await Self.perform(settings)
    }

    static func perform(_ settings: Settings) async throws {
        let (plan, parallel, format) = (settings.plan, settings.parallel, settings.format)
        try await reportingErrors {
            let loaded = try LoadedPlan.load(plan)
            let graph = PlanGraph(loaded.plan, policy: loaded.policy)
            let next = graph.next(parallel: parallel)
            // Kept until exit: freeing a large graph one object at a time only costs.
            ProcessLifetime.keep(graph, next)
            switch format {
            case .json:
                Terminal.writeJSONLine { writer in
                    writer.beginObject()
                    for (name, batches) in [("ready" as StaticString, next.ready), ("active", next.active)] {
                        writer.key(name)
                        writer.beginArray()
                        writer.elements(count: batches.count) { writer, index in batches[index].writeJSON(into: &writer) }
                        writer.endArray()
                    }
                    writer.endObject()
                }
            case .text:
                var lines = ["ready:"] + next.ready.map { "  \($0.key)  \($0.title)" }
                if next.ready.isEmpty { lines.append("  nothing can start now") }
                lines += ["active:"] + next.active.map { "  \($0.key)  \($0.title)" }
                for skipped in next.passedOver {
                    lines.append("  (not picked: \(skipped.key), \(skipped.reason.rawValue)\(skipped.conflictsWith.map { " with \($0)" } ?? ""))")
                }
                for cycle in next.cycles { lines.append("cycle: \(cycle.keys.concatenated(separator: " → ")) (these batches are never ready)") }
                Terminal.write(lines.concatenated(separator: "\n") + "\n")
            }
        }
    }
}
