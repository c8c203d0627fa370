extension GraphExport {
    /// A `flowchart TD` that GitHub renders: one `subgraph` per section, a `classDef` per
    /// status category, labels quoted with Mermaid's entity escapes.
    public static func mermaid(_ plan: Plan, policy: SchedulePolicy = SchedulePolicy()) -> String {
        let graph = PlanGraph(plan, policy: policy)
        let ids = nodeIDs(plan)
        var out = "flowchart TD\n"
        for (g, group) in groups(plan).enumerated() {
            var indent = "  "
            if let title = group.title {
                out += "  subgraph g\(g)[\"\(mermaidEscape(title))\"]\n"
                indent = "    "
            }
            for i in group.members {
                out += "\(indent)\(ids[i])[\"\(mermaidEscape(nodeLabel(graph, i)))\"]\n"
            }
            if group.title != nil { out += "  end\n" }
        }
        for edge in edges(graph) {
            out += "  \(ids[edge.from]) \(edge.merge ? "-.->" : "-->") \(ids[edge.to])\n"
        }
        for category in StatusCategory.allCases {
            let members = (0..<graph.count).filter { graph[$0].status.category == category }
            guard !members.isEmpty, let colour = colours[category] else { continue }
            out += "  classDef \(category.rawValue) fill:\(colour.fill),stroke:\(colour.stroke),color:#111\n"
            out += "  class \(members.map { ids[$0] }.concatenated(separator: ",")) \(category.rawValue)\n"
        }
        return out
    }

    /// Text safe inside a quoted Mermaid label: quotes, angle brackets, `&`, `#` and backticks
    /// as entity codes; line breaks as spaces.
    static func mermaidEscape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\"": out += "#quot;"
            case "#": out += "#35;"
            case "&": out += "#amp;"
            case "<": out += "#lt;"
            case ">": out += "#gt;"
            case "`": out += "#96;"
            case "\n", "\r", "\r\n", "\t": out += " "
            default: out.append(character)
            }
        }
        return out
    }
}
