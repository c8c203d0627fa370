import ArgumentParser
import BatonRunner
import Foundation
import PlanKit

struct Approve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approve",
        abstract: "Record a person's sign-off for a manual gate (no machine ever passes one).",
        discussion: "Exit codes: 0 recorded, 1 unreadable plan or ledger, 64 unknown id or a gate that is not manual."
    )

    @Argument(help: "[PLAN] ID") var arguments: [String]
    @Option(help: "Which gate of the batch, counting from 1.") var gate: Int
    @Option(help: "Who signs off.") var by: String
    @Option(help: "Why, or what was checked.") var note: String?

    func run() async throws {
        try await reportingErrors {
            let (loaded, batch) = try PlanAndIDs(arguments).loadOne()
            guard (1...max(1, batch.gates.count)).contains(gate), gate <= batch.gates.count else {
                throw CLIError("\(batch.key) has \(batch.gates.count) gates; --gate counts from 1", exitCode: 64)
            }
            let chosen = batch.gates[gate - 1]
            guard chosen.kind == .manual else {
                throw CLIError("\(batch.key) gate \(gate) is a \(chosen.kind.rawValue) gate (\(chosen.text)); run it with `baton run \(batch.key)`", exitCode: 64)
            }
            let root = LocalFiles.currentDirectory
            let ledger = try runnerCall { try Ledger.open(root: root) }
            let git = await GitFacts.capture(in: root)
            _ = try await runnerCall {
                try await ledger.approve(planPath: loaded.plan.path, batchKey: batch.key, gateIndex: gate - 1, gateText: chosen.text,
                                         by: by, note: note, git: git)
            }
            Terminal.note("recorded: \(by) approved \(batch.key) gate \(gate) (\(chosen.text))")
        }
    }
}
