/// The dependency graph as Mermaid, Graphviz DOT or JSON: nodes coloured by status category,
/// grouped by section, solid edges for dependencies and dashed ones for merge order.
///
/// Edges point from a prerequisite to the batch that waits for it.
public enum GraphExport {
    /// Fill and stroke per status category, shared by every format.
    static let colours: [StatusCategory: (fill: String, stroke: String)] = [
        .todo: ("#f5f5f5", "#9e9e9e"),
        .active: ("#fff3c4", "#e0a800"),
        .review: ("#dbeafe", "#3b82f6"),
        .done: ("#d1fae5", "#10b981"),
        .blocked: ("#fee2e2", "#ef4444"),
        .deferred: ("#ede9fe", "#8b5cf6"),
        .dropped: ("#e5e7eb", "#6b7280"),
    ]

    /// Batches of each section in document order; nil is the batches outside any section.
    static func groups(_ plan: Plan) -> [(title: String?, members: [Int])] {
        var order: [String?] = []
        var members: [String?: [Int]] = [:]
        for i in plan.batches.indices {
            if members[plan.batches[i].group] == nil { order.append(plan.batches[i].group) }
            members[plan.batches[i].group, default: []].append(i)
        }
        return order.map { ($0, members[$0] ?? []) }
    }

    /// Identifiers safe in Mermaid and DOT (`1–4` → `b_1_4`, `D1@demo` → `b_D1_demo`),
    /// unique per batch; collisions get a numeric suffix.
    static func nodeIDs(_ plan: Plan) -> [String] {
        var used: Set<String> = []
        return plan.batches.map { batch in
            var base = "b_"
            for scalar in batch.key.unicodeScalars {
                base.unicodeScalars.append(scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)) ? scalar : "_")
            }
            var id = base
            var n = 2
            while !used.insert(id).inserted {
                id = "\(base)_\(n)"
                n += 1
            }
            return id
        }
    }

    /// `O7: Full OS image assembly…`.
    static func nodeLabel(_ graph: PlanGraph, _ index: Int) -> String {
        let batch = graph[index]
        let name = graph.displayName(ofKey: batch.key)
        let title = Linter.shortened(batch.title, limit: 48)
        return title.isEmpty ? name : "\(name): \(title)"
    }

    /// Every edge once: `(from, to, isMerge)`, prerequisite first.
    static func edges(_ graph: PlanGraph) -> [(from: Int, to: Int, merge: Bool)] {
        var result: [(from: Int, to: Int, merge: Bool)] = []
        for v in 0..<graph.count {
            for u in graph.prerequisites[v] { result.append((u, v, false)) }
            for u in graph.mergePredecessors[v] where !graph.prerequisites[v].contains(u) { result.append((u, v, true)) }
        }
        return result
    }
}
