extension Ledger {
    /// How batch `batchKey`'s `gates` (text and whether manual, in plan order) fared in run `runID`: a command or
    /// test-file gate counts when it has a `passed` attempt in that run for the same gate text (on `resume`, passes
    /// from before the crash count too); a manual gate when it has an approval.
    public func batchResult(runID: String, planPath: String, batchKey: String,
                            gates: [(text: String, isManual: Bool)]) async throws -> BatchRunResult {
        let attempts = try await attempts(runID: runID).filter { $0.batchKey == batchKey && $0.planPath == planPath }
        let approvals = gates.contains(where: \.isManual)
            ? try await evidence(planPath: planPath, batchKey: batchKey, gates: gates) : []
        var passed = 0
        var newest: AttemptRecord?
        for (index, gate) in gates.enumerated() {
            if gate.isManual {
                if approvals[index].approval != nil { passed += 1 }
                continue
            }
            let passes = attempts.filter { $0.gateIndex == index && $0.gateText == gate.text && $0.outcome == .passed }
            guard let last = passes.max(by: { ($0.id ?? 0) < ($1.id ?? 0) }) else { continue }
            passed += 1
            if (last.id ?? 0) > (newest?.id ?? -1) { newest = last }
        }
        return BatchRunResult(batchKey: batchKey, passed: passed, total: gates.count, newestAttempt: newest)
    }
}
