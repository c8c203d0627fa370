import Foundation
import PlanKit
import PlanSyntax
import Testing

@Suite struct EditTests {
    private func mark(_ text: String, _ key: String, _ category: StatusCategory, date: EditDate? = nil,
                      insert: Bool = false) throws -> (text: String, notes: [String]) {
        let bytes = Array(text.utf8)
        let plan = PlanExtractor().extract(PlanDocument(bytes: bytes), path: "plan.md")
        let result = try StatusEdit.plan(for: key, to: category, date: date, insert: insert, in: plan, source: bytes)
        return (String(decoding: TextEdit.apply(result.edits, to: bytes), as: UTF8.self), result.notes)
    }

    @Test func applyKeepsUntouchedBytes() {
        let source: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a\r\nb\r\n".utf8) + [0xFF]
        let edited = TextEdit.apply([TextEdit(range: 3..<4, replacement: "xyz")], to: source)
        #expect(edited == [0xEF, 0xBB, 0xBF] + Array("xyz\r\nb\r\n".utf8) + [0xFF])
    }

    @Test(arguments: [("✅", "âœ…"), ("⏳", "â³"), ("⏸️", "â¸ï¸")])
    func misencodesLikeTheDocument(glyph: String, expected: String) {
        #expect(LegacyEncoding.cp1252.misencode(glyph) == expected)
        #expect(MojibakeRepair.repair(expected) == glyph)
    }

    @Test func cp1254KeepsItsTurkishLetters() {
        #expect(LegacyEncoding.cp1254.misencode("🟢") == "ğŸŸ¢")
    }

    @Test func tableCellTakesTheLegendGlyphAndWord() throws {
        let plan = """
        | Batch | Deliverables | Status |
        |-------|--------------|--------|
        | C1    | Storage      | ⏳ Queued |
        | C2    | Query        | 🟢 Hydrated |

        *Statuses*: ✅ = Complete, ⏳ = Queued, 🟢 = Hydrated
        """
        let marked = try mark(plan, "C1", .done)
        #expect(marked.text == plan.replacingOccurrences(of: "| ⏳ Queued |", with: "| ✅ Complete |"))
        // No legend glyph for `blocked`: the canonical word, and a note that says so.
        let blocked = try mark(plan, "C1", .blocked)
        #expect(blocked.text.contains("| C1    | Storage      | Blocked |"))
        #expect(blocked.notes.contains { $0.contains("no glyph for blocked") })
    }

    @Test func alignedCellKeepsItsPipe() throws {
        let plan = """
        | Batch | Status       |
        |-------|--------------|
        | C1    | ⏳ Queued     |
        | C2    | ✅ Complete   |

        *Statuses*: ✅ = Complete, ⏳ = Queued
        """
        let marked = try mark(plan, "C1", .done)
        #expect(marked.text.contains("| C1    | ✅ Complete   |\n"))
    }

    @Test func misencodedTableStaysMisencoded() throws {
        let plan = """
        | Batch | Status |
        |-------|--------|
        | O7    | â³ Queued  |
        | O8    | ğŸŸ¢ Hydrated  |

        *Statuses*: âœ… = Complete, â³ = Queued, ğŸŸ¢ = Hydrated
        """
        #expect(try mark(plan, "O7", .done).text.contains("| O7    | âœ… Complete  |"))
        #expect(try mark(plan, "O7", .review).text.contains("| O7    | ğŸŸ¢ Hydrated  |"))
    }

    @Test func fieldInGermanWithTheDocumentsDateStyle() throws {
        let plan = """
        Wave W1

          • B01 Alias closure
            • Ziel: Aliase schliessen
            • Status: abgeschlossen am April 10, 2026
          • B02 Viewer
            • Ziel: Viewer
            • Status: in Arbeit am April 10, 2026
        """
        let marked = try mark(plan, "B02", .done, date: EditDate(iso: "2026-11-21"))
        #expect(marked.text.contains("    • Status: abgeschlossen am November 21, 2026\n") || marked.text.hasSuffix("    • Status: abgeschlossen am November 21, 2026"))
        #expect(try mark(plan, "B01", .blocked).text.contains("• Status: blockiert am April 10, 2026"))
    }

    @Test func isoDatesStayISO() throws {
        let plan = """
        ## Batch B1: Parser
        - Status: done (2026-04-10)

        ## Batch B2: Checker
        - Status: in progress
        """
        #expect(try mark(plan, "B1", .done, date: EditDate(iso: "2026-11-21")).text.contains("- Status: done (2026-11-21)"))
        #expect(try mark(plan, "B2", .done).text.contains("- Status: done\n") || true)
        #expect(try mark(plan, "B2", .done).text.hasSuffix("- Status: done"))
    }

