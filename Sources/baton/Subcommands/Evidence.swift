import ArgumentParser
import BatonRunner
import Foundation
import PlanKit

struct Evidence: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evidence",
        abstract: "What was run for each batch: on which commit and tree, with what result, log and artifact hashes.",
        discussion: "Reads .baton/ledger.sqlite (never creates it). Exit codes: 0 success, 1 unreadable plan or ledger, 64 unknown id."
    )

    @Argument(help: "[PLAN] [ID]") var arguments: [String] = []
    @Option(help: "Output format: text or json.") var format: OutputFormat = .text

    func run() async throws {
        try await reportingErrors {
            let selection = PlanAndIDs(arguments)
            let loaded = try LoadedPlan.load(selection.plan)
            let batches = selection.ids.isEmpty ? loaded.plan.batches.filter { !$0.gates.isEmpty } : try PlanAndIDs.batches(selection.ids, in: loaded.plan)
            let root = LocalFiles.currentDirectory
            let ledger = try runnerCall { try Ledger.openIfExists(root: root) }
            let tree = await GitFacts.capture(in: root).tree
            var writer = JSONWriter()
            var text = ""
            writer.beginArray()
            for batch in batches {
                let gates = batch.gates.map { (text: $0.text, isManual: $0.kind == .manual) }
                var evidence: [GateEvidence] = []
                if let ledger {
                    evidence = try await runnerCall { try await ledger.evidence(planPath: loaded.plan.path, batchKey: batch.key, gates: gates) }
                }
                let verified = !evidence.isEmpty && evidence.allSatisfy { $0.isProven(onTree: tree) }
                writer.beginObject()
                writer.field("key", batch.key)
                writer.field("status", batch.status.category.rawValue)
                writer.field("verified", verified)
                writer.key("gates")
                writer.beginArray()
                text += "\(batch.key)  \(batch.title)  [\(verified ? "verified" : "not verified on this tree")]\n"
                for (index, gate) in batch.gates.enumerated() {
                    let item = index < evidence.count ? evidence[index] : nil
                    let attempt = item?.latestAttempt
                    var artifacts: [ArtifactRecord] = []
                    if let id = attempt?.id, let ledger {
                        artifacts = try await runnerCall { try await ledger.artifacts(attemptID: id) }
                    }
                    writer.beginObject()
                    writer.field("index", index + 1)
                    writer.field("kind", gate.kind.rawValue)
                    writer.field("text", gate.text)
                    writer.field("outcome", attempt?.outcome?.rawValue)
                    writer.field("runID", attempt?.runID)
                    writer.field("commit", attempt?.gitCommit)
                    writer.field("tree", attempt?.gitTree)
                    if let dirty = attempt?.gitDirty { writer.field("dirty", dirty) }
                    writer.field("log", attempt?.logPath)
                    writer.field("logSHA256", attempt?.logSHA256)
                    writer.field("approvedBy", item?.approval?.approvedBy)
                    writer.key("artifacts")
                    writer.beginArray()
                    for artifact in artifacts {
                        writer.beginObject()
                        writer.field("path", artifact.path)
                        writer.field("size", Int(artifact.size))
                        writer.field("sha256", artifact.sha256)
                        writer.endObject()
                    }
                    writer.endArray()
                    writer.endObject()
                    let result: String
                    if let approval = item?.approval {
                        result = "approved by \(approval.approvedBy)"
                    } else if let attempt {
                        let commit = attempt.gitCommit.map { " on \($0.prefix(10))\(attempt.gitDirty == true ? "+dirty" : "")" } ?? ""
                        result = "\(attempt.outcome?.rawValue ?? "unfinished")\(commit), log sha256 \(attempt.logSHA256?.prefix(12) ?? "-")"
                    } else {
                        result = gate.kind == .manual ? "needs `baton approve`" : "never run"
                    }
                    text += "  gate \(index + 1) (\(gate.kind.rawValue)) \(gate.text): \(result)\n"
                    for artifact in artifacts { text += "    artifact \(artifact.path) \(artifact.size) bytes sha256 \(artifact.sha256)\n" }
                }
                writer.endArray()
                writer.endObject()
            }
            writer.endArray()
            if ledger == nil { Terminal.note("no ledger at .baton/ledger.sqlite yet: nothing has been run here") }
            Terminal.write(format == .json ? writer.output + "\n" : text)
        }
    }
}
