@testable import PlanKit
import PlanSyntax
import Testing

/// Batch bodies are read by two threads on long plans; the plan must be the one a single thread extracts.
@Suite struct ParallelExtractionTests {
    private func plan(_ text: String, parallelBodies: Int) -> [UInt8] {
        var run = ExtractionRun(document: PlanDocument(text), path: "plan.md", vocabulary: .standard)
        run.recordsTrace = false
        run.parallelBodies = parallelBodies
        return Plan.jsonBytes([run.extract()], evidence: [:])
    }

    @Test func bodiesReadSideBySideGiveTheSamePlan() {
        var text = "# Plan\n\n"
        let statuses = ["done", "in progress", "queued", "weird-status", "blocked"]
        for number in 1...400 {
            text += "## Batch B\(number): Part \(number)\n"
            text += "- Status: \(statuses[number % statuses.count])\n"
            text += "- Depends on: B\(max(1, number - 1)), B\(max(1, number / 2)), upstream lib\(number)\n"
            text += "- Owns: src/part\(number)/**, tests/test_\(number).py\n"
            text += "- Gate: `swift test --filter Part\(number)`\n"
            text += "- Acceptance:\n  - Works after B\(max(1, number - 3)) lands.\n"
            text += "- **Planning**\n  - [x] Confirm dependency on Batch B\(max(1, number - 2)) outputs\n  - [ ] Sketch\n\n"
            text += "Status: \(number % 7 == 0 ? "unclear" : "done")\n\n"
        }
        let single = plan(text, parallelBodies: .max)
        let split = plan(text, parallelBodies: 2)
        #expect(single.count > 100_000)
        #expect(String(decoding: single, as: UTF8.self).contains("\"unknown-status\""))
        let same = single == split
        #expect(same)
    }
}
