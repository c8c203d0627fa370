import Foundation
import Testing

@Suite struct ScheduleCommandTests {
    private func plan(_ text: String) throws -> (URL, String) {
        let directory = try BatonProcess.temporaryDirectory()
        let file = directory.appendingPathComponent("plan.md")
        try text.write(to: file, atomically: true, encoding: .utf8)
        return (directory, file.path)
    }

    @Test func explainNamesUnknownAndAmbiguousIds() throws {
        let (directory, path) = try plan("""
        ## 1 · Docs
        | Batch | Deliverables | Status |
        |---|---|---|
        | D1 | Handbook | ✅ Done |
        ## 2 · Demo
        | Batch | Deliverables | Status |
        |---|---|---|
        | D1 | Webcam demo | ⏳ Queued |
        """)
        defer { try? FileManager.default.removeItem(at: directory) }
        let unknown = try BatonProcess.run(["explain", path, "Z9"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("Z9"))
        let ambiguous = try BatonProcess.run(["explain", path, "D1"])
        #expect(ambiguous.status == 64)
        #expect(ambiguous.stderr.contains("D1@docs") && ambiguous.stderr.contains("D1@demo"))
        let known = try BatonProcess.run(["explain", path, "D1@demo"])
        #expect(known.status == 0)
        #expect(known.stdout.contains("plan.md:8"))
    }

    @Test func orderNamesTheCycleAndOrdersTheRest() throws {
        let (directory, path) = try plan("""
        ## Batch A1: Start
        - Gate: `true`
        ## Batch B1: Loop one
        - Depends on: C1
        - Gate: `true`
        ## Batch C1: Loop two
        - Depends on: B1
        - Gate: `true`
        ## Batch D1: Free
        - Depends on: A1
        - Gate: `true`
        """)
        defer { try? FileManager.default.removeItem(at: directory) }
        let order = try BatonProcess.run(["order", path])
        #expect(order.status == 1)
        #expect(order.stdout.contains("B1 → C1") || order.stdout.contains("C1 → B1"))
        #expect(order.stdout.contains("A1") && order.stdout.contains("D1"))
        let lint = try BatonProcess.run(["lint", path])
        #expect(lint.status == 1)
        #expect(lint.stdout.contains("[dependency-cycle]"))
        let graph = try BatonProcess.run(["graph", path, "--format", "mermaid"])
        #expect(graph.status == 0)
        #expect(graph.stdout.hasPrefix("flowchart"))
    }
}
