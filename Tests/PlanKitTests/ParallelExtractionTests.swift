@testable import PlanKit
import PlanSyntax
import Testing

/// Long plans are read by two threads; the plan must be the one a single thread extracts.
@Suite struct ParallelExtractionTests {
    /// The plan as JSON, with every parallel pass on (threshold 2) or off.
    private func plan(_ text: String, parallel: Bool) -> [UInt8] {
        extraction(text, parallel: parallel, tracing: false).plan
    }

    /// The plan as JSON and the trace `baton inspect` prints (empty when not tracing).
    private func extraction(_ text: String, parallel: Bool, tracing: Bool) -> (plan: [UInt8], trace: [Range<Int>: String]) {
        var run = ExtractionRun(document: PlanDocument(text), path: "plan.md", vocabulary: .standard)
        run.recordsTrace = tracing
        run.parallelBodies = parallel ? 2 : .max
        run.parallelMinimum = parallel ? 2 : .max
        let plan = run.extract()
        return (Plan.jsonBytes([plan]), run.trace)
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
        // Found on the other core while the serial passes run, appended where one thread would have.
        #expect(String(decoding: split, as: UTF8.self).contains("\"code\":\"encoding\""))
        let same = single == split
        #expect(same)
    }

    /// Batch bodies are cut into parts by bytes, not by count.
    @Test func bodiesAreCutWhereTheBytesAre() {
        func starts(_ lineCounts: [Int], parts: Int) -> [Int] {
            var text = ""
            for (number, lines) in lineCounts.enumerated() {
                text += "## Batch B\(number + 1)\n" + String(repeating: "- Owns: src/part/**\n", count: lines)
            }
            let document = PlanDocument(text)
            let headings = document.blocks.indices.filter { if case .heading = document.blocks[$0].kind { true } else { false } }
            let bodies = headings.indices.map { headings[$0] + 1..<(($0 + 1 < headings.count) ? headings[$0 + 1] : document.blocks.count) }
            return ExtractionRun.partStarts(bodies, parts: parts, in: document.blocks)
        }
        #expect(starts([90] + Array(repeating: 10, count: 9), parts: 2) == [0, 1, 10])
        #expect(starts(Array(repeating: 10, count: 9) + [90], parts: 2) == [0, 9, 10])
        #expect(starts(Array(repeating: 10, count: 10), parts: 2) == [0, 5, 10])
        #expect(starts([10, 10], parts: 2) == [0, 1, 2])
        #expect(starts(Array(repeating: 10, count: 16), parts: 8) == [0, 2, 4, 6, 8, 10, 12, 14, 16])
        #expect(starts([40] + Array(repeating: 10, count: 12), parts: 4) == [0, 1, 5, 9, 13])
    }

    /// Entries of every kind the list walk meets: details of table rows (matched by title), new id-led
    /// entries with a title only in a field, status lines, bold definitions, entries holding other id-led
    /// items, and phases over tasks that are not entries at all.
    private var listEntries: String {
        var text = "# Plan\n\n| ID | Title | Status |\n|---|---|---|\n"
        for number in 1...300 { text += "| T\(number) | Verify part \(number) of the long table title | queued |\n" }
        text += "\n## Details\n\n"
        let statuses = ["done", "in progress", "queued", "weird-status", "blocked"]
        for number in 1...300 {
            text += "- **T\(number)**\n  - Verify part \(number)\n  - Depends on: T\(max(1, number - 1))\n  - Owns: `src/t\(number)/**`\n"
            text += "- G\(number)\n  - Title: Entry \(number)\n  - Status: \(statuses[number % statuses.count])\n"
            text += "  - Gate: `make g\(number)`\n  - Acceptance:\n    - Works after G\(max(1, number - 1)).\n"
            text += "    - [x] Confirm dependency on T\(number) outputs\n"
            text += "- T\(number) done\n"
            text += "- **F\(number)a — Bold entry \(number).** **Depends on: G\(number).**\n  - Owns: lib/f\(number)\n"
            text += "- H\(number) Holder\n  - Status: done\n  - H\(number)x Nested entry\n    - Status: open\n"
            text += "- **Planning**\n  - [x] Confirm dependency on G\(number) outputs\n  - [ ] Sketch\n"
        }
        return text
    }

    @Test func listEntriesReadAheadGiveTheSamePlan() {
        let text = listEntries
        let single = plan(text, parallel: false)
        let split = plan(text, parallel: true)
        #expect(single.count > 100_000)
        let titledByField = String(decoding: single, as: UTF8.self).contains("\"title\":\"Entry 7\"")
        #expect(titledByField)
        let same = single == split
        #expect(same)
    }

    /// `baton inspect` records which recognizer took each block: reading entries ahead must not change that.
    @Test func listEntriesReadAheadKeepTheTrace() {
        let single = extraction(listEntries, parallel: false, tracing: true)
        let ahead = extraction(listEntries, parallel: true, tracing: true)
        #expect(single.trace.values.contains { $0.hasPrefix("field status of G") })
        let samePlan = single.plan == ahead.plan
        let sameTrace = single.trace == ahead.trace
        #expect(samePlan)
        #expect(sameTrace)
    }
}
