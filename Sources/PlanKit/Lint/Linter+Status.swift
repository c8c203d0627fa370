extension Linter {
    /// `status-conflict`: claims that disagree on the category, at the first one that differs.
    func statusFindings() -> [Diagnostic] {
        // A local array lets `batches[i].field` borrow instead of copying each batch.
        let batches = plan.batches
        var found: [Diagnostic] = []
        for i in batches.indices {
            guard let first = batches[i].statusClaims.first,
                  let other = batches[i].statusClaims.first(where: { $0.category != first.category }) else { continue }
            let firstPlace = first.span.map { " at line \($0.line)" } ?? ""
            found.append(diagnostic("status-conflict",
                "\(label(i)) is \(statusText(other)) here but \(statusText(first))\(firstPlace); Baton uses \(statusText(batches[i].status))",
                at: other.span ?? batches[i].status.span ?? batches[i].source))
        }
        return found
    }

    /// `phase-order`: in one batch, a checked task in a phase while an earlier phase (in the
    /// required order) still has unchecked tasks; reported once per batch, at the first such task.
    func phaseOrderFindings() -> [Diagnostic] {
        // A local array lets `batches[i].field` borrow instead of copying each batch.
        let batches = plan.batches
        let order = options.phaseOrder ?? plan.phaseOrder
        let enforced: Bool = switch options.phasePolicy {
        case .off: false
        case .strict: true
        case .document: plan.phaseOrderIsStrict
        }
        guard enforced, order.count > 1 else { return [] }
        var rank: [String: Int] = [:]
        for (r, name) in order.enumerated() where rank[Linter.phaseKey(name)] == nil { rank[Linter.phaseKey(name)] = r }
        var found: [Diagnostic] = []
        for i in batches.indices {
            // The earliest-ranked phase with open work, per rank.
            var openPhase: [Int: Phase] = [:]
            for phase in batches[i].phases {
                guard let r = rank[Linter.phaseKey(phase.name)], phase.tasks.contains(where: { !$0.done }) else { continue }
                if openPhase[r] == nil { openPhase[r] = phase }
            }
            guard let lowestOpen = openPhase.keys.min() else { continue }
            for phase in batches[i].phases {
                guard let r = rank[Linter.phaseKey(phase.name)], r > lowestOpen,
                      let task = phase.tasks.first(where: \.done), let earlier = openPhase[lowestOpen],
                      let open = earlier.tasks.first(where: { !$0.done }) else { continue }
                found.append(diagnostic("phase-order",
                    "\(label(i)): a task of \(Linter.phaseName(phase.name)) is checked while \(Linter.phaseName(earlier.name)) has unchecked tasks (\(Linter.quoted(Linter.shortened(open.text, limit: 40))) at line \(open.span.line)); the order is \(order.concatenated(separator: " → "))",
                    at: task.marker ?? task.span))
                break
            }
        }
        return found
    }

    /// A phase name without emphasis marks, for messages.
    static func phaseName(_ name: String) -> String {
        String(IDShape.trimmed(Substring(name), removing: " \t*_:`#"))
    }

    /// Phase names compared without case or surrounding marks (`**Planning**`, `Planning:`).
    static func phaseKey(_ name: String) -> String {
        String(IDShape.trimmed(Substring(name.lowered()), removing: " \t*_:`#"))
    }
}
