extension Linter {
    /// `misplaced-details`: a description of a batch that sits under another section.
    func detailFindings() -> [Diagnostic] {
        // A local array lets `batches[i].field` borrow instead of copying each batch.
        let batches = plan.batches
        var found: [Diagnostic] = []
        for i in batches.indices {
            for detail in batches[i].detailSources {
                guard let section = detail.group, section != batches[i].group else { continue }
                let home = batches[i].group.map { "is listed under \(Linter.quoted($0))" } ?? "is listed outside any section"
                found.append(diagnostic("misplaced-details",
                    "details of \(label(i)) sit under \(Linter.quoted(section)), but the batch \(home) at line \(batches[i].source.line)",
                    at: detail.span))
            }
        }
        return found
    }

    /// `missing-gate` for unfinished work with no gate, `manual-gate` for each manual gate.
    func gateFindings() -> [Diagnostic] {
        // A local array lets `batches[i].field` borrow instead of copying each batch.
        let batches = plan.batches
        var found: [Diagnostic] = []
        for i in batches.indices {
            if batches[i].gates.isEmpty, !options.policy.isFinished(batches[i].status.category), batches[i].status.category != .dropped {
                found.append(diagnostic("missing-gate",
                    "\(label(i)) has no gate: no command, test or check says when it is done",
                    at: batches[i].source))
            }
            for gate in batches[i].gates where gate.kind == .manual {
                found.append(diagnostic("manual-gate",
                    "\(graph.displayName(ofKey: batches[i].key)) has a manual gate, which no machine can run: \(Linter.quoted(Linter.shortened(gate.text)))",
                    at: gate.span))
            }
        }
        return found
    }
}
