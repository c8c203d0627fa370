extension GraphExport {
    /// `{"nodes": [...], "edges": [...], "cycles": [...]}`: nodes with key, id, title, group,
    /// status text and category; edges `from` a prerequisite `to` its dependent, of kind
    /// `depends` or `merge`; cycles as lists of keys in dependency order.
    public static func json(_ plan: Plan, policy: SchedulePolicy = SchedulePolicy()) -> String {
        let graph = PlanGraph(plan, policy: policy)
        let nodes: [EmittedJSON] = plan.batches.map { batch in
            .object([
                ("key", .string(batch.key)),
                ("id", .string(batch.id)),
                ("title", .string(batch.title)),
                ("group", batch.group.map(EmittedJSON.string) ?? .null),
                ("status", .string(batch.status.raw)),
                ("category", .string(batch.status.category.rawValue)),
                ("line", .int(batch.source.line)),
            ])
        }
        let edgeValues: [EmittedJSON] = edges(graph).map { edge in
            .object([
                ("from", .string(graph[edge.from].key)),
                ("to", .string(graph[edge.to].key)),
                ("kind", .string(edge.merge ? "merge" : "depends")),
            ])
        }
        let cycles: [EmittedJSON] = graph.cycles.map { .array($0.keys.map(EmittedJSON.string)) }
        return EmittedJSON.object([("nodes", .array(nodes)), ("edges", .array(edgeValues)), ("cycles", .array(cycles))]).text() + "\n"
    }
}
