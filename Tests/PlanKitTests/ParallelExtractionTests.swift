@testable import PlanKit
import PlanSyntax
import Testing

/// Long plans are read by two threads; the plan must be the one a single thread extracts.
@Suite struct ParallelExtractionTests {
    /// The plan as JSON, with every parallel pass on (threshold 2) or off.
    private func plan(_ text: String, parallel: Bool) -> [UInt8] {
        var run = ExtractionRun(document: PlanDocument(text), path: "plan.md", vocabulary: .standard)
        run.recordsTrace = false
        run.parallelBodies = parallel ? 2 : .max
        run.parallelMinimum = parallel ? 2 : .max
        return Plan.jsonBytes([run.extract()], evidence: [:])
    }

    @Test func passesReadSideBySideGiveTheSamePlan() {
        // Every pass that can run on two cores has something to find: a legend, arrows, a range status,
        // mis-encoded text, prose dependencies by alias, group references and unknown statuses.
        var text = "# Plan\n\nStatuses: ✅ = Complete, ⏳ = Queued\n\nB1 -> B2\n\n**Status**: Batches 3-5 Complete âœ…\n\n"
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
        text += "## Tooling\n\n## Batch T1: Lint setup\n- Depends on: tooling batches, Part 3\n\n"
        let single = plan(text, parallel: false)
        let split = plan(text, parallel: true)
        #expect(single.count > 100_000)
        #expect(String(decoding: single, as: UTF8.self).contains("\"unknown-status\""))
        let same = single == split
        #expect(same)
    }
}
