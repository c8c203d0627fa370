extension Linter {
    /// `misplaced-details`: a description of a batch that sits under another section.
    func detailFindings() -> [Diagnostic] {
        var found: [Diagnostic] = []
        for (i, batch) in plan.batches.enumerated() {
            for detail in batch.detailSources {
                guard let section = detail.group, section != batch.group else { continue }
                let home = batch.group.map { "is listed under \(Linter.quoted($0))" } ?? "is listed outside any section"
                found.append(diagnostic("misplaced-details",
                    "details of \(label(i)) sit under \(Linter.quoted(section)), but the batch \(home) at line \(batch.source.line)",
                    at: detail.span))
            }
        }
        return found
    }

    /// `missing-gate` for unfinished work with no gate, `manual-gate` for each manual gate.
    func gateFindings() -> [Diagnostic] {
        var found: [Diagnostic] = []
        for (i, batch) in plan.batches.enumerated() {
            if batch.gates.isEmpty, !options.policy.isFinished(batch.status.category), batch.status.category != .dropped {
                found.append(diagnostic("missing-gate",
                    "\(label(i)) has no gate: no command, test or check says when it is done",
                    at: batch.source))
            }
            for gate in batch.gates where gate.kind == .manual {
                found.append(diagnostic("manual-gate",
                    "\(graph.displayName(ofKey: batch.key)) has a manual gate, which no machine can run: \(Linter.quoted(Linter.shortened(gate.text)))",
                    at: gate.span))
            }
        }
        return found
    }
}
