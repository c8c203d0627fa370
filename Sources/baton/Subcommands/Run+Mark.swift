import BatonRunner
import Foundation
import PlanKit

extension Run {
    /// `--mark`: for every batch whose gates all passed in run `runID`, writes `done` (as `baton mark ID done
    /// --insert` would) and one evidence line, in one read-edit-write of the plan.
    ///
    /// The plan is read again here, not reused from before the run: a long run must not make the write fail only
    /// because someone saved the plan meanwhile. A plan that cannot be written is reported on one line and never
    /// changes the run's exit code, which speaks about the gates.
    static func markPassedBatches(planPath: String, runID: String, ledger: Ledger) async {
        do {
            try await writePassedBatches(planPath: planPath, runID: runID, ledger: ledger)
        } catch let error as CLIError {
            Terminal.error(error.description.hasPrefix(planPath) ? error.description : "\(planPath): \(error.description)")
        } catch {
            Terminal.error("\(planPath): not marked: \(error)")
        }
    }

    private static func writePassedBatches(planPath: String, runID: String, ledger: Ledger) async throws {
        let loaded = try LoadedPlan.load(planPath)
        let writeBack = StatusWriteBack(loaded)
        let path = loaded.plan.path
        let started = try await runnerCall { try await ledger.run(id: runID) }?.startedAt ?? Date()
        let date = utcDate(started)
        // A document that dates its statuses gets the run's date on `done`; one that does not, gets none.
        let statusDate = StatusEdit.documentDatesStatuses(loaded.plan, source: loaded.bytes, vocabulary: writeBack.vocabulary) ? date : nil
        var edits: [TextEdit] = []
        var results: [StatusEditResult] = []
        var marked: [String] = []
        for batch in loaded.plan.batches where !batch.gates.isEmpty {
            let gates = batch.gates.map { (text: $0.text, isManual: $0.kind == .manual) }
            let outcome = try await runnerCall {
                try await ledger.batchResult(runID: runID, planPath: path, batchKey: batch.key, gates: gates)
            }
            guard outcome.allPassed, let attempt = outcome.newestAttempt else { continue }
            let status: StatusEditResult
            let evidenceEdit: TextEdit?
            do {
                // A batch already done keeps its words and its date (re-running gates does not complete it again).
                status = batch.status.category == .done
                    ? StatusEditResult()
                    : try writeBack.statusEdit(batch.key, to: .done, date: statusDate, insert: true)
                let evidence = EvidenceLine(date: date, commit: attempt.gitCommit ?? (attempt.gitTree == nil ? nil : "no commit"),
                                            passed: outcome.passed, total: outcome.total,
                                            reference: attempt.id.map { .attempt($0) } ?? .run(runID))
                evidenceEdit = try evidence.edit(for: batch.key, in: loaded.plan, source: loaded.bytes, vocabulary: writeBack.vocabulary)
            } catch let error as CLIError {
                // One batch Baton cannot mark does not keep the others from being marked.
                Terminal.note("\(error.description); \(batch.key) not marked")
                continue
            } catch let error as EditError {
                Terminal.note("\(writeBack.cliError(error).description); \(batch.key) not marked")
                continue
            }
            for message in status.notes { Terminal.note("\(path): \(message)") }
            if evidenceEdit == nil {
                Terminal.note("\(path): \(batch.key) is only a table row with no details section; no evidence line written")
            }
            // Status first: when both are new lines at the same place, the status line comes first.
            let batchEdits = status.edits + [evidenceEdit].compactMap { $0 }
            edits += batchEdits.filter { !$0.isNoOp(in: loaded.bytes) }
            results.append(status)
            marked.append(batch.key)
        }
        guard !marked.isEmpty else {
            Terminal.note("\(path): no batch passed all its gates in run \(runID); nothing marked")
            return
        }
        if !edits.isEmpty {
            try writeBack.write(TextEdit.apply(edits, to: loaded.bytes), results: results)
        }
        Terminal.note("\(path): marked done with evidence: \(marked.concatenated(separator: ", "))")
    }

    /// The calendar day of `date` in UTC.
    static func utcDate(_ date: Date) -> EditDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return EditDate(year: parts.year!, month: parts.month!, day: parts.day!)
    }
}
