import Testing
@testable import PlanKit

@Suite struct GraphExportTests {
    @Test func mermaidRendersOnGitHub() {
        let plan = Fixture.plan([
            Fixture.batch("1–4", group: "1 · Compiler \"core\"", .done, line: 1),
            Fixture.batch("D1@demo", id: "D1", title: "Webcam <capture> & #1", group: "1 · Compiler \"core\"", line: 10, dependsOn: ["1–4"]),
            Fixture.batch("B04-a", group: nil, .active, line: 20, mergeAfter: ["D1@demo"]),
        ])
        let mermaid = GraphExport.mermaid(plan)
        #expect(mermaid == """
        flowchart TD
          subgraph g0["1 · Compiler #quot;core#quot;"]
            b_1_4["1–4: Title of 1–4"]
            b_D1_demo["D1: Webcam #lt;capture#gt; #amp; #35;1"]
          end
          b_B04_a["B04-a: Title of B04-a"]
          b_1_4 --> b_D1_demo
          b_D1_demo -.-> b_B04_a
          classDef todo fill:#f5f5f5,stroke:#9e9e9e,color:#111
          class b_D1_demo todo
          classDef active fill:#fff3c4,stroke:#e0a800,color:#111
          class b_B04_a active
          classDef done fill:#d1fae5,stroke:#10b981,color:#111
          class b_1_4 done

        """)
    }

    @Test func nodeIDsStayUnique() {
        let plan = Fixture.plan([Fixture.batch("a-b", line: 1), Fixture.batch("a_b", line: 2), Fixture.batch("a.b", line: 3)])
        #expect(GraphExport.nodeIDs(plan) == ["b_a_b", "b_a_b_2", "b_a_b_3"])
    }

    @Test func dotHasClustersAndEscapes() {
        let dot = GraphExport.dot(Fixture.seed001)
        #expect(dot.hasPrefix("digraph plan {\n"))
        #expect(dot.contains("subgraph cluster_0 {\n    label=\"1 · Coh_CC Compiler Batches\";"))
        #expect(dot.contains("b_O7 -> b_O8;"))
    }

    @Test func jsonListsNodesEdgesAndCycles() {
        let json = GraphExport.json(Fixture.plan([
            Fixture.batch("A", line: 1, dependsOn: ["B"]), Fixture.batch("B", line: 10, dependsOn: ["A"]),
        ]))
        #expect(json.contains("\"from\": \"B\""))
        #expect(json.contains("\"cycles\": [\n    [\n      \"A\",\n      \"B\"\n    ]\n  ]"))
    }
}
