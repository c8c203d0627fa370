import Foundation
import PlanKit
import PlanSyntax
import Testing

/// The seeds from `../shared/seeds` (skipped with a message when absent).
@Suite struct EditSeedTests {
    private func seed(_ prefix: String) -> [UInt8]? {
        let directory = EditRoundTripTests.shared + "/seeds"
        guard let name = (try? FileManager.default.contentsOfDirectory(atPath: directory))?.first(where: { $0.hasPrefix(prefix) }),
              let data = FileManager.default.contents(atPath: directory + "/" + name) else {
            print("skipping: seed \(prefix) not found under \(directory)")
            return nil
        }
        return [UInt8](data)
    }

    private func extract(_ bytes: [UInt8]) -> Plan {
        PlanExtractor().extract(PlanDocument(bytes: bytes), path: "plan.md")
    }

    private func lines(_ bytes: [UInt8]) -> [String] {
        String(decoding: bytes, as: UTF8.self).components(separatedBy: "\n")
    }

    @Test func seed001MarkO7Done() throws {
        guard let original = seed("001") else { return }
        let plan = extract(original)
        #expect(Linter.lint(plan, source: original).contains { $0.code == "done-before-dependency" && $0.message.hasPrefix("O8") })
        let result = try StatusEdit.plan(for: "O7", to: .done, in: plan, source: original)
        let marked = TextEdit.apply(result.edits, to: original)
        let before = lines(original)
        let after = lines(marked)
        let changed = before.indices.filter { before[$0] != after[$0] }
        #expect(changed.count == 1)
        let row = try #require(changed.first.map { after[$0] })
        #expect(row.hasPrefix("| O7 "))
        // The legend's glyph and word, mis-encoded like every other glyph of the file.
        #expect(row.contains("| âœ… Complete "))
        #expect(row.replacingOccurrences(of: "âœ… Complete", with: "â³ Queued") == before[changed[0]])
        let replanned = extract(marked)
        #expect(replanned.batches.first { $0.key == "O7" }?.status.category == .done)
        #expect(!Linter.lint(replanned, source: marked).contains { $0.code == "done-before-dependency" && $0.message.hasPrefix("O8") })
    }

    @Test func seed002InsertsAGermanStatusLineForB08() throws {
        guard let original = seed("002") else { return }
        let plan = extract(original)
        #expect(throws: EditError.self) {
            try StatusEdit.plan(for: "B08", to: .done, date: EditDate(iso: "2026-11-21"), in: plan, source: original)
        }
        let result = try StatusEdit.plan(for: "B08", to: .done, date: EditDate(iso: "2026-11-21"), insert: true, in: plan, source: original)
        let marked = lines(TextEdit.apply(result.edits, to: original))
        let before = lines(original)
        #expect(marked.count == before.count + 1)
        let index = try #require(marked.firstIndex(of: "    • Status: abgeschlossen am November 21, 2026"))
        // Under B08's own fields, in the style of B05's line.
        #expect(before[..<index].last { $0.contains("B08") }?.contains("• B08 Starter graph") == true)
        #expect(before.contains("    • Status: abgeschlossen am April 10, 2026"))
        #expect(extract(TextEdit.apply(result.edits, to: original)).batches.first { $0.key == "B08" }?.status.category == .done)
    }

    @Test func seed002ProseUsesVerified() throws {
        guard let original = seed("002") else { return }
        let result = try StatusEdit.plan(for: "N3", to: .done, in: extract(original), source: original)
        let marked = lines(TextEdit.apply(result.edits, to: original))
        #expect(marked.contains("  • N3 verified"))
    }

    @Test func seed000ChecksTasksInPhaseOrder() throws {
        guard let original = seed("000") else { return }
        let plan = extract(original)
        #expect(plan.phaseOrderIsStrict)
        // Workstream A's Planning and Scaffolding are complete, so its Coding tasks may be checked.
        let allowed = try ChecklistEdit.plan(for: "A", task: .number(7), checked: true, in: plan, source: original)
        #expect(lines(TextEdit.apply(allowed.edits, to: original)).contains("  - ✅ Implement GitHub workflow invoking OCCT build presets and uploading artifacts."))
        // Unchecking a Planning task makes the Coding ones wait.
        let unchecked = TextEdit.apply(try ChecklistEdit.plan(for: "A", task: .number(1), checked: false, in: plan, source: original).edits, to: original)
        #expect(lines(unchecked).contains { $0.hasPrefix("  - ☐ Align scope") })
        #expect(throws: EditError.self) {
            try ChecklistEdit.plan(for: "A", task: .number(7), checked: true, in: extract(unchecked), source: unchecked)
        }
        let done = TextEdit.apply(try StatusEdit.plan(for: "B", to: .done, in: plan, source: original).edits, to: original)
        #expect(extract(done).batches.first { $0.key == "B" }?.progress == Progress(done: 9, total: 9))
    }
}
