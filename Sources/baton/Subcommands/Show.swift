import ArgumentParser
import BatonRunner
import Foundation
import PlanKit

struct Show: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show the batches of a plan: id, title, status, progress, dependencies.",
        discussion: """
        With no PLAN, reads the plan named in baton.toml, else BATCH_PLAN.md, PLAN.md, ROADMAP.md, TASKS.md \
        or docs/**/BATCH_PLAN.md, and says which file was read.
        Exit codes: 0 success, 1 unreadable plan, 64 usage error.
        """
    )

    @Argument(help: "Plan files to read.") var plans: [String] = []
    @Option(help: "Output format: text or json.") var format: OutputFormat = .text

    /// What the arguments say, in plain values: what `DirectInvocation` reads without ArgumentParser.
    struct Settings: Equatable {
        var plans: [String] = []
        var format: OutputFormat = .text
    }

    var settings: Settings { Settings(plans: plans, format: format) }

    func run() async throws {
        try await Self.perform(settings)
    }

    static func perform(_ settings: Settings) async throws {
        let (plans, format) = (settings.plans, settings.format)
        try await reportingErrors {
            let loaded = try LoadedPlan.loadAll(plans).map(\.plan)
            var evidence: [[String?]] = []
            for plan in loaded { evidence.append(try await Self.evidence(for: plan)) }
            switch format {
            case .json:
                Terminal.writeJSONLine { Plan.writeJSON(loaded, evidence: evidence, into: &$0) }
            case .text:
                Terminal.write(zip(loaded, evidence).map { PlanTable.render($0, evidence: $1) }.concatenated(separator: "\n"))
            }
        }
    }
}

extension Show {
    /// `verified` or `claimed` for each batch whose status says done or in review, by batch index (nil for
    /// the others; empty when none does): verified when the ledger shows every gate passed (manual ones
    /// approved) on the current tree.
    static func evidence(for plan: Plan) async throws -> [String?] {
        // Indices, not batches: copying thousands of batches cost more than the rest of this.
        let claimed = plan.batches.indices.filter { plan.batches[$0].status.category.isFinished }
        guard !claimed.isEmpty else { return [] }
        let root = LocalFiles.currentDirectory
        var result = [String?](repeating: nil, count: plan.batches.count)
        for index in claimed { result[index] = "claimed" }
        // No ledger, nothing proven: not even git needs asking.
        // A ledger that cannot be read must not hide the plan: say so and show every done batch as claimed.
        let ledger: Ledger?
        do {
            ledger = try Ledger.openIfExists(root: root)
        } catch {
            Terminal.note("warning: \(error); showing done batches as claimed")
            return result
        }
        guard let ledger else { return result }
        let tree = await GitFacts.capture(in: root).tree
        for index in claimed {
            let batch = plan.batches[index]
            let gates = batch.gates.map { (text: $0.text, isManual: $0.kind == .manual) }
            let verification = try await runnerCall {
                try await ledger.verification(planPath: plan.path, batchKey: batch.key, gates: gates, currentTree: tree)
            }
            if verification.isVerified { result[index] = "verified" }
        }
        return result
    }
}

enum OutputFormat: String, ArgumentChoice {
    case text, json
}

/// An option whose values are the raw values of an enum's cases.
/// Its help strings are those raw values, said directly: ArgumentParser's defaults describe each case by
/// reflection and string interpolation, which cost every start a dozen first-time lookups in the runtime's
/// conformance records.
protocol ArgumentChoice: ExpressibleByArgument, CaseIterable, RawRepresentable<String> {}

extension ArgumentChoice {
    var defaultValueDescription: String { rawValue }
    static var allValueStrings: [String] { allCases.map(\.rawValue) }
    static var allValueDescriptions: [String: String] { [:] }
}