    @Test func proseUsesTheDocumentsDoneWord() throws {
        let plan = """
        ## Batch N1: Contracts
        ## Batch N2: Invocation

        Current Execution Status

          • N1 verified
          • N2 in progress
        """
        #expect(try mark(plan, "N2", .done).text.contains("  • N2 verified"))
    }

    @Test func headingAndFrontMatter() throws {
        let heading = """
        # Roadmap

        ## Phase 0 – Setup – closed
        - [x] repo

        ## Phase 1 – Build – open
        - [ ] code
        """
        let marked = try mark(heading, "1", .done)
        #expect(marked.text.contains("## Phase 1 – Build – closed\n- [ ] code"))
        let front = """
        ---
        todos:
          - id: phase-0
            content: Setup
            status: completed
          - id: phase-1
            content: Build
            status: pending
        ---
        # Plan
        """
        #expect(try mark(front, "phase-1", .active).text.contains("status: in_progress"))
        #expect(try mark(front, "phase-1", .done).text.contains("    status: completed\n---"))
    }

    @Test func checklistOnlyBatchChecksEveryBox() throws {
        let plan = """
        ## Workstream A — Build
        - **Planning**
          - ✅ Scope
          - ☐ Environments
        - **Coding**
          - [ ] Workflow
          - [x] Tests

        ## Workstream B — Viewer
        - **Planning**
          - ✅ Targets
        """
        let done = try mark(plan, "A", .done).text
        #expect(done.contains("  - ✅ Environments") && done.contains("  - [x] Workflow"))
        let todo = try mark(plan, "A", .todo).text
        #expect(todo.contains("  - ☐ Scope") && todo.contains("  - [ ] Tests"))
        #expect(throws: EditError.checklistCannotExpress(key: "A", .blocked)) { try mark(plan, "A", .blocked) }
    }

    @Test func insertsAStatusLineInTheStyleOfItsNeighbours() throws {
        let plan = """
        Wave W2

          • B05 Family nodes
            • Ziel: Nodes trennen
            • Abhaengigkeit: B04
            • Status: abgeschlossen am April 10, 2026
          • B08 Starter graph
            • Ziel: Blueprints ziehen
            • Parallel zu: B07

        Wave W3
        """
        #expect(throws: EditError.self) { try mark(plan, "B08", .done, date: EditDate(iso: "2026-11-21")) }
        let inserted = try mark(plan, "B08", .done, date: EditDate(iso: "2026-11-21"), insert: true).text
        #expect(inserted.contains("    • Parallel zu: B07\n    • Status: abgeschlossen am November 21, 2026\n\nWave W3"))
    }

    @Test func unknownAndAmbiguousIds() throws {
        let plan = """
        ### 1 · Docs
        | Batch | Status |
        |---|---|
        | D1 | done |

        ### 2 · Demo
        | Batch | Status |
        |---|---|
        | D1 | todo |
        """
        #expect(throws: EditError.self) { try mark(plan, "Z9", .done) }
        do {
            _ = try mark(plan, "D1", .done)
            Issue.record("an ambiguous id was accepted")
        } catch let error as EditError {
            #expect(error.description.contains("D1@docs") && error.description.contains("D1@demo"))
        }
        #expect(try mark(plan, "D1@demo", .done).text.hasSuffix("| D1 | done |"))
    }

    @Test func phaseOrderRefusesLaterTasksUnlessForced() throws {
        let text = """
        Coding must only begin after the planning and scaffolding steps are marked complete.

        ## Workstream A — Build
        - **Planning**
          - ✅ Scope
        - **Scaffolding**
          - ☐ Presets
        - **Coding**
          - ☐ Workflow
        """
        let bytes = Array(text.utf8)
        var plan = PlanExtractor().extract(PlanDocument(bytes: bytes), path: "plan.md")
        plan.phaseOrder = ["Planning", "Scaffolding", "Coding"]
        plan.phaseOrderIsStrict = true
        do {
            _ = try ChecklistEdit.plan(for: "A", task: .text("workflow"), checked: true, in: plan, source: bytes)
            Issue.record("a Coding task was checked before Scaffolding was complete")
        } catch {
            #expect(error.description.contains("Scaffolding: Presets"))
        }
        let forced = try ChecklistEdit.plan(for: "A", task: .text("workflow"), checked: true, force: true, in: plan, source: bytes)
        #expect(String(decoding: TextEdit.apply(forced.edits, to: bytes), as: UTF8.self).contains("  - ✅ Workflow"))
        #expect(forced.notes.contains { $0.contains("override") })
        let scaffolding = try ChecklistEdit.plan(for: "A", task: .number(2), checked: true, in: plan, source: bytes)
        #expect(String(decoding: TextEdit.apply(scaffolding.edits, to: bytes), as: UTF8.self).contains("  - ✅ Presets"))
    }
}
