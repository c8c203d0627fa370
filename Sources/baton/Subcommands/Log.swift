import ArgumentParser
import BatonRunner
import Foundation
import PlanKit

struct Log: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Print the newest log of a batch's gate.",
        discussion: "Exit codes: 0 success, 1 nothing recorded, 64 unknown id."
    )

    @Argument(help: "[PLAN] ID") var arguments: [String]
    @Option(help: "Which gate of the batch, counting from 1.") var gate: Int?

    func validate() throws {
        if arguments.isEmpty { throw ValidationError("expected [PLAN] ID") }
    }

    func run() async throws {
        try await reportingErrors {
            let (loaded, batch) = try PlanAndIDs(arguments).loadOne()
            let root = LocalFiles.currentDirectory
            guard let ledger = try runnerCall({ try Ledger.openIfExists(root: root) }) else {
                throw CLIError("no ledger at .baton/ledger.sqlite: nothing has been run here")
            }
            let attempts = try await runnerCall { try await ledger.attempts(planPath: loaded.plan.path, batchKey: batch.key, gateIndex: gate.map { $0 - 1 }) }
            guard let attempt = attempts.first else { throw CLIError("\(batch.key): no recorded attempt\(gate.map { " for gate \($0)" } ?? "")") }
            Terminal.note("\(batch.key) gate \(attempt.gateIndex + 1): \(attempt.outcome?.rawValue ?? "unfinished") in run \(attempt.runID)")
            guard let path = attempt.logPath else {
                Terminal.write("(no output)\n")
                return
            }
            guard let data = FileManager.default.contents(atPath: URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: root)).path) else {
                throw CLIError("\(path): the log recorded for this attempt is missing")
            }
            FileHandle.standardOutput.write(data)
        }
    }
}
