extension GraphExport {
    /// A Graphviz `digraph`: one `cluster` per section, nodes filled by status category.
    public static func dot(_ plan: Plan, policy: SchedulePolicy = SchedulePolicy()) -> String {
        let graph = PlanGraph(plan, policy: policy)
        let ids = nodeIDs(plan)
        var out = "digraph plan {\n"
        out += "  rankdir=TB;\n"
        out += "  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\"];\n"
        if let title = plan.title { out += "  label=\(dotQuote(title));\n  labelloc=t;\n" }
        for (g, group) in groups(plan).enumerated() {
            var indent = "  "
            if let title = group.title {
                out += "  subgraph cluster_\(g) {\n    label=\(dotQuote(title));\n    style=rounded;\n"
                indent = "    "
            }
            for i in group.members {
                let category = graph[i].status.category
                let colour = colours[category] ?? ("#ffffff", "#000000")
                out += "\(indent)\(ids[i]) [label=\(dotQuote(nodeLabel(graph, i))), fillcolor=\"\(colour.fill)\", color=\"\(colour.stroke)\", tooltip=\(dotQuote(category.rawValue))];\n"
            }
            if group.title != nil { out += "  }\n" }
        }
        for edge in edges(graph) {
            out += "  \(ids[edge.from]) -> \(ids[edge.to])\(edge.merge ? " [style=dashed]" : "");\n"
        }
        out += "}\n"
        return out
    }

    /// A DOT string literal.
    static func dotQuote(_ text: String) -> String {
        var out = "\""
        for character in text {
            switch character {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n", "\r", "\r\n": out += "\\n"
            default: out.append(character)
            }
        }
        return out + "\""
    }
}
